// Cancelling and refunding: whole bookings and single tickets until the cut-off (less the fee),
// unpaid bookings, managers' refunds (never more than was paid). Show cancellation: show-cancel.test.ts.
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
  type TestBooking,
  startBookingHarness,
} from '../../test/support/bookings.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';

let app: App;
let fx: ShowFixture & { showIds: string[] };
let manager = '';
const clock = { now: new Date() };
const popcorn = randomUUID();

beforeAll(async () => {
  const h = await startBookingHarness({
    fixture: { shows: 2 },
    config: { cancelCutoffMinutes: 120, cancelFeeBp: 1000 },
    now: () => clock.now,
    setup: async (pool, f) => {
      await pool.query(
        "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency) VALUES ($1, $2, 'Popcorn', 'food', 450, 'GBP')",
        [popcorn, f.cinemaId],
      );
    },
  });
  ({ app, fx } = h);
  manager = await h.bearer('manager');
});
afterAll(async () => {
  await app.close();
});

const seat = (row: number, n: number) => fx.rows[row]?.[n] ?? '';
const rows = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  app.ctx.db.$client.query<T>(text, values).then((r) => r.rows);
const seatStates = async (showId: string, seatIds: string[]) =>
  (
    await rows<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2) ORDER BY seat_id',
      [showId, seatIds],
    )
  ).map((s) => s.state);

/** A confirmed guest booking of these seats (adult tickets, optional popcorn). */
async function confirmed(seats: string[], showId = fx.showId, popcorns = 0): Promise<TestBooking> {
  const hold = await holdSeats(app, showId, seats);
  const booking = await bookHold(
    app,
    hold,
    fx.ticketTypes.adult,
    {},
    popcorns > 0 ? { concessions: [{ itemId: popcorn, quantity: popcorns }] } : {},
  );
  await payWithCard(app, await startPaying(app, booking), CARDS.ok);
  const done = await readBookingAs(app, booking);
  expect(done.status).toBe('confirmed');
  return { ...booking, tickets: done.tickets };
}

const cancel = (b: TestBooking, body: unknown = {}) =>
  postMoney(app, `/api/v1/bookings/${b.id}/cancel`, body, { bookingSecret: b.bookingSecret ?? '' });

describe('customers cancel', () => {
  it('a whole booking: every ticket refunded less the fee, food refunded, seats back on sale, doors told', async () => {
    const b = await confirmed([seat(0, 0), seat(0, 1)], fx.showId, 2);
    const res = await cancel(b);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{
      status: string;
      tickets: { status: string; priceMinor: number }[];
      refunds: { amountMinor: number; feeMinor: number; status: string }[];
      paidMinor: number;
    }>();
    expect(view.status).toBe('cancelled');
    expect(view.tickets.map((t) => t.status)).toEqual(['refunded', 'refunded']);
    const ticketsMinor = b.tickets.reduce((a, t) => a + t.priceMinor, 0);
    const fee = Math.round(ticketsMinor / 10);
    expect(view.refunds).toEqual([
      expect.objectContaining({
        amountMinor: b.totalMinor - fee,
        feeMinor: fee,
        status: 'succeeded',
      }),
    ]);
    expect(view.paidMinor).toBe(fee);
    expect(await seatStates(fx.showId, [seat(0, 0), seat(0, 1)])).toEqual([
      'available',
      'available',
    ]);
    const revoked = await rows(
      "SELECT entity_id FROM change_log WHERE entity = 'ticket_revocation' AND entity_id = ANY($1)",
      [b.tickets.map((t) => t.ticketId)],
    );
    expect(revoked).toHaveLength(2);
    const types = (
      await rows<{ type: string }>('SELECT type FROM events WHERE booking_id = $1 ORDER BY id', [
        b.id,
      ])
    ).map((e) => e.type);
    expect(types).toEqual(['booking.confirmed', 'booking.cancelled', 'booking.refunded']);
  });

  it('single tickets: the booking stays confirmed until its last ticket goes', async () => {
    const b = await confirmed([seat(1, 0), seat(1, 1)]);
    const [t1, t2] = b.tickets;
    const one = await cancel(b, { ticketIds: [t1?.ticketId] });
    expect(one.json()).toMatchObject({
      status: 'confirmed',
      tickets: [{ status: 'refunded' }, { status: 'valid' }],
    });
    expect(await seatStates(fx.showId, [t1?.seatId ?? ''])).toEqual(['available']);
    const again = await cancel(b, { ticketIds: [t1?.ticketId] });
    expect(again.json()).toMatchObject({ error: { code: 'BO_TICKET_NOT_VALID' } });
    const foreign = await cancel(b, { ticketIds: [randomUUID()] });
    expect(foreign.json()).toMatchObject({ error: { code: 'BO_TICKET_NOT_FOUND' } });
    const last = await cancel(b, { ticketIds: [t2?.ticketId] });
    expect(last.json()).toMatchObject({ status: 'cancelled' });
  });

  it('not after the cut-off before the show, and not someone else’s booking', async () => {
    const b = await confirmed([seat(2, 0)]);
    const view = (await readBookingAs(app, b)) as unknown as { show: { startsAt: string } };
    const startsAt = new Date(view.show.startsAt);
    clock.now = new Date(startsAt.getTime() - 119 * 60_000);
    try {
      const late = await cancel(b);
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ error: { code: 'BO_CANCEL_CUTOFF' } });
      // The deadline reads in the cinema's time zone, not as UTC.
      expect(late.json<{ error: { message: string } }>().error.message).not.toMatch(/UTC/);
    } finally {
      clock.now = new Date();
    }
    const stranger = await postMoney(app, `/api/v1/bookings/${b.id}/cancel`, {}, {});
    expect(stranger.statusCode).toBe(404);
    expect((await readBookingAs(app, b)).status).toBe('confirmed');
  });

  it('an unpaid booking: cancelled, its seats released at once', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(2, 5)]);
    const b = await bookHold(app, hold, fx.ticketTypes.adult);
    const res = await cancel(b);
    expect(res.json()).toMatchObject({ status: 'cancelled', refunds: [] });
    expect(await seatStates(fx.showId, [seat(2, 5)])).toEqual(['available']);
  });
});

