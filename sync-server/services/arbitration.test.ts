// DESIGN §3: a seat of a show is sold at most once, whatever the concurrency.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoError } from '../../common/errors.js';
import type { PgDb } from '../../db/pg/client.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { freshPg } from '../../test/support/pg.js';
import { allocateSeats, blockSeats } from './allocation.js';
import type { Actor } from './audit.js';
import { createHold, endHold, sweepExpiredHolds } from './holds.js';
import { getHold } from './web-holds.js';
import { voidTickets } from './sale-voids.js';
import { sellSeats } from './sales.js';
import { withTx } from './tx.js';

const web: Actor = { kind: 'customer', id: null, channel: 'web' };
const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };

let db: PgDb;
let fx: ShowFixture;
beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 10, perRow: 12 });
});
afterAll(async () => {
  await db.$client.end();
});

const pick = <T>(arr: T[], n: number, rnd: () => number): T[] => {
  const copy = [...arr];
  const out: T[] = [];
  while (out.length < n && copy.length > 0)
    out.push(...copy.splice(Math.floor(rnd() * copy.length), 1));
  return out;
};

describe('seat arbitration', () => {
  it('lets 64 racing clients take each seat at most once, with no deadlock reaching anyone', async () => {
    const hot = fx.rows.slice(0, 3).flat(); // 36 seats, heavily overlapping requests
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const station: Actor = {
      kind: 'station',
      id: fx.station.id,
      channel: 'station',
      stationId: fx.station.id,
    };
    const unexpected: unknown[] = [];
    let won = 0;
    await Promise.all(
      Array.from({ length: 64 }, async (_, client) => {
        for (let round = 0; round < 5; round++) {
          const seats = pick(hot, 2 + Math.floor(rnd() * 3), rnd);
          try {
            if (client % 2 === 0) {
              await withTx(db.$client, (tx) =>
                createHold(tx, { showId: fx.showId, seatIds: seats }, web, times),
              );
            } else {
              await withTx(db.$client, (tx) =>
                sellSeats(
                  tx,
                  {
                    orderId: randomUUID(),
                    showId: fx.showId,
                    lines: seats.map((seatId) => ({
                      seatId,
                      ticketTypeId: fx.ticketTypes.adult,
                      ticketId: randomUUID(),
                    })),
                    tenders: [],
                  },
                  station,
                ),
              );
            }
            won++;
          } catch (e) {
            if (!(e instanceof BoError && e.code === 'BO_SEAT_UNAVAILABLE')) unexpected.push(e);
          }
        }
      }),
    );
    expect(unexpected).toEqual([]);
    expect(won).toBeGreaterThan(0);
    const q = await db.$client.query<{
      seat_id: string;
      holds: string;
      tickets: string;
      state: string;
    }>(
      `SELECT ss.seat_id, ss.state,
         (SELECT count(*) FROM holds h WHERE h.id = ss.hold_id AND h.status = 'active') AS holds,
         (SELECT count(*) FROM tickets t WHERE t.show_id = ss.show_id AND t.seat_id = ss.seat_id AND t.status = 'valid') AS tickets
       FROM show_seats ss WHERE ss.show_id = $1`,
      [fx.showId],
    );
    for (const s of q.rows) {
      expect(Number(s.holds) + Number(s.tickets)).toBeLessThanOrEqual(1);
      // The seat map agrees with holds and tickets.
      if (Number(s.tickets) === 1) expect(s.state).toBe('sold');
      else if (Number(s.holds) === 1) expect(s.state).toBe('held');
      else expect(s.state).toBe('available');
    }
    const doubles = await db.$client.query(
      'SELECT show_id, seat_id FROM tickets WHERE status = $1 GROUP BY 1, 2 HAVING count(*) > 1',
      ['valid'],
    );
    expect(doubles.rows).toEqual([]);
  });

  it('holds best-available seats together and all or nothing', async () => {
    const hold = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, count: 4, categoryId: fx.categoryIds[1] }, web, times),
    );
    expect(hold.seatIds).toHaveLength(4);
    const taken = hold.seatIds[0] ?? '';
    const free = fx.rows[9]?.find((id) => !hold.seatIds.includes(id)) ?? '';
    await expect(
      withTx(db.$client, (tx) =>
        createHold(tx, { showId: fx.showId, seatIds: [free, taken] }, web, times),
      ),
    ).rejects.toMatchObject({ code: 'BO_SEAT_UNAVAILABLE', details: { seatIds: [taken] } });
    // The free seat was not taken by the failed request.
    const again = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, seatIds: [free] }, web, times),
    );
    expect(again.seatIds).toEqual([free]);
  });

  it('frees the seats of an expired hold, lazily and by the sweeper', async () => {
    const seats = fx.rows[5]?.slice(0, 2) ?? [];
    const hold = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, seatIds: seats }, web, { ...times, ttlSeconds: 1 }),
    );
    await new Promise((r) => setTimeout(r, 1100));
    const claim = { customerId: null, secret: hold.holdSecret ?? null };
    expect((await getHold(db.$client, hold.holdId, claim)).status).toBe('expired');
    // Lazily: another buyer can take the seats before any sweep.
    const next = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, seatIds: [seats[0] ?? ''] }, web, {
        ...times,
        ttlSeconds: 1,
      }),
    );
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sweepExpiredHolds(db.$client)).toBeGreaterThanOrEqual(2);
    const states = await db.$client.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2)',
      [fx.showId, seats],
    );
    expect(states.rows.map((r) => r.state)).toEqual(['available', 'available']);
    await expect(
      withTx(db.$client, (tx) =>
        sellSeats(
          tx,
          {
            orderId: randomUUID(),
            showId: fx.showId,
            holdId: next.holdId,
            lines: [
              {
                seatId: seats[0] ?? '',
                ticketTypeId: fx.ticketTypes.adult,
                ticketId: randomUUID(),
              },
            ],
            tenders: [],
          },
          web,
        ),
      ),
    ).rejects.toMatchObject({ code: 'BO_HOLD_EXPIRED' });
  });

  it('never lets web clients hold allocated or blocked seats', async () => {
    const station: Actor = {
      kind: 'station',
      id: fx.station.id,
      channel: 'station',
      stationId: fx.station.id,
    };
    const alloc = await withTx(db.$client, (tx) =>
      allocateSeats(tx, { showId: fx.showId, perCategory: 2 }, station),
    );
    expect(alloc.seatIds.length).toBeGreaterThanOrEqual(2);
    const allocated = alloc.seatIds[0] ?? '';
    await expect(
      withTx(db.$client, (tx) =>
        createHold(tx, { showId: fx.showId, seatIds: [allocated] }, web, times),
      ),
    ).rejects.toMatchObject({ code: 'BO_SEAT_UNAVAILABLE' });
    const other: Actor = {
      kind: 'station',
      id: fx.otherStation.id,
      channel: 'station',
      stationId: fx.otherStation.id,
    };
    await expect(
      withTx(db.$client, (tx) =>
        createHold(tx, { showId: fx.showId, seatIds: [allocated] }, other, times),
      ),
    ).rejects.toMatchObject({ code: 'BO_SEAT_UNAVAILABLE' });
    // The owning station can sell it, and idempotent top-up keeps its escrow.
    const mine = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, seatIds: [allocated] }, station, times),
    );
    await withTx(db.$client, (tx) => endHold(tx, mine.holdId, station, 'released'));
    const after = await db.$client.query<{ state: string; station_id: string }>(
      'SELECT state, station_id FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, allocated],
    );
    expect(after.rows[0]).toEqual({ state: 'allocated', station_id: fx.station.id });

    const freeSeat = fx.rows[7]?.[0] ?? '';
    await withTx(db.$client, (tx) =>
      blockSeats(
        tx,
        { showId: fx.showId, seatIds: [freeSeat], reason: 'broken' },
        { kind: 'staff', id: null, channel: 'admin' },
      ),
    );
    await expect(
      withTx(db.$client, (tx) =>
        createHold(tx, { showId: fx.showId, seatIds: [freeSeat] }, web, times),
      ),
    ).rejects.toMatchObject({ code: 'BO_SEAT_UNAVAILABLE' });
    const audit = await db.$client.query<{ action: string }>(
      'SELECT DISTINCT action FROM audit_log ORDER BY action',
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['allocate', 'block', 'hold', 'release', 'sell']),
    );
  });

  it('voids a ticket and makes its seat available again', async () => {
    const station: Actor = {
      kind: 'station',
      id: fx.station.id,
      channel: 'station',
      stationId: fx.station.id,
    };
    const seat = fx.rows[4]?.[0] ?? '';
    const ticketId = randomUUID();
    const sale = await withTx(db.$client, (tx) =>
      sellSeats(
        tx,
        {
          orderId: randomUUID(),
          showId: fx.showId,
          lines: [{ seatId: seat, ticketTypeId: fx.ticketTypes.child, ticketId }],
          tenders: [{ tender: 'cash', amountMinor: 700 }],
        },
        station,
      ),
    );
    expect(sale.priced.totalMinor).toBe(700); // 10.00 × child 70 %, VAT included
    await withTx(db.$client, (tx) =>
      voidTickets(tx, { ticketIds: [ticketId], reason: 'wrong film', refund: false }, station),
    );
    const s = await db.$client.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seat],
    );
    expect(s.rows[0]?.state).toBe('available');
    await expect(
      withTx(db.$client, (tx) =>
        voidTickets(tx, { ticketIds: [ticketId], reason: 'again', refund: false }, station),
      ),
    ).rejects.toMatchObject({ code: 'BO_TICKET_NOT_VALID' });
  });

  it('rejects a second valid ticket for a seat even past the arbitration code', async () => {
    const seat = fx.rows[6]?.[0] ?? '';
    const station: Actor = {
      kind: 'station',
      id: fx.station.id,
      channel: 'station',
      stationId: fx.station.id,
    };
    await withTx(db.$client, (tx) =>
      sellSeats(
        tx,
        {
          orderId: randomUUID(),
          showId: fx.showId,
          lines: [{ seatId: seat, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() }],
          tenders: [],
        },
        station,
      ),
    );
    const orderId = (
      await db.$client.query<{ order_id: string }>(
        'SELECT order_id FROM tickets WHERE seat_id = $1',
        [seat],
      )
    ).rows[0]?.order_id;
    await expect(
      db.$client.query(
        "INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status) VALUES ($1, $2, $3, $4, $5, 1, 0, 'valid')",
        [randomUUID(), orderId, fx.showId, seat, fx.ticketTypes.adult],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
