// Food and drink at the counter, against a real server, PostgreSQL, SQLite and printer: quoted and
// sold with the tickets (online and offline), printed on the receipt, in the Z-report, and given back
// with the last ticket of a void.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConcessionItemView,
  SaleQuote,
  SaleView,
  StationSeatMap,
  ZReport,
} from '../../common/contract/station.js';
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
let st: TestStation;
const item = { popcorn: randomUUID(), soda: randomUUID(), retired: randomUUID() };

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 6, perRow: 10, startsInMinutes: 180 });
  // Food carries 5 % added on top, so its tax shows apart from the tickets' included VAT.
  await pool.query(
    "INSERT INTO taxes (id, cinema_id, name, rate_bp, inclusive, item_class) VALUES ($1, $2, 'Food tax', 500, false, 'concession')",
    [randomUUID(), fx.cinemaId],
  );
  const add = (id: string, name: string, category: string, price: number, active: boolean) =>
    pool.query(
      "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency, active) VALUES ($1, $2, $3, $4, $5, 'GBP', $6)",
      [id, fx.cinemaId, name, category, price, active],
    );
  await add(item.popcorn, 'Popcorn', 'popcorn', 600, true);
  await add(item.soda, 'Soda', 'drinks', 400, true);
  await add(item.retired, 'Old crisps', 'snacks', 300, false);
  // These tests read the expected cash from the cashier's X-report: the cinema does not close blind.
  await pool.query('UPDATE cinemas SET blind_close = false WHERE id = $1', [fx.cinemaId]);
  st = await startTestStation(server.url, fx.station, { allocationPerCategory: 2 });
  await caughtUp(st);
  await until(
    async () =>
      (
        await pool.query("SELECT 1 FROM show_seats WHERE station_id = $1 AND state = 'allocated'", [
          fx.station.id,
        ])
      ).rowCount,
    5000,
    'escrow',
  );
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await st.call('till:open', { float: { cash: 10000 } });
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

// Standard seats (10.00) that are neither sold nor set aside for this station.
const freeSeats = async (n: number) =>
  (await st.call<StationSeatMap>('seats:map', { showId: fx.showId })).seats
    .filter((s) => s.state === 'available' && !s.mine && s.categoryId === fx.categoryIds[0])
    .slice(0, n)
    .map((s) => s.id);
const adults = (seats: string[]) =>
  seats.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult }));
const serverItems = async (orderId: string) =>
  (
    await pool.query<{ concession_item_id: string; quantity: number; total_minor: number }>(
      'SELECT concession_item_id, quantity, total_minor FROM order_items WHERE order_id = $1 ORDER BY total_minor DESC',
      [orderId],
    )
  ).rows;
const errorOf = async (p: Promise<unknown>) =>
  (await p.then(() => null).catch((e: unknown) => e)) as { code?: string; message?: string } | null;