describe('managers refund', () => {
  it('money only, tickets staying valid, and never more than was paid', async () => {
    const b = await confirmed([seat(3, 0)]);
    const url = `/api/v1/admin/bookings/${b.id}/refunds`;
    const refund = (body: unknown) => postMoney(app, url, body, { authorization: manager });
    const goodwill = await refund({ amountMinor: 100, reason: 'Sound failed for ten minutes' });
    expect(goodwill.statusCode, goodwill.body).toBe(200);
    expect(goodwill.json()).toMatchObject({
      status: 'confirmed',
      tickets: [{ status: 'valid' }],
      paidMinor: b.totalMinor - 100,
    });
    const tooMuch = await refund({ amountMinor: b.totalMinor, reason: 'oops' });
    expect(tooMuch.json()).toMatchObject({ error: { code: 'BO_REFUND_EXCEEDS_PAID' } });
    const rest = await refund({ ticketIds: [b.tickets[0]?.ticketId], reason: 'Customer unwell' });
    // The ticket gives back what is left of its price after the goodwill refund.
    expect(rest.json()).toMatchObject({ status: 'cancelled', paidMinor: 0 });
    const anon = await postMoney(app, url, { amountMinor: 1, reason: 'x' });
    expect(anon.statusCode).toBe(401);
  });

  it('tickets plus an extra amount, readable by the manager; unknown bookings are 404', async () => {
    const b = await confirmed([seat(3, 5), seat(3, 6)]);
    const [t1] = b.tickets;
    const url = `/api/v1/admin/bookings/${b.id}/refunds`;
    const res = await postMoney(
      app,
      url,
      { ticketIds: [t1?.ticketId], amountMinor: 50, reason: 'Broken seat' },
      { authorization: manager },
    );
    expect(res.statusCode, res.body).toBe(200);
    const given = (t1?.priceMinor ?? 0) + 50;
    expect(res.json()).toMatchObject({
      status: 'confirmed',
      tickets: [{ status: 'refunded' }, { status: 'valid' }],
      paidMinor: b.totalMinor - given,
      refunds: [{ amountMinor: given, feeMinor: 0, reason: 'manager' }],
    });
    expect(await seatStates(fx.showId, [t1?.seatId ?? ''])).toEqual(['available']);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/bookings/${b.id}`,
      headers: { authorization: manager },
    });
    expect(read.json()).toMatchObject({ id: b.id, paidMinor: b.totalMinor - given });
    const audited = await rows<{ actor_id: string }>(
      "SELECT actor_id FROM audit_log WHERE action = 'refund' AND entity = 'tickets' AND entity_id = $1",
      [t1?.ticketId],
    );
    expect(audited).toEqual([{ actor_id: fx.staff.manager }]);
    const unknown = await postMoney(
      app,
      `/api/v1/bookings/${randomUUID()}/cancel`,
      {},
      { bookingSecret: b.bookingSecret ?? '' },
    );
    expect(unknown.json()).toMatchObject({ error: { code: 'BO_BOOKING_NOT_FOUND' } });
  });
});
