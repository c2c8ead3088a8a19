// Issue 17 acceptance: the reports agree with the counters' Z-reports and the web's payments. Two
// stations sell (one with food), void and refund; the web books, pays and is refunded in part; the
// tills close and upload; the summary's takings per channel equal the Z-reports' net and the web's
// payments less its refunds, and every breakdown adds up to the total.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  leaderboardReport,
  occupancyReport,
  revenueReport,
  summaryReport,
  tillsReport,
} from '../common/api/reports.js';
import type { SaleView, StationSeatMap, ZReport } from '../common/contract/station.js';
import { addDays } from '../common/schedule.js';
import type { BoError } from '../common/errors.js';
import { tillUploadSchema, type TillUpload } from '../common/till-upload.js';
import { openSession } from '../sync-server/identity/sessions.js';
import { withTx } from '../sync-server/services/tx.js';
import { applyTillUpload } from '../sync-server/tills/upload.js';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  postMoney,
  startPaying,
} from './support/bookings.js';
import { createShowFixture, FIXTURE_PINS, type ShowFixture } from './support/show-fixture.js';
import {
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from './support/stack.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let a: TestStation;
let b: TestStation;
const popcorn = randomUUID();
const tokens = { manager: '', cashier: '', admin: '' };
let from = '';
let to = '';
const zNets: number[] = [];

const get = async (path: string, who: keyof typeof tokens = 'manager') => {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, json, code: json.error?.code };
};
/** Reads a report and checks it against its contract. */
const read = async <S extends z.ZodType>(
  path: string,
  schema: S,
  who: keyof typeof tokens = 'manager',
) => {
  const r = await get(path, who);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { status: r.status, body: schema.parse(r.json) };
};

const tokenOf = async (sub: string, role: 'cashier' | 'manager' | 'admin', cinemas: string[]) => {
  const app = server.app();
  const s = await openSession(
    app.ctx.db.$client,
    { kind: 'staff', station: null, sub, role, cinemas },
    await app.ctx.identity.settings('staff'),
    new Date(),
  );
  return s.accessToken;
};

const freeSeats = async (st: TestStation, n: number) =>
  (await st.call<StationSeatMap>('seats:map', { showId: fx.showId })).seats
    .filter((s) => s.state === 'available' && !s.mine)
    .slice(0, n)
    .map((s) => ({ seatId: s.id, ticketTypeId: fx.ticketTypes.adult }));

const ready = async (st: TestStation, staffId: string, pin: string) => {
  await until(
    () =>
      st.station.engine.status().state === 'online' &&
      st.station.engine.status().catchUp === null &&
      st.station.db.$client.prepare('SELECT 1 FROM staff').get() !== undefined,
    10_000,
    'catch-up',
  );
  await st.call('auth:signIn', { staffId, pin });
  await st.call('till:open', { float: { cash: 5000 } });
};

