// Catch-up against a real server and PostgreSQL: snapshot from empty, live changes, resume by delta.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../common/contract/station.js';
import { medianMs } from '../../../test/support/latency.js';
import { freshPg } from '../../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../../test/support/show-fixture.js';
import {
  one,
  openTestStation,
  startTestServer,
  testEngine,
  waitFor,
  type TestServer,
  type TestStation,
} from './test-kit.js';
import type { SeatsEvent, SyncEngine } from './types.js';

let server: TestServer;
let fx: ShowFixture & { showIds: string[] };
let st: TestStation;
let engine: SyncEngine;
let logs: ReturnType<typeof testEngine>['logs'];
const statuses: SyncStatus[] = [];
const seatEvents: SeatsEvent[] = [];

const count = (table: string): unknown => one(st.db, `SELECT count(*) AS n FROM ${table}`)?.n;
const seatState = (showId: string, seatId: string) =>
  one(
    st.db,
    'SELECT state, version, hold_id FROM show_seats WHERE show_id = ? AND seat_id = ?',
    showId,
    seatId,
  ) as { state: string; version: number; hold_id: string | null } | undefined;
const stateValue = (key: string): unknown =>
  one(st.db, 'SELECT value FROM sync_state WHERE key = ?', key)?.value;

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 20, perRow: 20, shows: 3 });
  await db.$client.end();
  server = await startTestServer(url);
  st = await openTestStation();
  ({ engine, logs } = testEngine(st.db, server.url, fx.station));
  engine.onStatus((s) => statuses.push(s));
  engine.onSeats((e) => seatEvents.push(e));
});

afterAll(async () => {
  await engine.stop();
  st.remove();
  await server.dispose();
});

