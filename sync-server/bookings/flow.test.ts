// The whole online purchase through the public API and the built-in test gateway, as a guest and as
// a signed-in customer: hold → book → pay (declined, then paid; or confirmed later by the bank) →
// confirmed with signed tickets; idempotent retries; forged and replayed webhooks; a payment that
// comes after its booking lapsed; two payments for one booking.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  postMoney,
  readBookingAs,
  startPaying,
  type TestHold,
  startBookingHarness,
} from '../../test/support/bookings.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';
import { signedTestWebhook } from '../../test/support/test-gateway.js';
import { sweepBookings } from './sweep.js';

let app: App;
let fx: ShowFixture;
const customer = randomUUID();
let bearer = '';

beforeAll(async () => {
  const h = await startBookingHarness({
    // Delayed confirmations wait for the test to make them due.
    config: { testGatewayDelaySeconds: 3600 },
    setup: async (pool) => {
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, 'cat@example.com', 'unusable', 'Cat Buyer')",
        [customer],
      );
    },
  });
  ({ app, fx } = h);
  bearer = await h.bearer({ customer });
});
afterAll(async () => {
  await app.close();
});

const seat = (row: number, n: number) => fx.rows[row]?.[n] ?? '';
const rows = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  app.ctx.db.$client.query<T>(text, values).then((r) => r.rows);
const events = (bookingId: string) =>
  rows<{ type: string }>('SELECT type FROM events WHERE booking_id = $1 ORDER BY id', [
    bookingId,
  ]).then((r) => r.map((e) => e.type));
/** Makes the gateway's delayed confirmations due, and delivers them. */
const bankAnswers = async () => {
  await rows(
    "UPDATE test_gateway_webhooks SET due_at = now() - interval '1 minute' WHERE delivered_at IS NULL",
  );
  await app.ctx.payments.deliverDue();
};
const sweep = () =>
  sweepBookings({
    pool: app.ctx.db.$client,
    providers: app.ctx.payments.providers,
    signer: () => app.ctx.payments.signer(),
    now: () => new Date(),
    paymentCheckSeconds: 0,
    seatsChanged: () => undefined,
  });

