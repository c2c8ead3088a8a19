// Issue 18: a kiosk sells for card only, enforced by the station core through the contract (not by
// hiding buttons), and the server records its card sales with channel kiosk.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView } from '../../common/contract/station.js';
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
let fx: ShowFixture;
let st: TestStation;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 4, perRow: 10, startsInMinutes: 180 });
  await pool.query("UPDATE stations SET kind = 'kiosk' WHERE id = $1", [fx.station.id]);
  st = await startTestStation(server.url, fx.station, { config: { kiosk: true } });
  await until(
    () =>
      st.station.engine.status().state === 'online' &&
      st.station.engine.status().catchUp === null &&
      st.station.db.$client.prepare('SELECT 1 FROM cinemas').get() !== undefined,
    10_000,
    'catch-up',
  );
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await st.call('till:open', { float: {} });
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

const local = () =>
  st.station.db.$client
    .prepare(
      "SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM print_jobs) AS prints, (SELECT count(*) FROM show_seats WHERE state = 'sold') AS sold",
    )
    .get();

describe('a kiosk station', () => {
  it.each([
    [[{ tender: 'cash', amountMinor: 5000 }]],
    [[{ tender: 'voucher', amountMinor: 1000, reference: 'GIFT-1' }]],
    [
      [
        { tender: 'card', amountMinor: 500, reference: 'AUTH-1' },
        { tender: 'cash', amountMinor: 500 },
      ],
    ],
  ])('refuses a sale paid with anything but card, changing nothing: %j', async (tenders) => {
    const seatId = fx.rows[0]?.[0] ?? '';
    const before = local();
    const pending = st.station.engine.status().pendingCount;
    await expect(
      st.call('sales:create', {
        showId: fx.showId,
        lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
        tenders,
      }),
    ).rejects.toThrow(/BO_KIOSK_CARD_ONLY/);
    expect(local()).toEqual(before);
    expect(st.station.engine.status().pendingCount).toBe(pending);
    const seat = await pool.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seatId],
    );
    expect(seat.rows[0]?.state).not.toBe('sold');
  });

  it('sells for card, and the server records the sale with channel kiosk', async () => {
    const seatId = fx.rows[1]?.[0] ?? '';
    const quote = await st.call<{ totalMinor: number }>('sales:quote', {
      showId: fx.showId,
      lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
    });
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
      tenders: [{ tender: 'card', amountMinor: quote.totalMinor, reference: 'SIM-1' }],
    });
    expect(sale.offline).toBe(false);
    const order = await pool.query<{ channel: string }>(
      'SELECT channel FROM orders WHERE id = $1',
      [sale.orderId],
    );
    expect(order.rows[0]?.channel).toBe('kiosk');
  });
});
