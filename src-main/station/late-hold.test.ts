// A counter's hold the server answers after the cashier stopped waiting (found by reading the chaos
// run): the counter says "the seats are not held; you can still sell them", and the sale must then
// go through, and the late hold must not keep seats from everyone else until it expires. Real server,
// real station; the hold is made late by a row lock the test holds on its seats until the counter
// has given up on it, so nothing here depends on the machine's speed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleQuote } from '../../common/contract/station.js';
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

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let counter: TestStation;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 2, perRow: 8, startsInMinutes: 240 });
  counter = await startTestStation(server.url, fx.station, { allocationPerCategory: 0 });
  await caughtUp(counter, { showId: fx.showId });
  await counter.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await counter.call('till:open', { float: { cash: 10_000 } });
}, 60_000);

afterAll(async () => {
  await counter.stop();
  await pool.end();
  await server.stop();
});

describe('a late hold', () => {
  it('does not refuse the sale the counter was told it could make, and is released when it comes', async () => {
    const seatIds = [fx.rows[0]?.[3] ?? '', fx.rows[0]?.[4] ?? ''];
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
      async () =>
        (
          await pool.query(
            "SELECT 1 FROM holds WHERE show_id = $1 AND station_id = $2 AND status = 'active'",
            [fx.showId, fx.station.id],
          )
        ).rowCount === 0,
      15_000,
      'the late hold released',
    );
    const holds = await pool.query<{ status: string }>(
      'SELECT status FROM holds WHERE show_id = $1 AND station_id = $2',
      [fx.showId, fx.station.id],
    );
    expect(holds.rows.map((h) => h.status)).toEqual(['released']);
  });
});
