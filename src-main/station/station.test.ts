// Issue acceptance for the station core, against a real server, PostgreSQL, SQLite and printer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView, StationSeatMap, ZReport } from '../../common/contract/station.js';
import { localDateOf } from '../../common/schedule.js';
import { verifyTicketCode } from '../../common/ticket-code.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../test/support/show-fixture.js';
import { medianMs } from '../../test/support/latency.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';
import pg from 'pg';

let server: TestServer & { dbUrl: string };
let fx: ShowFixture;
let st: TestStation;
let pool: pg.Pool;
let cardSales = 0;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 8, perRow: 10, startsInMinutes: 180 });
  st = await startTestStation(server.url, fx.station, { allocationPerCategory: 2 });
  await caughtUp(st);
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

const seatState = async (seatId: string) =>
  (
    await pool.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seatId],
    )
  ).rows[0]?.state;

describe('station core', () => {
  it('caught up the cinema and receives server changes within 200 ms', async () => {
    const status = await st.call<{
      counts: { shows: number; seats: number };
      cinema: { name: string };
    }>('station:status');
    expect(status.cinema.name).toBe('Test Cinema');
    expect(status.counts.seats).toBe(80);
    const seats = [fx.rows[0]?.[0] ?? '', fx.rows[7]?.[8] ?? '', fx.rows[7]?.[9] ?? ''];
    const ms = await medianMs(seats.length, async (i) => {
      const seat = seats[i] ?? '';
      const t0 = Date.now();
      const res = await server.app().inject({
        method: 'POST',
        url: '/api/v1/holds',
        payload: { showId: fx.showId, seatIds: [seat] },
      });
      expect(res.statusCode).toBe(201);
      await until(
        () =>
          (
            st.station.db.$client
              .prepare('SELECT state FROM show_seats WHERE seat_id = ?')
              .get(seat) as { state: string }
          ).state === 'held',
        5000,
        'held locally',
      );
      return Date.now() - t0;
    });
    expect(ms).toBeLessThan(200);
  });

  it('signs staff in with a PIN from the replica and refuses a wrong one', async () => {
    await expect(st.call('catalog:shows', {})).rejects.toThrow(/BO_UNAUTHORIZED/);
    await expect(
      st.call('auth:signIn', { staffId: fx.staff.cashier, pin: '9517' }),
    ).rejects.toThrow(/BO_UNAUTHORIZED.*does not match/);
    expect(
      await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier }),
    ).toMatchObject({
      name: 'Casey Cashier',
      role: 'cashier',
    });
  });

  it('gets its escrow and sells online through the server, printing tickets', async () => {
    await until(
      async () =>
        (
          await pool.query(
            "SELECT 1 FROM show_seats WHERE station_id = $1 AND state = 'allocated'",
            [fx.station.id],
          )
        ).rowCount,
      5000,
      'escrow',
    );
    await st.call('till:open', { float: { cash: 10000 } });
    // The show's own local date: "now + 3 h", counted again here, could fall past midnight.
    const starts = await pool.query<{ starts_at: Date }>(
      'SELECT starts_at FROM shows WHERE id = $1',
      [fx.showId],
    );
    const date = localDateOf(starts.rows[0]?.starts_at ?? new Date(), 'Europe/London');
    const shows = await st.call<{ id: string }[]>('catalog:shows', { date });
    expect(shows.map((s) => s.id)).toContain(fx.showId);
    const seats = [fx.rows[2]?.[0] ?? '', fx.rows[2]?.[1] ?? ''];
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: seats.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult })),
      tenders: [{ tender: 'cash', amountMinor: 5000 }],
    });
    expect(sale).toMatchObject({ totalMinor: 2000, changeDueMinor: 3000, offline: false });
    expect(await seatState(seats[0] ?? '')).toBe('sold');
    const job = await st.printer.nextJob(5000);
    expect(job.text).toContain('Rated 12A');
    expect(job.text).toContain('Screen 1');
    const qr = job.document.items.find((i) => i.kind === 'qr');
    const serverKey = st.station.db.$client
      .prepare("SELECT value FROM sync_state WHERE key = 'station_cert'")
      .get() as { value: string };
    const verified = verifyTicketCode(
      qr?.kind === 'qr' ? qr.data : '',
      new Uint8Array(
        Buffer.from(
          (JSON.parse(serverKey.value) as { serverPublicKey: string }).serverPublicKey,
          'hex',
        ),
      ),
    );
    expect(verified).toMatchObject({ ok: true, payload: { showId: fx.showId, seatLabel: 'C1' } });
  });

  it('offline sells 3 escrowed seats, refuses others, and delivers the sales once on reconnect', async () => {
    await server.stop();
    await until(() => !st.station.engine.isOnline(), 5000, 'offline');
    const map = await st.call<StationSeatMap>('seats:map', { showId: fx.showId });
    const mine = map.seats.filter((s) => s.mine).map((s) => s.id);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const other = map.seats.find((s) => !s.mine && s.state === 'available');
    await expect(
      st.call('sales:create', {
        showId: fx.showId,
        lines: [{ seatId: other?.id, ticketTypeId: fx.ticketTypes.adult }],
        tenders: [{ tender: 'cash', amountMinor: 1000 }],
      }),
    ).rejects.toThrow(/set aside for it/);
    let cardTotal = 0;
    for (const seatId of mine.slice(0, 3)) {
      const quote = await st.call<{ totalMinor: number }>('sales:quote', {
        showId: fx.showId,
        lines: [{ seatId, ticketTypeId: fx.ticketTypes.child }],
      });
      cardTotal += quote.totalMinor;
      const s = await st.call<SaleView>('sales:create', {
        showId: fx.showId,
        lines: [{ seatId, ticketTypeId: fx.ticketTypes.child }],
        tenders: [{ tender: 'card', amountMinor: quote.totalMinor, reference: 'T-1' }],
      });
      expect(s.offline).toBe(true);
    }
    cardSales = cardTotal;
    expect(st.station.engine.status().pendingCount).toBeGreaterThanOrEqual(3);
    await server.start();
    await until(
      () => st.station.engine.status().pendingCount === 0 && st.station.engine.isOnline(),
      10_000,
      'outbox drained',
    );
    for (const seatId of mine.slice(0, 3)) {
      const n = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM tickets WHERE seat_id = $1 AND show_id = $2 AND status = 'valid'",
        [seatId, fx.showId],
      );
      expect(n.rows[0]?.n).toBe(1);
    }
  });

  it('puts a mutation the server rejects in the review list with its reason', async () => {
    const taken = fx.rows[2]?.[0] ?? ''; // sold above
    st.station.engine.enqueue('hold', { showId: fx.showId, seatIds: [taken] });
    await until(() => st.station.engine.status().reviewCount > 0, 5000, 'review item');
    await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
    const items = await st.call<{ code: string; advice: string }[]>('review:list');
    expect(items[0]).toMatchObject({ code: 'BO_SEAT_UNAVAILABLE' });
    expect(items[0]?.advice.length).toBeGreaterThan(10);
    expect(items[0]).toMatchObject({
      summary: expect.stringMatching(/^Hold · seats C1 · Test Film/) as string,
    });
  });

  it('closes the till with counted == expected and a Z-report that matches the sales', async () => {
    // The drop is the till owner's; the manager reads the X-report (expected shown) and closes for her.
    await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
    await st.call('till:drop', { amountMinor: 4000 });
    await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
    const x = await st.call<ZReport>('till:report', {});
    const cash = x.perTender.find((t) => t.tender === 'cash');
    expect(cash).toMatchObject({ float: 10000, sales: 2000, drops: 4000, expected: 8000 });
    const z = await st.call<ZReport>('till:close', { counted: { cash: 8000, card: cardSales } });
    expect(z.perTender.find((t) => t.tender === 'cash')).toMatchObject({
      expected: 8000,
      counted: 8000,
      difference: 0,
    });
    expect(z.perTender.find((t) => t.tender === 'card')).toMatchObject({
      sales: cardSales,
      salesCount: 3,
      expected: cardSales,
      difference: 0,
    });
    expect(z.voids).toEqual({ count: 0, amountMinor: 0 });
    expect(z.sales).toMatchObject({ count: 4, amountMinor: 2000 + cardSales });
    expect(z.perTicketType).toEqual(
      expect.arrayContaining([
        { ticketType: 'Adult', count: 2, amountMinor: 2000 },
        { ticketType: 'Child', count: 3, amountMinor: cardSales },
      ]),
    );
    expect(z.taxes.reduce((a, t) => a + t.amountMinor, 0)).toBeGreaterThan(0);
  });
});