describe('sync engine catch-up', () => {
  it('catches up a cinema from an empty replica by snapshot, with visible progress', async () => {
    const t0 = performance.now();
    engine.start();
    await waitFor(
      'snapshot applied',
      () => engine.status().cursor > 0 || logs.some((l) => l.msg === 'snapshot applied'),
      10_000,
    );
    const ms = performance.now() - t0;
    process.stdout.write(
      `fixture snapshot (3 shows × 400 seats) caught up in ${ms.toFixed(0)} ms\n`,
    );
    expect(engine.isOnline()).toBe(true);
    expect(count('show_seats')).toBe(1200);
    expect(count('shows')).toBe(3);
    expect(count('seats')).toBe(400);
    expect(count('cinemas')).toBe(1);
    expect(count('ticket_types')).toBe(2);
    const progress = statuses.filter((s) => s.catchUp !== null);
    // Status events are coalesced per event-loop turn, so not every chunk shows; the total does.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.catchUp?.total === 1200)).toBe(true);
    // Done only grows; whether a last "1200 of 1200" shows before catch-up ends depends on coalescing.
    const done = progress.map((p) => p.catchUp?.done ?? -1);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.every((d) => d >= 0 && d <= 1200)).toBe(true);
    expect(engine.status()).toMatchObject({
      state: 'online',
      catchUp: null,
      lastError: null,
      pendingCount: 0,
      reviewCount: 0,
    });
    expect(engine.status().lastSyncAt).not.toBeNull();
    expect(seatEvents).toContainEqual({ showId: '*', seats: [] });
  });

  it('maps PostgreSQL rows to the drizzle columns: timestamps, JSON, booleans, dates', async () => {
    const pg = await server.pool.query<{ starts_at: Date }>(
      'SELECT starts_at FROM shows WHERE id = $1',
      [fx.showId],
    );
    expect(one(st.db, 'SELECT starts_at FROM shows WHERE id = ?', fx.showId)?.starts_at).toBe(
      pg.rows[0]?.starts_at.getTime(),
    );
    const m = await st.db.query.movies.findFirst();
    expect(m?.genres).toEqual(['Drama']);
    expect(m?.releaseDate).toBe('2026-01-01');
    const tax = await st.db.query.taxes.findFirst();
    expect(tax?.inclusive).toBe(true);
    const layout = await st.db.query.seatLayouts.findFirst();
    expect(layout?.active).toBe(true);
    expect(stateValue('cinemaId')).toBe(fx.cinemaId);
  });

  it('applies a change made on the server within 200 ms, in one transaction with the cursor', async () => {
    const seatId = fx.rows[0]?.[0] ?? '';
    const before = seatState(fx.showId, seatId);
    const cursorBefore = engine.status().cursor;
    // The first sample is the seat checked below; two more make the bound a median, not one sample.
    const sampled = [seatId, fx.rows[19]?.[18] ?? '', fx.rows[19]?.[19] ?? ''];
    const ms = await medianMs(sampled.length, async (i) => {
      const seat = sampled[i] ?? '';
      const t0 = performance.now();
      const res = await server.post('/api/v1/holds', { showId: fx.showId, seatIds: [seat] });
      expect(res.status).toBe(201);
      await waitFor(
        'held seat in SQLite',
        () => seatState(fx.showId, seat)?.state === 'held',
        5000,
        1,
      );
      return performance.now() - t0;
    });
    process.stdout.write(
      `server hold reached the station's SQLite in ${ms.toFixed(1)} ms (median of 3)\n`,
    );
    expect(ms).toBeLessThan(200);
    const after = seatState(fx.showId, seatId);
    expect(after?.version).toBeGreaterThan(before?.version ?? 0);
    // Another buyer's hold id is a capability to release it: stations never learn it.
    expect(after?.hold_id).toBeNull();
    expect(after?.state).toBe('held');
    // The cursor in sync_state moved with the change, not later.
    expect(Number(stateValue('cursor'))).not.toBe(cursorBefore);
    expect(seatEvents.find((e) => e.seats.some((x) => x.seatId === seatId))).toMatchObject({
      showId: fx.showId,
      seats: [{ seatId, state: 'held' }],
    });
  });

  it('ignores an older seat version (versions only move forward)', async () => {
    const seatId = fx.rows[0]?.[0] ?? '';
    const now = seatState(fx.showId, seatId);
    st.db.$client
      .prepare('UPDATE show_seats SET version = version + 100 WHERE show_id = ? AND seat_id = ?')
      .run(fx.showId, seatId);
    const res = await server.post('/api/v1/holds', { showId: fx.showIds[1], seatIds: [seatId] });
    expect(res.status).toBe(201);
    await waitFor(
      'change on the other show',
      () => seatState(fx.showIds[1] ?? '', seatId)?.state === 'held',
    );
    // The other show's change arrived, but this seat of the first show kept its (newer) local version.
    expect(seatState(fx.showId, seatId)).toMatchObject({
      state: now?.state,
      version: (now?.version ?? 0) + 100,
    });
    st.db.$client
      .prepare('UPDATE show_seats SET version = version - 100 WHERE show_id = ? AND seat_id = ?')
      .run(fx.showId, seatId);
  });

  it('stores the order and tickets of a sale made through the engine', async () => {
    const orderId = randomUUID();
    const ticketId = randomUUID();
    const seatId = fx.rows[5]?.[3] ?? '';
    const r = await engine.request('sell', {
      orderId,
      showId: fx.showId,
      lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult, ticketId }],
      tenders: [{ tender: 'cash', amountMinor: 1000 }],
      staffId: fx.staff.cashier,
      expectedTotalMinor: 1000,
    });
    expect(r).toMatchObject({ ok: true, value: { orderId } });
    const order = await waitFor('order in replica', () =>
      one(st.db, 'SELECT * FROM orders WHERE id = ?', orderId),
    );
    expect(order).toMatchObject({
      show_id: fx.showId,
      status: 'paid',
      total_minor: 1000,
      channel: 'counter',
      cinema_id: fx.cinemaId,
    });
    expect(
      one(st.db, 'SELECT show_id, seat_id, status FROM tickets WHERE id = ?', ticketId),
    ).toEqual({ show_id: fx.showId, seat_id: seatId, status: 'valid' });
    expect(
      one(
        st.db,
        'SELECT state, ticket_id FROM show_seats WHERE show_id = ? AND seat_id = ?',
        fx.showId,
        seatId,
      ),
    ).toEqual({ state: 'sold', ticket_id: ticketId });
  });

  it('resumes from its cursor by delta after a restart, without a new snapshot', async () => {
    await engine.stop();
    expect(engine.status().state).toBe('offline');
    const seatId = fx.rows[2]?.[2] ?? '';
    const res = await server.post('/api/v1/holds', { showId: fx.showIds[2], seatIds: [seatId] });
    expect(res.status).toBe(201);
    const snapshotsBefore = logs.filter((l) => l.msg === 'snapshot started').length;
    st.db = await st.reopen();
    ({ engine, logs } = testEngine(st.db, server.url, fx.station));
    engine.start();
    await waitFor(
      'delta change applied',
      () => seatState(fx.showIds[2] ?? '', seatId)?.state === 'held',
      5000,
    );
    expect(logs.filter((l) => l.msg === 'snapshot started')).toHaveLength(0);
    expect(snapshotsBefore).toBe(1);
  });
});
