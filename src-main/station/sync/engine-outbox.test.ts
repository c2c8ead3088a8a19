// The outbox against a real server: offline → online drains in order exactly once, rejects go to
// review, request() answers online and says BO_OFFLINE offline, auth refusals say what to do.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../common/contract/station.js';
import { freshPg } from '../../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../../test/support/show-fixture.js';
import {
  openTestStation,
  startTestServer,
  testEngine,
  waitFor,
  type TestServer,
  type TestStation,
} from './test-kit.js';
import type { MutationOutcome, SyncEngine } from './types.js';

let server: TestServer;
let fx: ShowFixture & { showIds: string[] };
let st: TestStation;
let engine: SyncEngine;
const outcomes: MutationOutcome[] = [];
const statuses: SyncStatus[] = [];

const sale = (seatId: string) => ({
  orderId: randomUUID(),
  showId: fx.showId,
  lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() }],
  tenders: [{ tender: 'cash' as const, amountMinor: 1000 }],
  staffId: fx.staff.cashier,
  expectedTotalMinor: 1000,
});
const pgQuery = async <T extends Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> => (await server.pool.query<T>(text, values)).rows;

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 10 });
  await db.$client.end();
  server = await startTestServer(url);
  st = await openTestStation();
  ({ engine } = testEngine(st.db, server.url, fx.station));
  engine.onOutcome((o) => outcomes.push(o));
  engine.onStatus((s) => statuses.push(s));
  engine.start();
  await waitFor('online', () => engine.isOnline() && engine.status().catchUp === null, 10_000);
});

afterAll(async () => {
  await engine.stop();
  st.remove();
  await server.dispose();
});