describe('concessions at the counter', () => {
  it('lists the active food and drink of the cinema, by category', async () => {
    const items = await st.call<ConcessionItemView[]>('catalog:concessions');
    expect(items.map((i) => [i.name, i.category, i.priceMinor, i.currency])).toEqual([
      ['Popcorn', 'popcorn', 600, 'GBP'],
      ['Soda', 'drinks', 400, 'GBP'],
    ]);
  });

  it('quotes tickets and food together, and refuses a bad food line with a coded error', async () => {
    const lines = adults([fx.rows[0]?.[0] ?? '']);
    const q = await st.call<SaleQuote>('sales:quote', {
      showId: fx.showId,
      lines,
      concessions: [{ itemId: item.popcorn, quantity: 2 }],
    });
    // Ticket 10.00 with VAT included; popcorn 2 × 6.00 + 5 % = 12.60.
    expect(q).toMatchObject({
      subtotalMinor: 2200,
      totalMinor: 2260,
      concessions: [{ itemId: item.popcorn, quantity: 2, unitPriceMinor: 600, totalMinor: 1260 }],
    });
    expect(
      await errorOf(
        st.call('sales:quote', {
          showId: fx.showId,
          lines,
          concessions: [{ itemId: item.retired, quantity: 1 }],
        }),
      ),
    ).toMatchObject({ code: 'BO_CONCESSION_UNAVAILABLE' });
    expect(
      await errorOf(
        st.call('sales:quote', {
          showId: fx.showId,
          lines,
          concessions: [{ itemId: randomUUID(), quantity: 1 }],
        }),
      ),
    ).toMatchObject({ code: 'BO_CONCESSION_UNAVAILABLE' });
    for (const bad of [
      [{ itemId: item.soda, quantity: 21 }],
      [{ itemId: item.soda, quantity: 0 }],
      [{ itemId: 'soda', quantity: 1 }],
      [
        { itemId: item.soda, quantity: 1 },
        { itemId: item.soda, quantity: 2 },
      ],
    ]) {
      expect(
        await errorOf(st.call('sales:quote', { showId: fx.showId, lines, concessions: bad })),
      ).toMatchObject({ code: 'BO_VALIDATION' });
    }
  });

  it('sells food with the tickets online: one transaction here, order_items on the server, on the receipt', async () => {
    const seats = await freeSeats(2);
    const before = st.printer.jobs().length;
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: adults(seats),
      concessions: [
        { itemId: item.popcorn, quantity: 2 },
        { itemId: item.soda, quantity: 1 },
      ],
      tenders: [{ tender: 'cash', amountMinor: 5000 }],
    });
    expect(sale).toMatchObject({
      offline: false,
      totalMinor: 2000 + 1260 + 420,
      changeDueMinor: 5000 - 3680,
    });
    expect(sale.concessions).toEqual([
      { itemId: item.popcorn, name: 'Popcorn', quantity: 2, unitPriceMinor: 600, totalMinor: 1260 },
      { itemId: item.soda, name: 'Soda', quantity: 1, unitPriceMinor: 400, totalMinor: 420 },
    ]);
    expect(await serverItems(sale.orderId)).toEqual([
      { concession_item_id: item.popcorn, quantity: 2, total_minor: 1260 },
      { concession_item_id: item.soda, quantity: 1, total_minor: 420 },
    ]);
    await until(
      () => st.printer.jobs().length >= before + 2,
      10_000,
      'tickets and receipt printed',
    );
    const receipt = st.printer
      .jobs()
      .slice(before)
      .find((j) => j.text.includes('RECEIPT'));
    // Lines at shelf price, then the added food tax, then the total: the paper adds up.
    for (const text of [
      'Popcorn',
      '2 x £6.00',
      '£12.00',
      'Soda',
      'Subtotal',
      '£36.00',
      'Tax Food tax 5%',
      '£0.80',
      '£36.80',
    ])
      expect(receipt?.text).toContain(text);
    // The server's change for the order replaces the lines here (its row ids arrive) rather than adding to them.
    const ids = (rows: { id: string }[]) =>
      rows
        .map((r) => r.id)
        .sort()
        .join();
    const serverIds = ids(
      (
        await pool.query<{ id: string }>('SELECT id FROM order_items WHERE order_id = $1', [
          sale.orderId,
        ])
      ).rows,
    );
    const localIds = () =>
      ids(
        st.station.db.$client
          .prepare('SELECT id FROM order_items WHERE order_id = ?')
          .all(sale.orderId) as { id: string }[],
      );
    await until(() => localIds() === serverIds, 5000, 'the server’s order change');
    expect(
      (await st.call<SaleView[]>('sales:list', { limit: 5 })).find(
        (v) => v.orderId === sale.orderId,
      )?.concessions,
    ).toEqual(sale.concessions);
  });

  it('sells food offline with escrowed seats, and the server gets it on reconnect', async () => {
    await server.stop();
    await until(() => !st.station.engine.isOnline(), 5000, 'offline');
    const map = await st.call<StationSeatMap>('seats:map', { showId: fx.showId });
    const mine = map.seats.find((s) => s.mine && s.categoryId === fx.categoryIds[0])?.id ?? '';
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: adults([mine]),
      concessions: [{ itemId: item.soda, quantity: 2 }],
      tenders: [{ tender: 'card', amountMinor: 1000 + 840, reference: 'T-9' }],
    });
    expect(sale).toMatchObject({
      offline: true,
      totalMinor: 1840,
      concessions: [{ name: 'Soda', quantity: 2, totalMinor: 840 }],
    });
    await server.start();
    await until(
      () => st.station.engine.status().pendingCount === 0 && st.station.engine.isOnline(),
      10_000,
      'outbox drained',
    );
    expect(await serverItems(sale.orderId)).toEqual([
      { concession_item_id: item.soda, quantity: 2, total_minor: 840 },
    ]);
  });

  it('gives the food back with the last ticket of a void, and the Z-report shows food, classes and taxes', async () => {
    const seats = await freeSeats(2);
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: adults(seats),
      concessions: [{ itemId: item.popcorn, quantity: 1 }],
      tenders: [{ tender: 'cash', amountMinor: 2630 }],
    });
    const x = await st.call<ZReport>('till:report', {});
    expect(x.perConcession).toEqual(
      expect.arrayContaining([
        { item: 'Popcorn', count: 3, amountMinor: 1260 + 630 },
        { item: 'Soda', count: 3, amountMinor: 420 + 840 },
      ]),
    );
    expect(x.perItemClass).toEqual([
      { itemClass: 'ticket', amountMinor: 5000 },
      { itemClass: 'concession', amountMinor: 3150 },
    ]);
    expect(x.sales.amountMinor).toBe(5000 + 3150);
    expect(x.taxes).toEqual(
      expect.arrayContaining([{ name: 'Food tax 5%', amountMinor: 60 + 20 + 40 + 30 }]),
    );
    const cashBefore = x.perTender.find((t) => t.tender === 'cash')?.expected ?? 0;

    // One ticket back: the customer keeps the popcorn. The other: the whole sale is given back.
    const [first, second] = sale.tickets;
    await st.call('sales:void', {
      orderId: sale.orderId,
      ticketIds: [first?.ticketId],
      reason: 'changed mind',
    });
    expect((await st.call<ZReport>('till:report', {})).perConcession).toEqual(
      expect.arrayContaining([{ item: 'Popcorn', count: 3, amountMinor: 1890 }]),
    );
    const view = await st.call<SaleView>('sales:void', {
      orderId: sale.orderId,
      ticketIds: [second?.ticketId],
      reason: 'changed mind',
    });
    expect(view.status).toBe('void');
    const z = await st.call<ZReport>('till:report', {});
    expect(z.perConcession).toEqual(
      expect.arrayContaining([{ item: 'Popcorn', count: 2, amountMinor: 1260 }]),
    );
    expect(z.voids).toEqual({ count: 2, amountMinor: 2630 });
    expect(z.perTender.find((t) => t.tender === 'cash')?.expected).toBe(cashBefore - 2630);
    expect(z.perItemClass).toEqual([
      { itemClass: 'ticket', amountMinor: 3000 },
      { itemClass: 'concession', amountMinor: 2520 },
    ]);
    expect(z.taxes).toEqual(
      expect.arrayContaining([{ name: 'Food tax 5%', amountMinor: 60 + 20 + 40 }]),
    );
    // Voiding again changes nothing.
    expect(
      await errorOf(st.call('sales:void', { orderId: sale.orderId, reason: 'again' })),
    ).toMatchObject({ code: 'BO_TICKET_NOT_VALID' });
  });

  it('gives a new station the food lines of the day’s orders in its snapshot', async () => {
    const fresh = await startTestStation(server.url, fx.otherStation, { allocationPerCategory: 0 });
    try {
      await caughtUp(fresh);
      const local = fresh.station.db.$client
        .prepare(
          'SELECT concession_item_id, sum(quantity) AS n, sum(total_minor) AS total FROM order_items GROUP BY 1 ORDER BY 1',
        )
        .all() as { concession_item_id: string; n: number; total: number }[];
      const remote = (
        await pool.query<{ concession_item_id: string; n: number; total: number }>(
          'SELECT concession_item_id, sum(quantity)::int AS n, sum(total_minor)::int AS total FROM order_items GROUP BY 1 ORDER BY 1',
        )
      ).rows;
      expect(local).toEqual(remote);
      expect(local.length).toBe(2);
    } finally {
      await fresh.stop();
    }
  });
});
