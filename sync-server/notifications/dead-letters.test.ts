// Delivery failures (issue 14): an address the server refuses, or one that is no address, is a dead
// letter after one attempt with its reason; a transient failure is retried with backoff up to
// NOTIFY_MAX_ATTEMPTS, then dead. The clock is the test's, so a retry falls due only when it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  startBookingHarness,
  startPaying,
  type BookingHarness,
  type TestBooking,
} from '../../test/support/bookings.js';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/support/smtp-test-server.js';
import { backoffMs } from './deliver.js';
import { queueMessage } from './queue.js';

let h: BookingHarness;
let mailbox: SmtpTestServer;
// Real time while booking; frozen while the test steps through retries.
let frozen: Date | null = null;
const now = () => frozen ?? new Date();

beforeAll(async () => {
  mailbox = await startSmtpTestServer();
  h = await startBookingHarness({
    config: {
      mailTransport: 'smtp',
      smtpHost: '127.0.0.1',
      smtpPort: mailbox.port,
      smtpSecurity: 'none',
      notifyPollMs: 3_600_000,
      notifyMaxAttempts: 3,
      notifyRetrySeconds: 1,
      notifyRetryMaxSeconds: 60,
      reminderHours: 0,
    },
    now,
  });
});
afterAll(async () => {
  await h.app.close();
  await mailbox.stop();
});

type Row = { id: string; status: string; attempts: number; last_error: string | null };
const messagesTo = (recipient: string) =>
  h.rows<Row & { next_attempt_at: Date }>(
    'SELECT id, status, attempts, last_error, next_attempt_at FROM messages WHERE recipient = $1',
    [recipient],
  );

/** A guest booking for `email`, paid; `before` runs once paying has started (it checks the address). */
async function paidBooking(
  seat: string,
  email: string,
  before?: (b: TestBooking) => Promise<void>,
): Promise<TestBooking> {
  const hold = await holdSeats(h.app, h.fx.showId, [seat]);
  const b = await bookHold(h.app, hold, h.fx.ticketTypes.adult, {}, { guest: { email } });
  const payment = await startPaying(h.app, b);
  await before?.(b);
  const paid = await payWithCard(h.app, payment, CARDS.ok);
  expect(paid.status).toBe('succeeded');
  return b;
}

const queue = (bookingId: string, channel: 'email' | 'sms', recipient: string) =>
  queueMessage(h.app.ctx.db.$client, {
    dedupeKey: `test:${channel}:${recipient}`,
    kind: 'booking.confirmed',
    channel,
    recipient,
    customerId: null,
    bookingId,
    eventId: null,
    data: {},
    at: now(),
  });

describe('backoffMs', () => {
  const policy = { maxAttempts: 10, retrySeconds: 30, retryMaxSeconds: 3600, leaseMs: 60_000 };
  it('doubles from retrySeconds with each attempt, and caps at retryMaxSeconds', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffMs(a, policy, mid))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000,
    ]);
    expect(backoffMs(8, policy, mid)).toBe(3_600_000);
    expect(backoffMs(50, policy, mid)).toBe(3_600_000);
    expect(backoffMs(0, policy, mid)).toBe(30_000);
  });
  it('jitters by ±20 %', () => {
    expect(backoffMs(1, policy, () => 0)).toBe(24_000);
    expect(backoffMs(1, policy, () => 1)).toBe(36_000);
    expect(backoffMs(99, policy, () => 1)).toBe(4_320_000);
  });
});

describe('dead letters', () => {
  it('an address the SMTP server refuses with 550 is dead after one attempt, with its reason', async () => {
    mailbox.behaviour.refuse.set('refused@example.com', {
      code: 550,
      text: '5.1.1 No such user here',
    });
    await paidBooking(h.seat(0, 0), 'refused@example.com');
    await h.app.ctx.notifications.drain();
    const [row] = await messagesTo('refused@example.com');
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.last_error).toMatch(/550.*No such user here/);
    // Never retried, however late it gets.
    frozen = new Date(Date.now() + 86_400_000);
    await h.app.ctx.notifications.drain();
    frozen = null;
    expect((await messagesTo('refused@example.com'))[0]?.attempts).toBe(1);
    expect(mailbox.received).toEqual([]);
  });

  it('a malformed address on a booking, or queued directly, is dead at once with a reason', async () => {
    const b = await paidBooking(h.seat(0, 1), 'fine@example.com', async (booking) => {
      await h.rows("UPDATE bookings SET email = 'not an address' WHERE id = $1", [booking.id]);
    });
    expect(await queue(b.id, 'email', 'someone@localhost')).toBe(true);
    expect(await queue(b.id, 'sms', 'call me maybe')).toBe(true);
    await h.app.ctx.notifications.drain();
    expect(await messagesTo('not an address')).toMatchObject([
      { status: 'dead', attempts: 1, last_error: 'address contains a space' },
    ]);
    expect(await messagesTo('someone@localhost')).toMatchObject([
      { status: 'dead', attempts: 1, last_error: 'the domain has no dot' },
    ]);
    expect(await messagesTo('call me maybe')).toMatchObject([
      { status: 'dead', attempts: 1, last_error: 'not a phone number SMS can reach' },
    ]);
    expect(mailbox.received).toEqual([]);
  });

  it('a transient failure (451) is retried with backoff, then dead after NOTIFY_MAX_ATTEMPTS', async () => {
    const [booking] = await h.rows<{ id: string }>('SELECT id FROM bookings LIMIT 1');
    mailbox.behaviour.dataReply = { code: 451, text: '4.3.0 Try again later' };
    const t0 = new Date();
    frozen = t0;
    try {
      await queue(booking?.id ?? '', 'email', 'later@example.com');
      await h.app.ctx.notifications.drain();
      let [row] = await messagesTo('later@example.com');
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row?.last_error).toMatch(/451.*Try again later/);
      // Due about NOTIFY_RETRY_SECONDS later (±20 %), not before.
      const wait1 = (row?.next_attempt_at.getTime() ?? 0) - t0.getTime();
      expect(wait1).toBeGreaterThanOrEqual(800);
      expect(wait1).toBeLessThanOrEqual(1200);
      await h.app.ctx.notifications.drain();
      expect((await messagesTo('later@example.com'))[0]?.attempts).toBe(1);

      frozen = new Date(t0.getTime() + 2000);
      await h.app.ctx.notifications.drain();
      [row] = await messagesTo('later@example.com');
      expect(row).toMatchObject({ status: 'pending', attempts: 2 });
      // The second wait is double the first (1.6–2.4 s).
      const wait2 = (row?.next_attempt_at.getTime() ?? 0) - frozen.getTime();
      expect(wait2).toBeGreaterThanOrEqual(1600);
      expect(wait2).toBeLessThanOrEqual(2400);

      frozen = new Date(t0.getTime() + 5000);
      await h.app.ctx.notifications.drain();
      [row] = await messagesTo('later@example.com');
      expect(row).toMatchObject({ status: 'dead', attempts: 3 });
      expect(row?.last_error).toMatch(/^gave up after 3 attempts: SMTP 451/);

      frozen = new Date(t0.getTime() + 3_600_000);
      await h.app.ctx.notifications.drain();
      expect((await messagesTo('later@example.com'))[0]?.attempts).toBe(3);
    } finally {
      frozen = null;
      mailbox.behaviour.dataReply = null;
    }
    expect(mailbox.received).toEqual([]);
  });
});