const closeTill = async (st: TestStation) => {
  const x = await st.call<ZReport>('till:report', {});
  const counted = Object.fromEntries(x.perTender.map((t) => [t.tender, t.expected ?? 0]));
  const z = await st.call<ZReport>('till:close', { counted });
  zNets.push(z.totals.netMinor);
};

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 6, perRow: 10, startsInMinutes: 180 });
  await pool.query(
    "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency, active) VALUES ($1, $2, 'Popcorn', 'popcorn', 600, 'GBP', true)",
    [popcorn, fx.cinemaId],
  );
  await pool.query('UPDATE cinemas SET blind_close = false WHERE id = $1', [fx.cinemaId]);
  const admin = randomUUID();
  await pool.query(
    "INSERT INTO staff (id, chain_id, name, role, pin_hash, active) SELECT $1, chain_id, 'Ada Admin', 'admin', 'x', true FROM cinemas WHERE id = $2",
    [admin, fx.cinemaId],
  );
  tokens.manager = await tokenOf(fx.staff.manager, 'manager', [fx.cinemaId]);
  tokens.cashier = await tokenOf(fx.staff.cashier, 'cashier', [fx.cinemaId]);
  tokens.admin = await tokenOf(admin, 'admin', []);
  // The cinema days around now: a sale at 05:59 and its refund at 06:00 fall on two days, and
  // the period holds both whatever the hour.
  const today = (
    await pool.query<{ d: string }>(
      "SELECT marquee_business_date(now(), 'Europe/London', '06:00')::text AS d",
    )
  ).rows[0]?.d as string;
  from = addDays(today, -1);
  to = addDays(today, 1);

  a = await startTestStation(server.url, fx.station, { allocationPerCategory: 0 });
  b = await startTestStation(server.url, fx.otherStation, { allocationPerCategory: 0 });
  await ready(a, fx.staff.cashier, FIXTURE_PINS.cashier);
  await ready(b, fx.staff.cashier2, FIXTURE_PINS.cashier2);

  // Station A: tickets with food for cash; a sale voided in the session.
  await a.call<SaleView>('sales:create', {
    showId: fx.showId,
    lines: await freeSeats(a, 2),
    concessions: [{ itemId: popcorn, quantity: 2 }],
    tenders: [{ tender: 'cash', amountMinor: 5000 }],
  });
  const voided = await a.call<SaleView>('sales:create', {
    showId: fx.showId,
    lines: await freeSeats(a, 1),
    tenders: [{ tender: 'card', amountMinor: 1000, reference: 'T-1' }],
  });
  await a.call('sales:void', { orderId: voided.orderId, reason: 'wrong show' });
  // Station B: three tickets by card, one refunded with the manager's PIN.
  const three = await b.call<SaleView>('sales:create', {
    showId: fx.showId,
    lines: await freeSeats(b, 3),
    tenders: [{ tender: 'card', amountMinor: 3000, reference: 'T-2' }],
  });
  await b.call('sales:void', {
    orderId: three.orderId,
    ticketIds: [three.tickets[0]?.ticketId],
    reason: 'feeling unwell',
    refund: true,
    managerPin: FIXTURE_PINS.manager,
  });

  // The web: two seats booked and paid, then one refunded by the manager with 1.50 of goodwill.
  const app = server.app();
  const hold = await holdSeats(app, fx.showId, 2);
  const booking = await bookHold(app, hold, fx.ticketTypes.adult);
  const paid = await payWithCard(app, await startPaying(app, booking), CARDS.ok);
  expect(paid.status).toBe('succeeded');
  await until(
    async () =>
      (
        await pool.query("SELECT 1 FROM bookings WHERE id = $1 AND status = 'confirmed'", [
          booking.id,
        ])
      ).rowCount,
    5000,
    'booking confirmed',
  );
  const ticket = (
    await pool.query<{ id: string }>('SELECT id FROM tickets WHERE order_id = $1 LIMIT 1', [
      booking.id,
    ])
  ).rows[0]?.id;
  const refund = await postMoney(
    app,
    `/api/v1/admin/bookings/${booking.id}/refunds`,
    { ticketIds: [ticket], amountMinor: 150, reason: 'sound failed' },
    { authorization: `Bearer ${tokens.manager}` },
  );
  expect(refund.statusCode, refund.body).toBe(200);

  await closeTill(a);
  await closeTill(b);
  // Both closed tills reach the server through the outbox.
  await until(
    async () =>
      (await pool.query('SELECT 1 FROM tills WHERE closed_at IS NOT NULL AND z_report IS NOT NULL'))
        .rowCount === 2,
    10_000,
    'tills uploaded',
  );
}, 120_000);

afterAll(async () => {
  await a.stop();
  await b.stop();
  await server.stop();
  await pool.end();
});

const period = () => `from=${from}&to=${to}&cinemaId=${fx.cinemaId}`;