describe('sync engine outbox', () => {
  it('answers a request online with the server result', async () => {
    const r = await engine.request('hold', { showId: fx.showId, seatIds: [fx.rows[0]?.[0] ?? ''] });
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { holdId: string }).holdId).toMatch(/^h_/);
    expect(engine.status().pendingCount).toBe(0);
  });

  it('refuses a malformed payload at enqueue, before anything is stored', async () => {
    expect(() => engine.enqueue('hold', { showId: 'nope' })).toThrow(/Invalid hold/);
    expect(await engine.request('sell', { orderId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BO_VALIDATION' },
    });
    expect(engine.status().pendingCount).toBe(0);
  });

  it('goes offline when the server stops, queues 3 sales, and drains them in order exactly once when it is back', async () => {
    await server.stop();
    await waitFor('offline', () => engine.status().state !== 'online', 5000);
    expect(engine.isOnline()).toBe(false);
    await waitFor('an offline status event', () => statuses.some((x) => x.state === 'offline'));
    await waitFor('lastError', () => engine.status().lastError);
    expect(engine.status().lastError).toMatch(/No link to the sync server/);

    const offlineAnswer = await engine.request('hold', {
      showId: fx.showId,
      seatIds: [fx.rows[5]?.[9] ?? ''],
    });
    expect(offlineAnswer).toMatchObject({ ok: false, error: { code: 'BO_OFFLINE' } });
    expect(engine.status().pendingCount).toBe(1);
    // The caller decides: a hold that was never sent can be withdrawn.
    const stale = engine.enqueue('hold', { showId: fx.showId, seatIds: [fx.rows[5]?.[8] ?? ''] });
    expect(engine.withdraw(stale)).toBe(true);

    const seats = [fx.rows[1]?.[0], fx.rows[1]?.[1], fx.rows[1]?.[2]].map((s) => s ?? '');
    const ids = seats.map((s) => engine.enqueue('sell', sale(s), { offline: true }));
    expect(engine.status().pendingCount).toBe(4);
    const queued = st.db.$client
      .prepare('SELECT id FROM outbox ORDER BY seq')
      .pluck()
      .all() as string[];
    expect(queued.slice(1)).toEqual(ids);
    const from = outcomes.length;

    await server.start();
    await waitFor('outbox drained', () => engine.status().pendingCount === 0, 10_000);
    expect(outcomes.slice(from).map((o) => o.mutation.id)).toEqual(queued);
    expect(outcomes.slice(from).every((o) => o.outcome === 'ack')).toBe(true);
    // Applied once each, and in the order they were queued.
    const applied = await pgQuery<{ id: string }>(
      'SELECT id FROM applied_mutations WHERE id = ANY($1::uuid[]) ORDER BY applied_at',
      [queued],
    );
    expect(applied.map((a) => a.id)).toEqual(queued);
    const tickets = await pgQuery<{ seat_id: string; n: number }>(
      "SELECT seat_id, count(*)::int AS n FROM tickets WHERE show_id = $1 AND seat_id = ANY($2::uuid[]) AND status = 'valid' GROUP BY seat_id",
      [fx.showId, seats],
    );
    expect(tickets).toHaveLength(3);
    expect(tickets.every((t) => t.n === 1)).toBe(true);
    const offline = await pgQuery<{ n: number }>(
      'SELECT count(*)::int AS n FROM orders WHERE station_id = $1 AND offline',
      [fx.station.id],
    );
    expect(offline[0]?.n).toBe(3);
  });

  it('moves a rejected mutation to review with the server code and message; retry uses a new id', async () => {
    const sold = fx.rows[1]?.[0] ?? '';
    const id = engine.enqueue('hold', { showId: fx.showId, seatIds: [sold] });
    await waitFor('review item', () => engine.status().reviewCount === 1);
    const items = engine.reviewItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id,
      kind: 'hold',
      code: 'BO_SEAT_UNAVAILABLE',
      resolvedAt: null,
    });
    expect(items[0]?.message.length).toBeGreaterThan(5);
    expect(engine.status().pendingCount).toBe(0);
    expect(outcomes.at(-1)).toMatchObject({
      outcome: 'reject',
      code: 'BO_SEAT_UNAVAILABLE',
      mutation: { id },
    });

    const retryId = engine.resolveReview(id, 'manager-1', 'retry', 'seat should be free now');
    expect(retryId).not.toBe(id);
    expect(retryId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor('retry rejected too', () => engine.reviewItems().some((r) => r.id === retryId));
    const all = engine.reviewItems({ includeResolved: true });
    expect(all.find((r) => r.id === id)).toMatchObject({
      resolvedBy: 'manager-1',
      resolution: `retry as ${retryId ?? ''}: seat should be free now`,
    });
    engine.resolveReview(retryId ?? '', 'manager-1', 'dismiss');
    expect(engine.reviewItems()).toHaveLength(0);
    expect(() => engine.resolveReview(id, 'x', 'dismiss')).toThrow(/resolved already/);
  });

  it('says what to do when the server refuses the station, and stops knocking until a new credential', async () => {
    const other = await openTestStation();
    const { engine: bad } = testEngine(
      other.db,
      server.url,
      { id: fx.otherStation.id, secret: 'wrong-secret-0123456789' },
      { reconnectMaxMs: 400 },
    );
    const refusals: string[] = [];
    bad.onRefused((m) => refusals.push(m));
    bad.start();
    try {
      await waitFor(
        'auth error',
        () => bad.status().lastError?.includes('Enroll this station again'),
        5000,
      );
      expect(bad.status().state).not.toBe('online');
      expect(bad.isRefused()).toBe(true);
      expect(refusals).toHaveLength(1);
      // No loop: a refused credential is not tried again (the reconnect pace here is 400 ms).
      const seen = new Set<string>();
      const off = bad.onStatus((s) => seen.add(s.state));
      await new Promise((r) => setTimeout(r, 1200));
      off();
      expect(seen.has('connecting')).toBe(false);
      // The right credential (a new enrollment) connects again.
      await bad.setCredential({
        serverUrl: server.url,
        stationId: fx.otherStation.id,
        secret: fx.otherStation.secret,
      });
      await waitFor('online with the right secret', () => bad.isOnline(), 5000);
      expect(bad.isRefused()).toBe(false);
    } finally {
      await bad.stop();
      other.remove();
    }
  });
});
