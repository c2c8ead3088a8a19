// The show list and the seat map's header count free seats the same way (issue 10, item 9): escrow
// set aside for this counter counts as free here, seats of sales still in the outbox do not.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView, ShowListItem, StationSeatMap } from '../../common/contract/station.js';
import { localDateOf } from '../../common/schedule.js';
import { countSeats } from '../../common/seat-counts.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../test/support/show-fixture.js';
import {
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let st: TestStation;
let date: string;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 4, perRow: 6, startsInMinutes: 180 });
  const r = await pool.query<{ starts_at: Date }>('SELECT starts_at FROM shows WHERE id = $1', [
    fx.showId,
  ]);
  date = localDateOf(r.rows[0]?.starts_at ?? new Date(), 'Europe/London');
  st = await startTestStation(server.url, fx.station, { allocationPerCategory: 2 });
  await until(
    async () =>
      st.station.engine.status().state === 'online' &&
      (
        await pool.query("SELECT 1 FROM show_seats WHERE station_id = $1 AND state = 'allocated'", [
          fx.station.id,
        ])
      ).rowCount === 4 &&
      (
        st.station.db.$client
          .prepare("SELECT count(*) AS n FROM show_seats WHERE state = 'allocated'")
          .get() as { n: number }
      ).n === 4,
    10_000,
    'escrow in the replica',
  );
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await st.call('till:open', { float: { cash: 5000 } });
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

const both = async () => {
  const list = await st.call<ShowListItem[]>('catalog:shows', { date });
  const map = await st.call<StationSeatMap>('seats:map', { showId: fx.showId });
  return { item: list.find((s) => s.id === fx.showId)?.seats, map };
};

describe('free seat counts', () => {
  it('are the same in the list, the map header and the map seats, escrow included', async () => {
    const { item, map } = await both();
    expect(item).toEqual({ total: 24, available: 24, mine: 4 });
    expect(map.show.seats).toEqual(item);
    expect(countSeats(map.seats)).toEqual(item);
  });

  it('stay the same while an offline sale waits in the outbox', async () => {
    await server.stop();
    await until(() => !st.station.engine.isOnline(), 5000, 'offline');
    const mine = (await both()).map.seats.find((s) => s.mine);
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: [{ seatId: mine?.id ?? '', ticketTypeId: fx.ticketTypes.adult }],
      tenders: [{ tender: 'cash', amountMinor: 1000 }],
    });
    expect(sale.offline).toBe(true);
    const { item, map } = await both();
    expect(item).toEqual({ total: 24, available: 23, mine: 3 });
    expect(map.show.seats).toEqual(item);
    expect(countSeats(map.seats)).toEqual(item);
    await server.start();
  });
});
