// Events become messages (issue 14): what each booking event tells its customer, on which channels,
// through the public API as a buyer meets it; and an event fanned out again queues nothing twice.
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  postMoney,
  readBookingAs,
  startBookingHarness,
  startPaying,
  type Buyer,
  type BookingHarness,
  type TestBooking,
} from '../../test/support/bookings.js';
import { sweepBookings } from '../bookings/sweep.js';
import { fanOutEvents, messageOf } from './fanout.js';
import { outboxMessage } from '../../test/support/outbox.js';

type Event = Parameters<typeof messageOf>[0];
const ev = (type: string, data: Record<string, unknown> = {}): Event => ({
  id: 1,
  type,
  booking_id: randomUUID(),
  data,
});
const contact = (paid: boolean) => ({
  customer_id: null,
  email: 'a@example.com',
  phone: null,
  confirmed_at: paid ? new Date() : null,
});

describe('messageOf', () => {
  it('tells each booking event as its kind, with the data its message needs', () => {
    const c = contact(true);
    expect(messageOf(ev('booking.confirmed'), c)).toEqual({ kind: 'booking.confirmed', data: {} });
    expect(
      messageOf(ev('booking.cancelled', { refundMinor: 900, feeMinor: 100, byShow: false }), c),
    ).toEqual({ kind: 'booking.cancelled', data: { refundMinor: 900, feeMinor: 100 } });
    expect(messageOf(ev('booking.expired'), contact(false))).toEqual({
      kind: 'booking.expired',
      data: {},
    });
    expect(messageOf(ev('payment.failed', { reason: 'card_declined' }), c)).toEqual({
      kind: 'payment.failed',
      data: { reason: 'card_declined' },
    });
    expect(messageOf(ev('show.moved', { from: '2030-03-04T17:30:00.000Z', to: 'x' }), c)).toEqual({
      kind: 'show.moved',
      data: { from: '2030-03-04T17:30:00.000Z' },
    });
    // Missing or garbled data falls back to safe values rather than undefined in a template.
    expect(messageOf(ev('payment.failed', {}), c)?.data).toEqual({ reason: 'declined' });
    expect(messageOf(ev('booking.cancelled', { refundMinor: 'x' }), c)?.data).toEqual({
      refundMinor: 0,
      feeMinor: 0,
    });
  });

  it('a booking cancelled with its show is a show.cancelled message, paid or not', () => {
    const byShow = ev('booking.cancelled', { refundMinor: 1250, byShow: true });
    expect(messageOf(byShow, contact(true))).toEqual({
      kind: 'show.cancelled',
      data: { paid: true, refundMinor: 1250 },
    });
    expect(
      messageOf({ ...byShow, data: { refundMinor: 0, byShow: true } }, contact(false)),
    ).toEqual({ kind: 'show.cancelled', data: { paid: false, refundMinor: 0 } });
  });

  it('a refund is its own message unless its cancellation already tells it', () => {
    const data = { amountMinor: 700, feeMinor: 0, reason: 'customer' };
    expect(messageOf(ev('booking.refunded', { ...data, partOfCancel: true }), contact(true))).toBe(
      null,
    );
    expect(
      messageOf(ev('booking.refunded', { ...data, partOfCancel: false }), contact(true)),
    ).toEqual({ kind: 'booking.refunded', data });
    // The bookings side's name for a customer's own refund is the templates' 'customer'.
    expect(
      messageOf(ev('booking.refunded', { ...data, reason: 'customer_cancel' }), contact(true))
        ?.data,
    ).toEqual(data);
    // A refund of a duplicate payment carries no partOfCancel: it is told.
    expect(messageOf(ev('booking.refunded', { amountMinor: 700 }), contact(true))).toEqual({
      kind: 'booking.refunded',
      data: { amountMinor: 700, feeMinor: 0, reason: 'refund' },
    });
  });

  it('staff-only and show-level events tell customers nothing', () => {
    expect(messageOf(ev('refund.failed', { reason: 'x' }), contact(true))).toBe(null);
    expect(messageOf(ev('show.cancelled'), contact(true))).toBe(null);
  });
});

