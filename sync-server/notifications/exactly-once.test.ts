// Acceptance (issue 14): SMTP down for a while → retries, then delivery when it returns; nothing
// lost, nothing sent twice, with two server processes working the same queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  startBookingHarness,
  startPaying,
  type BookingHarness,
} from '../../test/support/bookings.js';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/support/smtp-test-server.js';
import { until } from '../../test/support/until.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

let h: BookingHarness;
let second: App;
let mailbox: SmtpTestServer | undefined;
let port = 0;

beforeAll(async () => {
  // A free port with nothing listening: SMTP is down from the start.
  const probe = await startSmtpTestServer();
  port = probe.port;
  await probe.stop();
  const config = {
    mailTransport: 'smtp' as const,
    smtpHost: '127.0.0.1',
    smtpPort: port,
    smtpSecurity: 'none' as const,
    smtpTimeoutMs: 2000,
    notifyPollMs: 50,
    notifyRetrySeconds: 1,
    notifyRetryMaxSeconds: 1,
    notifyMaxAttempts: 1000,
  };
  h = await startBookingHarness({ config });
  // A second server process on the same database, with its own worker.
  second = await buildApp(
    loadServerConfig({}, { ...h.app.ctx.config, ...h.outbox, ...config, logLevel: 'silent' }),
  );
});
afterAll(async () => {
  await second.close();
  await h.app.close();
  await mailbox?.stop();
});

describe('delivery through an outage, by two processes', () => {
  it('retries while SMTP is down, then sends every message exactly once', async () => {
    const { app, fx } = h;
    const bookings = [];
    for (let i = 0; i < 8; i++) {
      const hold = await holdSeats(app, fx.showId, [h.seat(i % 5, Math.floor(i / 5))]);
      const booking = await bookHold(
        app,
        hold,
        fx.ticketTypes.adult,
        {},
        {
          guest: { email: `buyer${String(i)}@example.com` },
        },
      );
      expect((await payWithCard(app, await startPaying(app, booking), CARDS.ok)).status).toBe(
        'succeeded',
      );
      bookings.push(booking);
    }
    const count = async (where: string) =>
      Number(
        (await h.rows<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE ${where}`))[0]?.n,
      );
    // Every confirmation is queued, tried, and waiting for another try: none sent, none dead.
    await until(
      async () => (await count("status = 'pending' AND attempts >= 2")) === 8,
      20_000,
      'retries',
    );
    expect(await count("status <> 'pending'")).toBe(0);
    const reasons = await h.rows<{ last_error: string }>('SELECT last_error FROM messages');
    for (const r of reasons) expect(r.last_error).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await startSmtpTestServer({ port });
    mailbox = smtp;
    await until(async () => (await count("status = 'sent'")) === 8, 20_000, 'delivery');
    // Nothing more arrives: no message was sent by both processes or twice by one.
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(8);
    expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(8);
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(
      bookings.map((_, i) => `buyer${String(i)}@example.com`).sort(),
    );
  });
});