describe('reports agree with the Z-reports and the web', () => {
  it('counter takings equal the Z-reports; web takings equal payments less refunds', async () => {
    const money = async (sql: string) =>
      Number((await pool.query<{ n: string | null }>(sql, [fx.cinemaId])).rows[0]?.n ?? 0);
    const webPaid = await money(
      "SELECT sum(p.amount_minor) AS n FROM booking_payments p JOIN bookings b ON b.id = p.booking_id WHERE b.cinema_id = $1 AND p.status = 'succeeded'",
    );
    const webRefunded = await money(
      "SELECT sum(r.amount_minor) AS n FROM booking_refunds r JOIN bookings b ON b.id = r.booking_id WHERE b.cinema_id = $1 AND r.status <> 'failed'",
    );
    expect(webPaid).toBeGreaterThan(0);
    expect(webRefunded).toBeGreaterThan(0);

    const s = await read(`/admin/reports/summary?${period()}`, summaryReport);
    expect(s.status).toBe(200);
    const channel = (c: string) => s.body.byChannel.find((r) => r.key === c)?.netMinor ?? 0;
    const zSum = zNets.reduce((x, y) => x + y, 0);
    expect(channel('counter')).toBe(zSum);
    expect(channel('web')).toBe(webPaid - webRefunded);
    expect(s.body.current.netMinor).toBe(zSum + webPaid - webRefunded);
    // The uploaded tills say the same as the stations did.
    const t = await read(`/admin/reports/tills?${period()}`, tillsReport);
    expect(t.body.rows).toHaveLength(2);
    expect(t.body.closedNetMinor).toBe(zSum);
    expect(t.body.rows.every((r) => r.varianceMinor === 0)).toBe(true);
    // Admissions: 2 + 3 − 1 at the counter (the void never counts), 2 − 1 on the web.
    expect(s.body.current.admissions).toBe(5);
    expect(s.body.current.concessionsNetMinor).toBeGreaterThan(0);
    expect(s.body.occupancy).toBeCloseTo(5 / 60, 5);
  });

  it('adds up the same by every breakdown, after the rollup as before it', async () => {
    const before = await read(`/admin/reports/summary?${period()}`, summaryReport);
    await pool.query('SELECT report_rollup()');
    expect((await pool.query('SELECT 1 FROM report_deltas')).rowCount).toBe(0);
    for (const by of [
      'day',
      'week',
      'month',
      'film',
      'format',
      'category',
      'ticketType',
      'channel',
    ]) {
      const r = await read(`/admin/reports/revenue?${period()}&by=${by}`, revenueReport);
      expect(r.status, by).toBe(200);
      expect(r.body.total.netMinor, by).toBe(before.body.current.netMinor);
      expect(
        r.body.rows.reduce((x, y) => x + y.netMinor, 0),
        by,
      ).toBe(r.body.total.netMinor);
      expect(
        r.body.rows.reduce((x, y) => x + y.admissions, 0),
        by,
      ).toBe(5);
    }
    const occ = await read(`/admin/reports/occupancy?${period()}&by=show`, occupancyReport);
    expect(occ.body.rows).toEqual([
      expect.objectContaining({ shows: 1, admissions: 5, capacity: 60 }),
    ]);
    const board = await read(`/admin/reports/leaderboard?${period()}`, leaderboardReport);
    expect(board.body.rows).toEqual([
      expect.objectContaining({ rank: 1, score: 100, admissions: 5 }),
    ]);
    const none = await read(`/admin/reports/leaderboard?${period()}&genre=Nope`, leaderboardReport);
    expect(none.body.rows).toEqual([]);
  });

  it('refuses bad periods, unknown cinemas, other people’s cinemas and cashiers, changing nothing', async () => {
    const long = await get(
      `/admin/reports/summary?from=2025-01-01&to=2026-06-01&cinemaId=${fx.cinemaId}`,
    );
    expect([long.status, long.code]).toEqual([400, 'BO_VALIDATION']);
    const backwards = await get(`/admin/reports/revenue?from=${to}&to=${from}`);
    expect([backwards.status, backwards.code]).toEqual([400, 'BO_VALIDATION']);
    const unknown = await get(
      `/admin/reports/summary?from=${from}&to=${to}&cinemaId=${randomUUID()}`,
    );
    expect([unknown.status, unknown.code]).toEqual([404, 'BO_NOT_FOUND']);
    const cashier = await get(`/admin/reports/summary?${period()}`, 'cashier');
    expect(cashier.status).toBe(403);
    // A chain admin reads every cinema of the chain without naming one.
    const all = await read(`/admin/reports/summary?from=${from}&to=${to}`, summaryReport, 'admin');
    expect(all.status).toBe(200);
    expect(all.body.current.admissions).toBe(5);
  });
});

describe('till uploads', () => {
  const upload = async (stationId: string, payload: unknown) => {
    const station = { id: stationId, cinemaId: fx.cinemaId };
    return withTx(pool, async (tx) =>
      applyTillUpload(tx, station, tillUploadSchema.parse(payload), {
        kind: 'station',
        id: stationId,
        channel: 'station',
        stationId,
      }),
    ).catch((e: unknown) => e as BoError);
  };
  const closed = async () =>
    (
      await pool.query<{ id: string; z_report: TillUpload['zReport']; counted: unknown }>(
        'SELECT id, z_report, counted FROM tills WHERE station_id = $1',
        [fx.station.id],
      )
    ).rows[0];

  it('keeps a close final: a late or repeated upload never reopens a till or changes its count', async () => {
    const till = await closed();
    expect(till?.z_report).not.toBeNull();
    const again = await upload(fx.station.id, {
      tillId: till?.id,
      staffId: fx.staff.cashier,
      openedAt: new Date().toISOString(),
      closedAt: null,
      training: false,
      currency: 'GBP',
      float: { cash: 1 },
      counted: null,
      closedBy: null,
      varianceApprovedBy: null,
      varianceNote: null,
      drops: [],
      zReport: null,
    });
    expect(again).toMatchObject({ closed: false });
    const after = await closed();
    expect(after?.z_report).toEqual(till?.z_report);
    expect(after?.counted).toEqual(till?.counted);
  });

  it('refuses another station’s till, a training till and people from elsewhere', async () => {
    const till = await closed();
    const base = {
      tillId: till?.id,
      staffId: fx.staff.cashier,
      openedAt: new Date().toISOString(),
      closedAt: null,
      training: false,
      currency: 'GBP',
      float: { cash: 1 },
      counted: null,
      closedBy: null,
      varianceApprovedBy: null,
      varianceNote: null,
      drops: [],
      zReport: null,
    };
    expect(await upload(fx.otherStation.id, base)).toMatchObject({ code: 'BO_FORBIDDEN' });
    expect(
      await upload(fx.station.id, { ...base, tillId: randomUUID(), training: true }),
    ).toMatchObject({
      code: 'BO_VALIDATION',
    });
    expect(
      await upload(fx.station.id, { ...base, tillId: randomUUID(), staffId: randomUUID() }),
    ).toMatchObject({ code: 'BO_VALIDATION' });
    // A closed till without its Z-report is not a till upload at all.
    expect(() => tillUploadSchema.parse({ ...base, closedAt: new Date().toISOString() })).toThrow(
      /Z-report/,
    );
  });
});
