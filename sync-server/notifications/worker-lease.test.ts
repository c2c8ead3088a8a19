// A claim's lease must cover a send, not a send plus the wait behind every other message the
// process claimed with it: otherwise, when sends are slow, a second process takes over messages
// the first still means to send, and both send them (found by bench P11, issue 14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import type { DeliverDeps } from './deliver.js';
import { queueMessage } from './queue.js';
import { createNotificationWorker, type NotificationWorker } from './worker.js';

let db: PgDb;
let url = '';
let pool: pg.Pool;

beforeAll(async () => {
  ({ db, url } = await freshPg());
  pool = db.$client;
});
afterAll(async () => {
  await db.$client.end();
});

describe('claim leases', () => {
  it('never lets a second process send what the first has claimed and will still send', async () => {
    // The clock moves only when process A sends: each of its sends takes one second, well within
    // the lease; B's sends take no time.
    let clock = Date.UTC(2026, 11, 4, 12);
    const now = () => new Date(clock);
    const sends: string[] = [];
    const workers: Record<'a' | 'b', NotificationWorker | null> = { a: null, b: null };
    let sentByA = 0;
    const deps = (name: 'a' | 'b'): DeliverDeps => ({
      pool,
      now,
      retry: { maxAttempts: 5, retrySeconds: 1, retryMaxSeconds: 1, leaseMs: 2500 },
      links: { manage: () => null, unsubscribe: () => Promise.resolve(''), reset: (t) => t },
      render: {
        email: () => Promise.resolve({ subject: 's', text: 't', html: 'h', attachments: [] }),
        sms: () => 's',
        push: () => ({ title: 't', body: 'b' }),
      },
      outlets: {
        email: {
          name: 'test',
          async send(mail) {
            sends.push(mail.id);
            if (name === 'b') return { ok: true, ref: null };
            clock += 1000;
            // While process A is in its third send, process B looks for work.
            if (++sentByA === 3) await workers.b?.drain();
            return { ok: true, ref: null };
          },
          close: () => Promise.resolve(),
        },
        sms: { name: 'test', send: () => Promise.resolve({ ok: true, ref: null }) },
        push: () => Promise.reject(new Error('no push here')),
        emailProblem: () => null,
        phone: (raw) => raw,
      },
    });
    const worker = (name: 'a' | 'b') =>
      createNotificationWorker({
        ...deps(name),
        listenUrl: url,
        pollMs: 60_000,
        concurrency: 1,
        reminderHours: 0,
        onError: (e) => {
          throw e;
        },
      });
    workers.a = worker('a');
    workers.b = worker('b');
    for (let i = 0; i < 10; i++)
      await queueMessage(pool, {
        dedupeKey: `lease:${String(i)}`,
        kind: 'password.reset',
        channel: 'email',
        recipient: `user${String(i)}@example.com`,
        customerId: null,
        bookingId: null,
        eventId: null,
        data: { token: `token-${String(i)}`, name: 'User', expiresMinutes: 30, locale: 'en' },
        at: now(),
      });

    await workers.a.drain();

    const status = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE status = 'sent'",
    );
    expect(status.rows[0]?.n).toBe(10);
    expect(sends).toHaveLength(10);
    expect(new Set(sends).size).toBe(10);
  });
});