let h: BookingHarness;
const dana = randomUUID(); // a customer with a phone who switched SMS off for confirmations

beforeAll(async () => {
  h = await startBookingHarness({
    // Only drain runs the worker's passes (a commit's NOTIFY may start one too: drain waits for it).
    config: { notifyPollMs: 3_600_000 },
    setup: async (pool) => {
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name, phone) VALUES ($1, 'dana@example.com', 'unusable', 'Dana', '+44 7700 900444')",
        [dana],
      );
    },
  });
});
afterAll(async () => {
  await h.app.close();
});

type Row = { id: string; kind: string; channel: string; status: string; data: unknown };
const messagesOf = (bookingId: string) =>
  h.rows<Row>(
    'SELECT id, kind, channel, status, data FROM messages WHERE booking_id = $1 ORDER BY created_at, kind, channel',
    [bookingId],
  );

/** The email file written for message `id`, parsed. */
async function mailOf(id: string) {
  return simpleParser(await outboxMessage(h.outbox.mailDir, id));
}

const book = async (seat: string, buyer: Buyer = {}, guest?: Record<string, string>) => {
  const hold = await holdSeats(h.app, h.fx.showId, [seat], buyer);
  return bookHold(h.app, hold, h.fx.ticketTypes.adult, buyer, guest ? { guest } : {});
};
const pay = async (b: TestBooking, card: string, buyer: Buyer = {}) =>
  payWithCard(h.app, await startPaying(h.app, b, buyer), card);

