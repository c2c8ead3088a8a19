// P11's push part: a signed-in customer's socket on /api/v1/me/live, and push messages queued one
// at a time with the product's queueMessage; each is timed from its commit to its arrival on the
// socket (queue → worker claim → render → customer's list + NOTIFY → the hub → the socket).
import WebSocket from 'ws';
import type pg from 'pg';
import { queueMessage } from '../../../sync-server/notifications/queue.js';

/** What the push loop measured. */
export type PushRun = { latencies: number[]; missed: number };

type Pushed = { type: string; notification?: { bookingId: string | null } };

/** Signs up a customer through the API; their id and access token. */
async function signUp(base: string): Promise<{ id: string; token: string }> {
  const res = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-push-${String(Date.now())}@example.com`,
      password: 'bench harbour violet 77',
      name: 'Bench Push',
    }),
  });
  if (res.status !== 201) throw new Error(`P11 sign-up failed: ${String(res.status)}`);
  const body = (await res.json()) as { customer: { id: string }; tokens: { accessToken: string } };
  return { id: body.customer.id, token: body.tokens.accessToken };
}

/**
 * Opens the customer's socket, then queues `count` push messages (one per booking, each after
 * the previous arrived or `waitMs` passed) and times each from commit to arrival.
 */
export async function measurePush(
  base: string,
  pool: pg.Pool,
  bookingIds: string[],
  count: number,
  waitMs: number,
): Promise<PushRun> {
  const customer = await signUp(base);
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/me/live`, {
    headers: { authorization: `Bearer ${customer.token}` },
  });
  const waiting = new Map<string, (at: number) => void>();
  let ready: () => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    ready = resolve;
    ws.once('error', reject);
    setTimeout(() => reject(new Error('P11: the push socket was not ready in 10 s')), 10_000);
  });
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const m = JSON.parse(data.toString('utf8')) as Pushed;
    if (m.type === 'ready') ready();
    const id = m.notification?.bookingId;
    if (m.type === 'notification' && typeof id === 'string') waiting.get(id)?.(at);
  });
  const run: PushRun = { latencies: [], missed: 0 };
  try {
    await opened;
    for (let i = 0; i < count; i++) {
      const bookingId = bookingIds[i % bookingIds.length] ?? '';
      let timer: NodeJS.Timeout | undefined;
      const arrived = new Promise<number | null>((resolve) => {
        waiting.set(bookingId, resolve);
        timer = setTimeout(() => resolve(null), waitMs);
      });
      await queueMessage(pool, {
        dedupeKey: `bench:p11:push:${String(i)}`,
        kind: 'booking.confirmed',
        channel: 'push',
        recipient: customer.id,
        customerId: customer.id,
        bookingId,
        eventId: null,
        data: {},
        at: new Date(),
      });
      const committed = performance.now();
      const at = await arrived;
      clearTimeout(timer);
      waiting.delete(bookingId);
      if (at === null) run.missed += 1;
      else run.latencies.push(at - committed);
    }
  } finally {
    ws.terminate();
  }
  return run;
}
