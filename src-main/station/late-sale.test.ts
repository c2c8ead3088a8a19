// A sale the server completed after the counter stopped waiting is filed for a manager even when
// its order reached the replica first through the change log (found by the chaos run: such a sale
// was sold on the server with no money taken, nothing printed and nobody told). Real server, real
// replica; the late answer is a `sell` in the outbox that no counter is waiting for.
//
// And a counter's hold the server answers after the cashier stopped waiting: the counter says "the
// seats are not held; you can still sell them", so the sale must go through, and the late hold must
// not keep seats from everyone else until it expires. The hold is made late by a row lock the test
// holds on its seats until the counter has given up on it, so nothing depends on the machine's speed.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CinemaInfo, SaleQuote, StationStatus } from '../../common/contract/station.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../test/support/show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';
import { recordLateSale } from './late-sale.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let counter: TestStation;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 3, perRow: 8, startsInMinutes: 240 });
  counter = await startTestStation(server.url, fx.station, { allocationPerCategory: 0 });
  await caughtUp(counter, { showId: fx.showId });
  await counter.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await counter.call('till:open', { float: { cash: 5000 } });
}, 60_000);

afterAll(async () => {
  await counter.stop();
  await pool.end();
  await server.stop();
});

/** A counter sale's mutation payload for one seat, priced as the counter prices it. */
async function sellPayload(seatId: string) {
  const lines = [{ seatId, ticketTypeId: fx.ticketTypes.adult }];
  const quote = await counter.call<SaleQuote>('sales:quote', { showId: fx.showId, lines });
  return {
    orderId: randomUUID(),
    showId: fx.showId,
    lines: lines.map((l) => ({ ...l, ticketId: randomUUID() })),
    staffId: fx.staff.cashier,
    saleNumber: 900,
    training: false,
    tenders: [{ tender: 'cash', amountMinor: quote.totalMinor }],
    changeMinor: 0,
    expectedTotalMinor: quote.totalMinor,
  };
}

const lateItems = (orderId: string) =>
  counter.station.db.$client
    .prepare(
      "SELECT code, message FROM review_items WHERE code = 'BO_LATE_SALE' AND json_extract(payload, '$.orderId') = ?",
    )
    .all(orderId) as { code: string; message: string }[];

describe('late sales', () => {
  it('files a sale the server completed for nobody waiting, once', async () => {
    const p = await sellPayload(fx.rows[0]?.[0] ?? '');
    counter.station.engine.enqueue('sell', p, { id: p.orderId });
    await until(() => lateItems(p.orderId).length > 0, 15_000, 'the late sale filed');
    const paid = await pool.query('SELECT status FROM orders WHERE id = $1', [p.orderId]);
    expect(paid.rows[0]).toEqual({ status: 'paid' });
    expect(lateItems(p.orderId)).toHaveLength(1);
    expect(lateItems(p.orderId)[0]?.message).toMatch(/Collect payment and reprint, or void it/);
  });

  it('files it even when the change log brought the order into the replica before the answer', async () => {
    const p = await sellPayload(fx.rows[1]?.[0] ?? '');
    // The server sells it (as for a counter whose answer is lost) and the replica learns the order.
    const other = await startTestStation(server.url, fx.otherStation, { allocationPerCategory: 0 });
    try {
      await until(() => other.station.engine.isOnline(), 15_000, 'other online');
      other.station.engine.enqueue('sell', p, { id: p.orderId });
      await until(
        () =>
          counter.station.db.$client.prepare('SELECT 1 FROM orders WHERE id = ?').get(p.orderId) !==
          undefined,
        15_000,
        'the order in the replica',
      );
    } finally {
      await other.stop();
    }
    const status = await counter.call<StationStatus>('station:status');
    const deps = {
      db: counter.station.db,
      cinema: () => status.cinema as CinemaInfo,
      stationId: fx.station.id,
    };
    // Then the late answer: filed, and a second delivery of it files nothing more.
    recordLateSale(deps, p);
    recordLateSale(deps, p);
    expect(lateItems(p.orderId)).toHaveLength(1);
  });

  it('leaves a sale made here in the usual way alone', async () => {
    const seatId = fx.rows[2]?.[0] ?? '';
    const lines = [{ seatId, ticketTypeId: fx.ticketTypes.adult }];
    const quote = await counter.call<SaleQuote>('sales:quote', { showId: fx.showId, lines });
    const hold = await counter.call<{ holdId: string }>('seats:hold', {
      showId: fx.showId,
      seatIds: [seatId],
    });
    const sale = await counter.call<{ orderId: string }>('sales:create', {
      showId: fx.showId,
      lines,
      holdId: hold.holdId,
      tenders: [{ tender: 'cash', amountMinor: quote.totalMinor }],
    });
    const status = await counter.call<StationStatus>('station:status');
    recordLateSale(
      {
        db: counter.station.db,
        cinema: () => status.cinema as CinemaInfo,
        stationId: fx.station.id,
      },
      { orderId: sale.orderId, showId: fx.showId, lines: [] },
    );
    expect(lateItems(sale.orderId)).toHaveLength(0);
  });
});

describe('a late hold', () => {
  it('does not refuse the sale the counter was told it could make, and is released when it comes', async () => {
    const seatIds = [fx.rows[0]?.[3] ?? '', fx.rows[0]?.[4] ?? ''];
    // Holds of this station made from here on (the sale above made one of its own).
    const earlier = (await pool.query<{ id: string }>('SELECT id FROM holds')).rows.map(
      (r) => r.id,
    );
    const holds = async () =>
      (
        await pool.query<{ status: string }>(
          'SELECT status FROM holds WHERE show_id = $1 AND station_id = $2 AND id <> ALL($3::text[])',
          [fx.showId, fx.station.id, earlier],
        )
      ).rows.map((r) => r.status);
    const lock = await pool.connect();
    let sale: Promise<unknown> | null = null;
    try {
      await lock.query('BEGIN');
      await lock.query(
        'SELECT 1 FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2::uuid[]) FOR UPDATE',
        [fx.showId, seatIds],
      );
      // The server cannot answer while the test holds the seats' rows: the counter stops waiting.
      await expect(counter.call('seats:hold', { showId: fx.showId, seatIds })).rejects.toThrow(
        /not held\. You can still sell them/,
      );
      const lines = seatIds.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult }));
      const quote = await counter.call<SaleQuote>('sales:quote', { showId: fx.showId, lines });
      // As the counter does: no hold, so the sale goes without one, queued behind the late hold.
      sale = counter.call('sales:create', {
        showId: fx.showId,
        lines,
        tenders: [{ tender: 'cash', amountMinor: quote.totalMinor }],
      });
      await until(() => counter.station.engine.status().pendingCount >= 2, 5000, 'sale queued');
    } finally {
      await lock.query('ROLLBACK');
      lock.release();
    }
    await expect(sale).resolves.toMatchObject({
      showId: fx.showId,
      status: 'paid',
      offline: false,
    });
    const seats = await pool.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2::uuid[])',
      [fx.showId, seatIds],
    );
    expect(seats.rows.map((r) => r.state)).toEqual(['sold', 'sold']);
    // The late hold itself: released once its answer came, not left to its TTL.
    await until(
      async () => {
        const h = await holds();
        return h.length > 0 && h.every((x) => x !== 'active');
      },
      15_000,
      'the late hold released',
    );
    expect(await holds()).toEqual(['released']);
  });
});