describe('booking events, through the API', () => {
  it('a declined card: a payment.failed email', async () => {
    const b = await book(h.seat(0, 0), {}, { email: 'declined@example.com' });
    expect((await pay(b, CARDS.declined)).status).not.toBe('succeeded');
    await h.app.ctx.notifications.drain();
    const sent = await messagesOf(b.id);
    expect(sent).toMatchObject([{ kind: 'payment.failed', channel: 'email', status: 'sent' }]);
    const mail = await mailOf(sent[0]?.id ?? '');
    expect(mail.subject).toContain(b.reference);
    expect(mail.subject).toMatch(/did not go through/);
  });

  it('an unpaid booking whose hold lapses: a booking.expired email', async () => {
    const hold = await holdSeats(h.app, h.fx.showId, [h.seat(0, 1)]);
    const b = await bookHold(
      h.app,
      hold,
      h.fx.ticketTypes.adult,
      {},
      {
        guest: { email: 'lapsed@example.com' },
      },
    );
    await h.rows("UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1", [
      hold.holdId,
    ]);
    await h.rows("UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = $1", [
      b.id,
    ]);
    const swept = await sweepBookings({
      pool: h.app.ctx.db.$client,
      providers: h.app.ctx.payments.providers,
      signer: () => h.app.ctx.payments.signer(),
      now: () => new Date(),
      paymentCheckSeconds: 3600,
      seatsChanged: () => undefined,
    });
    expect(swept.expired).toBe(1);
    await h.app.ctx.notifications.drain();
    const sent = await messagesOf(b.id);
    expect(sent).toMatchObject([{ kind: 'booking.expired', channel: 'email', status: 'sent' }]);
    expect((await mailOf(sent[0]?.id ?? '')).subject).toMatch(/expired unpaid/);
  });

  it('a partial refund: a booking.refunded message with the amount', async () => {
    const hold = await holdSeats(h.app, h.fx.showId, [h.seat(1, 0), h.seat(1, 1)]);
    const b = await bookHold(
      h.app,
      hold,
      h.fx.ticketTypes.adult,
      {},
      {
        guest: { email: 'partial@example.com' },
      },
    );
    expect((await pay(b, CARDS.ok)).status).toBe('succeeded');
    const ticket = (await readBookingAs(h.app, b)).tickets[0];
    if (!ticket) throw new Error('no ticket');
    const res = await postMoney(
      h.app,
      `/api/v1/bookings/${b.id}/cancel`,
      { ticketIds: [ticket.ticketId] },
      { bookingSecret: b.bookingSecret ?? '' },
    );
    expect(res.statusCode, res.body).toBe(200);
    await h.app.ctx.notifications.drain();
    const refunds = (await messagesOf(b.id)).filter((m) => m.kind === 'booking.refunded');
    expect(refunds).toMatchObject([
      {
        channel: 'email',
        status: 'sent',
        data: { amountMinor: ticket.priceMinor, reason: 'customer' },
      },
    ]);
    const mail = await mailOf(refunds[0]?.id ?? '');
    // Told as the customer's own cancellation, not as a refund the cinema chose to make.
    expect(mail.text).toContain('because you cancelled');
    expect(mail.subject).toMatch(/^Refund of \D*\d/);
    expect(mail.subject).toContain(b.reference);
    // The booking stays confirmed: no cancellation message.
    expect((await messagesOf(b.id)).map((m) => m.kind)).not.toContain('booking.cancelled');
  });

  it('a guest who gave a phone gets the confirmation by SMS too', async () => {
    const b = await book(h.seat(2, 0), {}, { email: 'sms@example.com', phone: '+44 7700 900555' });
    expect((await pay(b, CARDS.ok)).status).toBe('succeeded');
    await h.app.ctx.notifications.drain();
    const sent = await messagesOf(b.id);
    expect(sent.map((m) => [m.channel, m.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
    const sms = sent.find((m) => m.channel === 'sms');
    const text = await outboxMessage(h.outbox.smsDir, sms?.id ?? '?');
    expect(text).toContain('+447700900555');
    expect(text).toContain(b.reference);
  });

  it('a customer who switched SMS off gets email and the app, no SMS', async () => {
    const buyer = { authorization: await h.bearer({ customer: dana }) };
    const prefs = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: buyer,
      payload: { 'booking.confirmed': { sms: false } },
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const b = await book(h.seat(2, 1), buyer);
    expect((await pay(b, CARDS.ok, buyer)).status).toBe('succeeded');
    await h.app.ctx.notifications.drain();
    expect((await messagesOf(b.id)).map((m) => m.channel)).toEqual(['email', 'push']);
  });

  it('events fanned out again, by one process or two at once, queue nothing twice', async () => {
    const count = async () =>
      Number((await h.rows<{ n: string }>('SELECT count(*) AS n FROM messages'))[0]?.n);
    await h.app.ctx.notifications.drain();
    const before = await count();
    expect(before).toBeGreaterThan(0);
    // As if the processed marks were lost (a crash between sending and marking).
    await h.rows('UPDATE events SET processed_at = NULL');
    const stats = await h.app.ctx.notifications.drain();
    expect(stats.events).toBeGreaterThan(0);
    expect(stats.sent + stats.retry + stats.dead).toBe(0);
    expect(await count()).toBe(before);

    // Two processes (two pools) fanning out the same unprocessed events at once.
    await h.rows('UPDATE events SET processed_at = NULL');
    const other = new pg.Pool({ connectionString: h.app.ctx.config.databaseUrl, max: 2 });
    try {
      const now = new Date();
      const [a, b] = await Promise.all([
        fanOutEvents(h.app.ctx.db.$client, now),
        fanOutEvents(other, now),
      ]);
      const total = Number((await h.rows<{ n: string }>('SELECT count(*) AS n FROM events'))[0]?.n);
      // SKIP LOCKED splits them: no event is taken by both (a pass the conflicting inserts' NOTIFY
      // woke may have taken some too).
      expect(a + b).toBeLessThanOrEqual(total);
      expect(a + b).toBeGreaterThan(0);
    } finally {
      await other.end();
    }
    await h.app.ctx.notifications.drain();
    expect(await count()).toBe(before);
    const left = await h.rows('SELECT 1 FROM events WHERE processed_at IS NULL');
    expect(left).toEqual([]);
  });
});
