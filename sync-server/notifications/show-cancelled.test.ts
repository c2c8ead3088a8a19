// Acceptance (issue 14): a cancelled show tells every customer of it by the channels they chose,
// and the push reaches an open customer socket at once (the worker's poll is off here: only the
// commit's NOTIFY can bring it).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  postMoney,
  startBookingHarness,
  startPaying,
  type BookingHarness,
} from '../../test/support/bookings.js';
import { openSocket } from '../../test/support/ws-client.js';
import { outboxMessage } from '../../test/support/outbox.js';

let h: BookingHarness;
const ann = randomUUID(); // email, SMS (she has a phone) and the app: the defaults
const bob = randomUUID(); // chose no SMS and no app notifications for cancelled shows

beforeAll(async () => {
  h = await startBookingHarness({
    config: { notifyPollMs: 3_600_000 },
    setup: async (pool) => {
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name, phone) VALUES ($1, 'ann@example.com', 'unusable', 'Ann', '+44 7700 900111'), ($2, 'bob@example.com', 'unusable', 'Bob', '+44 7700 900222')",
        [ann, bob],
      );
    },
  });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await h.app.close();
});

const buy = async (seat: string, who: { customer: string } | 'guest') => {
  const { app, fx } = h;
  const buyer = who === 'guest' ? {} : { authorization: await h.bearer(who) };
  const hold = await holdSeats(app, fx.showId, [seat], buyer);
  const booking = await bookHold(app, hold, fx.ticketTypes.adult, buyer);
  const paid = await payWithCard(app, await startPaying(app, booking, buyer), CARDS.ok);
  expect(paid.status).toBe('succeeded');
  return booking;
};

describe('a cancelled show', () => {
  it('reaches every customer by their channels, and an open socket at once', async () => {
    const { app, fx } = h;
    const bobToken = await h.bearer({ customer: bob });
    const prefs = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: { authorization: bobToken },
      payload: { 'show.cancelled': { sms: false, push: false } },
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const annBooking = await buy(h.seat(0, 0), { customer: ann });
    const bobBooking = await buy(h.seat(0, 1), { customer: bob });
    const guestBooking = await buy(h.seat(0, 2), 'guest');
    await app.ctx.notifications.drain(); // the confirmations, out of the way

    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const socket = await openSocket(`ws://127.0.0.1:${String(port)}/api/v1/me/live`, {
      headers: { authorization: await h.bearer({ customer: ann }) },
    });
    await socket.next((m) => m.type === 'ready');

    const cancelled = await postMoney(
      app,
      `/api/v1/admin/shows/${fx.showId}/cancel`,
      { reason: 'Projector broken' },
      { authorization: await h.bearer('manager') },
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const pushed = await socket.next<{ notification: { kind: string; bookingId: string } }>(
      (m) => m.type === 'notification',
      5000,
    );
    expect(pushed.notification).toMatchObject({ kind: 'show.cancelled', bookingId: annBooking.id });
    socket.close();

    await app.ctx.notifications.drain();
    const sent = await h.rows<{ booking_id: string; channel: string; status: string }>(
      "SELECT booking_id, channel, status FROM messages WHERE kind = 'show.cancelled' ORDER BY booking_id, channel",
    );
    const of = (id: string) => sent.filter((m) => m.booking_id === id).map((m) => m.channel);
    expect(of(annBooking.id)).toEqual(['email', 'push', 'sms']);
    expect(of(bobBooking.id)).toEqual(['email']);
    expect(of(guestBooking.id)).toEqual(['email']);
    expect(sent.every((m) => m.status === 'sent')).toBe(true);
    // No separate refund message: the cancellation tells of the refund.
    const refunds = await h.rows("SELECT 1 FROM messages WHERE kind = 'booking.refunded'");
    expect(refunds).toEqual([]);

    const [smsRow] = await h.rows<{ id: string }>(
      "SELECT id FROM messages WHERE kind = 'show.cancelled' AND channel = 'sms'",
    );
    const text = await outboxMessage(h.outbox.smsDir, smsRow?.id ?? '?');
    expect(text).toContain('+447700900111');
    expect(text).toContain(annBooking.reference);
  });
});
