// Finished shows (issue 10, item 7), against a real server, PostgreSQL and SQLite: the list marks a
// show past its sale window, the station refuses to sell it before any server call, and a sale the
// server still refuses for that reason is told at the counter and never lands in the review list.
// Shows are built relative to now and the station clocks are injected, so any hour gives one result.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowListItem } from '../../common/contract/station.js';
import { localDateOf } from '../../common/schedule.js';
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

const MINUTE = 60_000;
let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture & { showIds: string[] };
let starts: number[];
// Station A's clock: the machine's unless a test moves it. Station B stands an hour in the past.
let clockA: number | null = null;
let a: TestStation;
let b: TestStation;

const ready = (st: TestStation) =>
  until(
    () =>
      st.station.engine.status().state === 'online' &&
      st.station.engine.status().catchUp === null &&
      st.station.db.$client.prepare('SELECT count(*) AS n FROM shows').get() !== undefined &&
      (st.station.db.$client.prepare('SELECT count(*) AS n FROM shows').get() as { n: number })
        .n === 2,
    10_000,
    'catch-up',
  );

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  // Show 0 started 40 minutes ago (past the server's 30 minutes too); show 1 starts in 140.
  fx = await createShowFixture(pool, { rows: 4, perRow: 6, shows: 2, startsInMinutes: -40 });
  const r = await pool.query<{ id: string; starts_at: Date }>(
    'SELECT id, starts_at FROM shows WHERE id = ANY($1)',
    [fx.showIds],
  );
  starts = fx.showIds.map((id) => r.rows.find((x) => x.id === id)?.starts_at.getTime() ?? 0);
  a = await startTestStation(server.url, fx.station, {
    allocationPerCategory: 0,
    now: () => clockA ?? Date.now(),
  });
  b = await startTestStation(server.url, fx.otherStation, {
    allocationPerCategory: 0,
    now: () => Date.now() - 60 * MINUTE,
  });
  await Promise.all([ready(a), ready(b)]);
  for (const st of [a, b]) {
    await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
    await st.call('till:open', { float: { cash: 5000 } });
  }
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await server.stop();
  await pool.end();
});

const saleOf = (showId: string) => ({
  showId,
  lines: [{ seatId: fx.rows[0]?.[0] ?? '', ticketTypeId: fx.ticketTypes.adult }],
  tenders: [{ tender: 'cash', amountMinor: 1000 }],
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
// Sales queued in a station's outbox (other mutations, e.g. key certification, may be there too).
const sells = (st: TestStation) =>
  (
    st.station.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'sell'").get() as {
      n: number;
    }
  ).n;
const orders = async () => (await pool.query('SELECT 1 FROM orders')).rowCount;

describe('finished shows', () => {
  it('lists when each show stops selling, from the station clock and its grace period', async () => {
    const lists = await Promise.all(
      [...new Set(starts.map((t) => localDateOf(new Date(t), 'Europe/London')))].map((date) =>
        a.call<ShowListItem[]>('catalog:shows', { date }),
      ),
    );
    const byId = new Map(lists.flat().map((s) => [s.id, s]));
    starts.forEach((start, i) => {
      expect(Date.parse(byId.get(fx.showIds[i] ?? '')?.salesCloseAt ?? '')).toBe(
        start + 30 * MINUTE,
      );
    });
  });

  it('refuses a show past its window before any server call', async () => {
    const e = await refusal(a.call('sales:create', saleOf(fx.showIds[0] ?? '')));
    expect(e?.code).toBe('BO_SHOW_CLOSED');
    expect(e?.message).toMatch(/^BO_SHOW_CLOSED: This show started 40 min ago and is closed/);
    expect(sells(a)).toBe(0);
    expect(a.station.engine.reviewItems()).toEqual([]);
    expect(await orders()).toBe(0);
  });

  it('follows the injected clock: the later show closes 30 minutes after its start', async () => {
    clockA = (starts[1] ?? 0) + 30 * MINUTE;
    try {
      const e = await refusal(a.call('sales:create', saleOf(fx.showIds[1] ?? '')));
      expect(e?.code).toBe('BO_SHOW_CLOSED');
      expect(e?.message).toContain('started 30 min ago');
    } finally {
      clockA = null;
    }
    expect(await orders()).toBe(0);
  });

  it('tells the cashier when the server refuses a closed show, and files nothing for review', async () => {
    // Station B's clock is an hour behind, so it lets the sale through to the server, which refuses.
    const e = await refusal(b.call('sales:create', saleOf(fx.showIds[0] ?? '')));
    expect(e?.code).toBe('BO_SHOW_NOT_ON_SALE');
    expect(e?.message).toContain('started more than 30 minutes ago');
    await until(() => sells(b) === 0, 5000, 'no sale left in the outbox');
    expect(b.station.engine.reviewItems()).toEqual([]);
    expect(b.station.engine.status().reviewCount).toBe(0);
    expect(await orders()).toBe(0);
  });
});
