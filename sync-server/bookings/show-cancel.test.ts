// A show cancelled with every kind of sale on it: a paid web booking (with food), an unpaid one, a
// bare hold and a counter sale. Web money goes back through the provider; the counter's ticket is
// left valid so the counter's own refund flow (a manager-approved `void` mutation) can still give
// its cash back; a repeat answers the same summary.
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
  startBookingHarness,
} from '../../test/support/bookings.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';
import { sellSeats } from '../services/sales.js';
import { withTx } from '../services/tx.js';
import { applyMutation } from '../sync/mutations.js';

let app: App;
let fx: ShowFixture;
let manager = '';
const popcorn = randomUUID();

beforeAll(async () => {
  const h = await startBookingHarness({
    config: { cancelFeeBp: 1000 },
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
const cancelShow = () =>
  postMoney(
    app,
    `/api/v1/admin/shows/${fx.showId}/cancel`,
    { reason: 'Projector broken' },
    { authorization: manager },
  );
const seatState = async (seatId: string) =>
  (
    await rows<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seatId],
    )
  )[0]?.state;

describe('a cancelled show', () => {
  it('refunds web bookings in full, ends unpaid ones and holds, leaves counter tickets for the counter to refund', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(0, 0), seat(0, 1)]);
    const paid = await bookHold(
      app,
      hold,
      fx.ticketTypes.adult,
      {},
      {
        concessions: [{ itemId: popcorn, quantity: 2 }],
      },
    );
    await payWithCard(app, await startPaying(app, paid), CARDS.ok);
    expect((await readBookingAs(app, paid)).status).toBe('confirmed');
    const unpaid = await bookHold(
      app,
      await holdSeats(app, fx.showId, [seat(1, 0)]),
      fx.ticketTypes.adult,
    );
    await holdSeats(app, fx.showId, [seat(2, 0)]);
    const counterOrder = randomUUID();
    const counterTicket = randomUUID();
    const station = { kind: 'station', id: fx.station.id, channel: 'station' } as const;
    await withTx(app.ctx.db.$client, (tx) =>
      sellSeats(
        tx,
        {
          orderId: counterOrder,
          showId: fx.showId,
          lines: [
            { seatId: seat(3, 0), ticketTypeId: fx.ticketTypes.adult, ticketId: counterTicket },
          ],
          tenders: [{ tender: 'cash', amountMinor: 5000 }],
        },
        { ...station, stationId: fx.station.id },
      ),
    );

    const res = await cancelShow();
    expect(res.statusCode, res.body).toBe(200);
    const summary = {
      showId: fx.showId,
      bookingsCancelled: 2,
      refunds: 1,
      refundedMinor: paid.totalMinor,
      currency: 'GBP',
      counterTicketsToRefund: 1,
      counterTicketsOutstanding: 1,
    };
    expect(res.json()).toEqual({ ...summary, holdsEnded: 1, alreadyCancelled: false });
    // The whole paid amount (tickets and food) goes back, without a fee.
    expect(await readBookingAs(app, paid)).toMatchObject({
      status: 'cancelled',
      paidMinor: 0,
      tickets: [{ status: 'refunded' }, { status: 'refunded' }],
      refunds: [{ amountMinor: paid.totalMinor, feeMinor: 0, status: 'succeeded' }],
    });
    expect((await readBookingAs(app, unpaid)).status).toBe('cancelled');
    for (const s of [seat(0, 0), seat(0, 1), seat(1, 0), seat(2, 0)])
      expect(await seatState(s)).toBe('available');
    // The counter's ticket stays valid (its seat sold) until the counter gives the cash back.
    expect(await seatState(seat(3, 0))).toBe('sold');
    expect(await rows('SELECT status FROM tickets WHERE id = $1', [counterTicket])).toEqual([
      { status: 'valid' },
    ]);
    // Stations learn the show is cancelled from its row in the change log.
    const shows = await rows<{ data: { status: string; id: string } }>(
      "SELECT data FROM change_log WHERE entity = 'shows' AND entity_id = $1",
      [fx.showId],
    );
    expect(shows.map((c) => [c.data.id, c.data.status])).toEqual([[fx.showId, 'cancelled']]);
    const events = await rows<{ type: string; n: number }>(
      "SELECT type, count(*)::int AS n FROM events WHERE show_id = $1 AND type IN ('show.cancelled', 'booking.cancelled', 'booking.refunded') GROUP BY type ORDER BY type",
      [fx.showId],
    );
    expect(events).toEqual([
      { type: 'booking.cancelled', n: 2 },
      { type: 'booking.refunded', n: 1 },
      { type: 'show.cancelled', n: 1 },
    ]);
    // Money: what the show's bookings took, less what went back, is nothing.
    const [money] = await rows<{ paid: number; refunded: number }>(
      `SELECT (SELECT COALESCE(sum(p.amount_minor), 0)::int FROM booking_payments p JOIN bookings b ON b.id = p.booking_id WHERE b.show_id = $1 AND p.status = 'succeeded') AS paid,
              (SELECT COALESCE(sum(r.amount_minor), 0)::int FROM booking_refunds r JOIN bookings b ON b.id = r.booking_id WHERE b.show_id = $1 AND r.status = 'succeeded') AS refunded`,
      [fx.showId],
    );
    expect(money).toEqual({ paid: paid.totalMinor, refunded: paid.totalMinor });

    // Nothing sells any more, and a repeat answers the same summary.
    const again = await holdsRefused();
    expect(again).toMatchObject({ error: { code: 'BO_SHOW_NOT_ON_SALE' } });
    expect((await cancelShow()).json()).toEqual({
      ...summary,
      holdsEnded: 0,
      alreadyCancelled: true,
    });

    // The counter refunds its sale the way a station does: a void mutation with a manager's approval.
    const outcome = await applyMutation(
      app.ctx.db.$client,
      { id: fx.station.id, cinemaId: fx.cinemaId, name: 'Counter' },
      {
        type: 'mutate',
        id: randomUUID(),
        kind: 'void',
        payload: {
          ticketIds: [counterTicket],
          reason: 'Show cancelled',
          refund: true,
          staffId: fx.staff.cashier,
          approvedBy: fx.staff.manager,
        },
        createdAt: new Date().toISOString(),
        offline: false,
      },
      { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 },
    );
    expect(outcome).toMatchObject({ type: 'ack' });
    expect(await seatState(seat(3, 0))).toBe('available');
    const revoked = await rows(
      "SELECT entity_id FROM change_log WHERE entity = 'ticket_revocation' AND entity_id = $1",
      [counterTicket],
    );
    expect(revoked).toHaveLength(1);
    expect((await cancelShow()).json()).toMatchObject({
      counterTicketsToRefund: 1,
      counterTicketsOutstanding: 0,
    });
  });

  it('answers 404 for an unknown show, and changes nothing on bad input', async () => {
    const unknown = await postMoney(
      app,
      `/api/v1/admin/shows/${randomUUID()}/cancel`,
      { reason: 'x' },
      { authorization: manager },
    );
    expect(unknown.statusCode).toBe(404);
    const bad = await postMoney(
      app,
      `/api/v1/admin/shows/${fx.showId}/cancel`,
      { reason: '' },
      { authorization: manager },
    );
    expect(bad.statusCode).toBe(400);
  });
});

async function holdsRefused() {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/holds',
    payload: { showId: fx.showId, count: 1 },
  });
  return res.json<unknown>();
}