describe('online purchase', () => {
  it('a guest: hold → book → pay → confirmed, with seats sold, an order for the stations and an event', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(0, 0), seat(0, 1)]);
    const booking = await bookHold(
      app,
      hold,
      fx.ticketTypes.adult,
      {},
      {
        guest: { email: 'gus@example.com', name: 'Gus' },
      },
    );
    const payment = await startPaying(app, booking);
    expect(payment).toMatchObject({ status: 'pending', next: { kind: 'redirect' } });
    // The page shows the amount and the test cards.
    if (payment.next.kind !== 'redirect') throw new Error('redirect expected');
    const page = await app.inject({ method: 'GET', url: new URL(payment.next.url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('4242');
    expect((await payWithCard(app, payment, CARDS.ok)).status).toBe('succeeded');
    const done = await readBookingAs(app, booking);
    expect(done.status).toBe('confirmed');
    expect(done.tickets.map((t) => t.status)).toEqual(['valid', 'valid']);
    expect(done.payments.map((p) => p.status)).toEqual(['succeeded']);
    expect(done.paidMinor).toBe(booking.totalMinor);
    const seats = await rows<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2)',
      [fx.showId, hold.seatIds],
    );
    expect(seats.map((s) => s.state)).toEqual(['sold', 'sold']);
    const order = await rows<{ channel: string; status: string; reference: string }>(
      'SELECT channel, status, reference FROM orders WHERE id = $1',
      [booking.id],
    );
    expect(order).toEqual([{ channel: 'web', status: 'paid', reference: booking.reference }]);
    const change = await rows(
      "SELECT 1 FROM change_log WHERE entity = 'order' AND entity_id = $1",
      [booking.id],
    );
    expect(change).toHaveLength(1);
    expect(await events(booking.id)).toEqual(['booking.confirmed']);
  });

  it('a customer: declined first (the booking waits), paid with another card, then in their history', async () => {
    const me = { authorization: bearer };
    const hold = await holdSeats(app, fx.showId, [seat(1, 0)], me);
    const booking = await bookHold(app, hold, fx.ticketTypes.child, me);
    const first = await startPaying(app, booking, me);
    expect((await payWithCard(app, first, CARDS.declined)).status).toBe('failed');
    const waiting = await readBookingAs(app, booking, me);
    expect(waiting.status).toBe('pending');
    expect(waiting.payments.map((p) => p.status)).toEqual(['failed']);
    const second = await startPaying(app, booking, me);
    expect((await payWithCard(app, second, CARDS.ok)).status).toBe('succeeded');
    expect((await readBookingAs(app, booking, me)).status).toBe('confirmed');
    expect(await events(booking.id)).toEqual(['payment.failed', 'booking.confirmed']);
    const history = await app.inject({ method: 'GET', url: '/api/v1/me/bookings', headers: me });
    expect(history.json<{ bookings: { id: string }[] }>().bookings.map((b) => b.id)).toContain(
      booking.id,
    );
    const past = await app.inject({
      method: 'GET',
      url: '/api/v1/me/bookings?when=past',
      headers: me,
    });
    expect(past.json<{ bookings: unknown[] }>().bookings).toEqual([]);
  });

  it('a bank that confirms later: processing, never failed, then confirmed', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(1, 5)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    const payment = await startPaying(app, booking);
    const paid = await payWithCard(app, payment, CARDS.delayed);
    expect(paid.status).toBe('processing');
    const meanwhile = await readBookingAs(app, booking);
    expect(meanwhile.payments.map((p) => p.status)).not.toContain('failed');
    await app.ctx.payments.deliverDue();
    expect((await readBookingAs(app, booking)).status).toBe('pending');
    // The bank's answer comes (the sweeper delivers what is due).
    await bankAnswers();
    expect((await readBookingAs(app, booking)).status).toBe('confirmed');
  });

  it('retries with the same Idempotency-Key get the same booking and the same payment', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(2, 0)]);
    const body = {
      holdId: hold.holdId,
      tickets: [{ seatId: seat(2, 0), ticketTypeId: fx.ticketTypes.adult }],
      guest: { email: 'again@example.com' },
    };
    const key = randomUUID();
    const a = await postMoney(
      app,
      '/api/v1/bookings',
      body,
      { holdSecret: hold.holdSecret ?? '' },
      key,
    );
    const b = await postMoney(
      app,
      '/api/v1/bookings',
      body,
      { holdSecret: hold.holdSecret ?? '' },
      key,
    );
    expect(a.statusCode).toBe(201);
    expect(b.body).toBe(a.body);
    const other = await postMoney(
      app,
      '/api/v1/bookings',
      { ...body, guest: { email: 'x@example.com' } },
      { holdSecret: hold.holdSecret ?? '' },
      key,
    );
    expect(other.statusCode).toBe(422);
    const booking = a.json<{ id: string; bookingSecret: string }>();
    const payKey = randomUUID();
    const pay = () =>
      postMoney(
        app,
        `/api/v1/bookings/${booking.id}/payments`,
        undefined,
        { bookingSecret: booking.bookingSecret },
        payKey,
      );
    const p1 = await pay();
    const p2 = await pay();
    expect(p2.body).toBe(p1.body);
    expect(
      await rows('SELECT 1 FROM booking_payments WHERE booking_id = $1', [booking.id]),
    ).toHaveLength(1);
  });

  it('refuses forged webhooks and shrugs off replayed ones', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(2, 3)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    const payment = await startPaying(app, booking);
    const [row] = await rows<{ provider_ref: string }>(
      'SELECT provider_ref FROM booking_payments WHERE id = $1',
      [payment.paymentId],
    );
    const event = {
      id: `tgevt_${randomUUID()}`,
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { intentId: row?.provider_ref, amountMinor: booking.totalMinor, currency: 'GBP' },
    };
    const post = (w: { body: string; headers: Record<string, string> }) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/payments/webhooks/test',
        headers: w.headers,
        payload: w.body,
      });
    const good = await signedTestWebhook(app, event);
    const forged = await post({
      ...good,
      headers: {
        ...good.headers,
        'marquee-signature':
          good.headers['marquee-signature']?.replace(
            /v1=(.)/,
            (_m, c: string) => `v1=${c === '0' ? '1' : '0'}`,
          ) ?? '',
      },
    });
    expect(forged.json()).toMatchObject({ error: { code: 'BO_WEBHOOK_SIGNATURE' } });
    const tampered = await post({ ...good, body: good.body.replace('succeeded', 'failed') });
    expect(tampered.statusCode).toBe(400);
    const old = await signedTestWebhook(app, event, new Date(Date.now() - 3600_000));
    expect((await post(old)).statusCode).toBe(400);
    expect((await readBookingAs(app, booking)).status).toBe('pending');
    // Signed properly it counts once; the replay changes nothing.
    expect((await post(good)).json()).toEqual({ received: true, duplicate: false });
    expect((await post(good)).json()).toEqual({ received: true, duplicate: true });
    const done = await readBookingAs(app, booking);
    expect(done.status).toBe('confirmed');
    expect(done.payments).toHaveLength(1);
  });

  it('a payment after its booking lapsed re-takes its seats if they are free, and is refunded if not', async () => {
    const lapse = async (hold: TestHold, bookingId: string) => {
      await rows("UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1", [
        hold.holdId,
      ]);
      await rows("UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = $1", [
        bookingId,
      ]);
      await sweep();
    };
    // The buyer pays with a card their bank confirms only after the booking has lapsed.
    const freeHold = await holdSeats(app, fx.showId, [seat(3, 0)]);
    const free = await bookHold(app, freeHold, fx.ticketTypes.adult);
    await payWithCard(app, await startPaying(app, free), CARDS.delayed);
    await lapse(freeHold, free.id);
    expect((await readBookingAs(app, free)).status).toBe('expired');
    await bankAnswers();
    expect((await readBookingAs(app, free)).status).toBe('confirmed');

    const goneHold = await holdSeats(app, fx.showId, [seat(3, 1)]);
    const gone = await bookHold(app, goneHold, fx.ticketTypes.adult);
    await payWithCard(app, await startPaying(app, gone), CARDS.delayed);
    await lapse(goneHold, gone.id);
    const rival = await holdSeats(app, fx.showId, [seat(3, 1)]);
    const rivalBooking = await bookHold(app, rival, fx.ticketTypes.adult);
    await payWithCard(app, await startPaying(app, rivalBooking), CARDS.ok);
    await bankAnswers();
    const refunded = await readBookingAs(app, gone);
    expect(refunded.status).toBe('expired');
    expect(refunded.refunds).toMatchObject([{ status: 'succeeded', amountMinor: gone.totalMinor }]);
    expect(refunded.paidMinor).toBe(0);
    expect(await events(gone.id)).toEqual(['booking.expired', 'booking.refunded']);
  });

  it('two payments for one booking: the second is refunded in full', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(4, 0)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    const first = await startPaying(app, booking);
    const second = await startPaying(app, booking);
    await payWithCard(app, second, CARDS.ok);
    // The first attempt was superseded, but the buyer's bank took it before the cancel landed.
    const [ref] = await rows<{ provider_ref: string }>(
      'SELECT provider_ref FROM booking_payments WHERE id = $1',
      [first.paymentId],
    );
    await rows("UPDATE test_gateway_intents SET status = 'succeeded' WHERE id = $1", [
      ref?.provider_ref,
    ]);
    const late = await signedTestWebhook(app, {
      id: `tgevt_${randomUUID()}`,
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { intentId: ref?.provider_ref, amountMinor: booking.totalMinor, currency: 'GBP' },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhooks/test',
      headers: late.headers,
      payload: late.body,
    });
    expect(res.statusCode).toBe(200);
    const done = await readBookingAs(app, booking);
    expect(done.status).toBe('confirmed');
    expect(done.payments.map((p) => p.status)).toEqual(['succeeded', 'succeeded']);
    expect(done.refunds).toMatchObject([{ status: 'succeeded', amountMinor: booking.totalMinor }]);
    expect(done.paidMinor).toBe(booking.totalMinor);
  });
});
