// Station hold and release mutations take one statement that writes the applied_mutations row with
// the effect: replays and concurrent duplicates get the first answer and change nothing (DESIGN §4).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MutateMsg } from '../../common/sync-protocol.js';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { Actor } from '../services/audit.js';
import { createHoldDirect, endHoldDirect } from '../services/holds.js';
import { applyMutation, type StationIdentity } from './mutations.js';

const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };
const web: Actor = { kind: 'customer', id: null, channel: 'web' };

let db: PgDb;
let fx: ShowFixture;
let till: StationIdentity;
let otherTill: StationIdentity;
beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 8 });
  till = { id: fx.station.id, cinemaId: fx.cinemaId, name: 'Till 1' };
  otherTill = { id: fx.otherStation.id, cinemaId: fx.cinemaId, name: 'Till 2' };
});
afterAll(async () => {
  await db.$client.end();
});

const seat = (row: number, n: number): string => fx.rows[row]?.[n] ?? '';
const mutation = (
  kind: MutateMsg['kind'],
  payload: unknown,
  id: string = randomUUID(),
): MutateMsg => ({
  type: 'mutate',
  id,
  kind,
  payload,
  createdAt: new Date().toISOString(),
  offline: false,
});
const apply = (msg: MutateMsg, who = till) => applyMutation(db.$client, who, msg, times);
const holdMsg = (seatIds: string[], id?: string) =>
  mutation('hold', { showId: fx.showId, seatIds }, id);
const resultOf = (o: object | undefined): unknown =>
  o !== undefined && 'result' in o ? o.result : undefined;
const holdIdOf = (o: object | undefined): string => (resultOf(o) as { holdId: string }).holdId;

/** Everything a hold or release writes, so "changed nothing" can be checked as a whole. */
const effects = async () =>
  (
    await db.$client.query<
      Record<string, number>
    >(`SELECT (SELECT count(*) FROM holds)::int AS holds, (SELECT count(*) FROM change_log)::int AS changes,
      (SELECT count(*) FROM audit_log)::int AS audits, (SELECT count(*) FROM applied_mutations)::int AS applied,
      (SELECT sum(version)::int FROM show_seats) AS versions, (SELECT count(*) FROM show_seats WHERE state = 'held')::int AS held`)
  ).rows[0];
const stored = async (id: string) =>
  (
    await db.$client.query<{ station_id: string; kind: string; outcome: string; result: unknown }>(
      'SELECT station_id, kind, outcome, result FROM applied_mutations WHERE id = $1',
      [id],
    )
  ).rows;
const seatState = async (seatId: string, showId = fx.showId) =>
  (
    await db.$client.query<{ state: string; hold_id: string | null }>(
      'SELECT state, hold_id FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [showId, seatId],
    )
  ).rows[0];

/** Counts the pool's round trips while `fn` runs. */
async function roundTrips<T>(fn: () => Promise<T>): Promise<{ value: T; n: number }> {
  const spy = vi.spyOn(db.$client, 'query');
  try {
    const value = await fn();
    return { value, n: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

/** Waits (bounded) until `n` sessions of this database wait for a lock held by a test transaction. */
async function lockWaiters(n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const r = await db.$client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if ((r.rows[0]?.n ?? 0) >= n) return;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error(`fewer than ${String(n)} sessions ever waited for the lock`);
}

/** Runs `during` while a transaction of its own holds the locks `lock` takes, then commits it. */
async function whileLocked<T>(
  lock: (c: pg.PoolClient) => Promise<unknown>,
  waiters: number,
  during: () => Promise<T>[],
): Promise<T[]> {
  const c = await db.$client.connect();
  try {
    await c.query('BEGIN');
    await lock(c);
    const pending = during();
    await lockWaiters(waiters);
    await c.query('COMMIT');
    return await Promise.all(pending);
  } finally {
    c.release();
  }
}

describe('station hold and release mutations', () => {
  it('acks a hold in one round trip with the answer the station reads; a replay gets it again and changes nothing', async () => {
    await apply(holdMsg([seat(5, 7)])); // warms the show cache: the hold below is its statement alone
    const seats = [seat(0, 1), seat(0, 0)];
    const msg = holdMsg(seats);
    const { value: first, n } = await roundTrips(() => apply(msg));
    expect(n).toBe(1);
    expect(first).toMatchObject({
      type: 'ack',
      id: msg.id,
      result: { showId: fx.showId, seatIds: [...seats].sort(), status: 'active', extended: false },
    });
    expect((resultOf(first) as { expiresAt: string }).expiresAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
    expect(await stored(msg.id)).toEqual([
      { station_id: fx.station.id, kind: 'hold', outcome: 'ack', result: resultOf(first) },
    ]);
    const before = await effects();
    const again = await roundTrips(() => apply(msg));
    expect(again).toEqual({ value: first, n: 1 });
    expect(await effects()).toEqual(before);

    // Even with the seats free again, a replay holds nothing.
    await endHoldDirect(
      db.$client,
      holdIdOf(first),
      { kind: 'station', id: till.id, channel: 'station', stationId: till.id },
      'released',
    );
    const released = await effects();
    expect(await apply(msg)).toEqual(first);
    expect(await effects()).toEqual(released);
    for (const s of seats)
      expect(await seatState(s)).toEqual({ state: 'available', hold_id: null });
  });

  it('replays a best-available hold with the seats it first chose', async () => {
    // A show of its own, so the seats it picks are not those the other tests name.
    const own = await createShowFixture(db.$client, { rows: 3, perRow: 6 });
    const ownTill = { id: own.station.id, cinemaId: own.cinemaId, name: 'Till 3' };
    const msg = mutation('hold', { showId: own.showId, count: 2, categoryId: own.categoryIds[0] });
    const first = await apply(msg, ownTill);
    expect(resultOf(first)).toMatchObject({
      showId: own.showId,
      seatIds: [expect.any(String), expect.any(String)],
    });
    const before = await effects();
    expect(await apply(msg, ownTill)).toEqual(first);
    expect(await effects()).toEqual(before);
  });

  it('acks a release in one round trip; a replay gets the same answer and changes nothing', async () => {
    const s = seat(1, 0);
    const hold = await apply(holdMsg([s]));
    const msg = mutation('release', { holdId: holdIdOf(hold) });
    const { value: first, n } = await roundTrips(() => apply(msg));
    expect(n).toBe(1);
    expect(first).toEqual({ type: 'ack', id: msg.id, result: { holdId: holdIdOf(hold) } });
    expect(await seatState(s)).toEqual({ state: 'available', hold_id: null });
    const before = await effects();
    expect(await apply(msg)).toEqual(first);
    expect(await effects()).toEqual(before);
    // Releasing an ended hold again (a new mutation) is no error, as before.
    expect(await apply(mutation('release', { holdId: holdIdOf(hold) }))).toMatchObject({
      type: 'ack',
    });
  });

  it('refuses a release of another station’s hold, records it, and replays the refusal', async () => {
    const s = seat(1, 1);
    const hold = await apply(holdMsg([s]));
    const msg = mutation('release', { holdId: holdIdOf(hold) });
    const refused = await apply(msg, otherTill);
    expect(refused).toMatchObject({ type: 'reject', code: 'BO_FORBIDDEN' });
    expect(await stored(msg.id)).toMatchObject([
      { station_id: otherTill.id, outcome: 'reject', result: { code: 'BO_FORBIDDEN' } },
    ]);
    expect(await apply(msg, otherTill)).toEqual(refused);
    expect(await seatState(s)).toEqual({ state: 'held', hold_id: holdIdOf(hold) });
  });

  it('refuses a hold on another cinema’s show, records the refusal, and replays it', async () => {
    const other = await createShowFixture(db.$client, { rows: 1, perRow: 4 });
    const theirs = other.rows[0]?.[0] ?? '';
    const msg = mutation('hold', { showId: other.showId, seatIds: [theirs] });
    const before = await effects();
    const refused = await apply(msg);
    expect(refused).toEqual({
      type: 'reject',
      id: msg.id,
      code: 'BO_FORBIDDEN',
      message: 'This show belongs to another cinema.',
    });
    expect(await stored(msg.id)).toEqual([
      {
        station_id: till.id,
        kind: 'hold',
        outcome: 'reject',
        result: { code: 'BO_FORBIDDEN', message: 'This show belongs to another cinema.' },
      },
    ]);
    expect(await apply(msg)).toEqual(refused);
    expect(await seatState(theirs, other.showId)).toEqual({ state: 'available', hold_id: null });
    expect(await effects()).toEqual({ ...before, applied: (before?.applied ?? 0) + 1 });
  });

  it('rejects a hold of a taken seat in two round trips, and a replay stays that reject after the seat is free', async () => {
    const s = seat(2, 0);
    const webHold = await createHoldDirect(
      db.$client,
      { showId: fx.showId, seatIds: [s] },
      web,
      times,
    );
    const msg = holdMsg([s]);
    const { value: refused, n } = await roundTrips(() => apply(msg));
    expect(n).toBe(2);
    expect(refused).toEqual({
      type: 'reject',
      id: msg.id,
      code: 'BO_SEAT_UNAVAILABLE',
      message: '1 of the seats are no longer available. Choose other seats.',
    });
    await endHoldDirect(db.$client, webHold.holdId, web, 'released');
    const before = await effects();
    expect(await apply(msg)).toEqual(refused);
    expect(await effects()).toEqual(before);
    expect(await seatState(s)).toEqual({ state: 'available', hold_id: null });
  });

  it('makes one hold of two concurrent deliveries of the same hold, and answers both alike', async () => {
    const seats = [seat(3, 0), seat(3, 1)];
    const msg = holdMsg(seats);
    const before = await effects();
    // Both deliveries queue on the seat locks, so they really race once the locks go.
    const [a, b] = await whileLocked(
      (c) =>
        c.query('SELECT 1 FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2) FOR UPDATE', [
          fx.showId,
          seats,
        ]),
      2,
      () => [apply(msg), apply(msg)],
    );
    expect(a).toMatchObject({ type: 'ack' });
    expect(b).toEqual(a);
    expect(await stored(msg.id)).toHaveLength(1);
    for (const s of seats)
      expect(await seatState(s)).toEqual({ state: 'held', hold_id: holdIdOf(a) });
    expect(await effects()).toMatchObject({
      holds: (before?.holds ?? 0) + 1,
      changes: (before?.changes ?? 0) + 1,
      applied: (before?.applied ?? 0) + 1,
    });
  });

  it('releases once for two concurrent deliveries of the same release, and answers both alike', async () => {
    const hold = await apply(holdMsg([seat(3, 2)]));
    const msg = mutation('release', { holdId: holdIdOf(hold) });
    const before = await effects();
    const [a, b] = await whileLocked(
      (c) => c.query('SELECT 1 FROM holds WHERE id = $1 FOR UPDATE', [holdIdOf(hold)]),
      2,
      () => [apply(msg), apply(msg)],
    );
    expect(a).toEqual({ type: 'ack', id: msg.id, result: { holdId: holdIdOf(hold) } });
    expect(b).toEqual(a);
    expect(await effects()).toMatchObject({
      changes: (before?.changes ?? 0) + 1,
      applied: (before?.applied ?? 0) + 1,
    });
  });

  it('lets the primary key decide: a duplicate that could hold other seats is undone and gets the stored answer', async () => {
    // As when two deliveries of a best-available hold pick different seats: here the first one's
    // row is inserted by hand and still uncommitted while the second one holds free seats.
    const id = randomUUID();
    const firstAnswer = {
      holdId: 'h_the_first_delivery_xxxxxx',
      showId: fx.showId,
      seatIds: [seat(4, 0)],
      expiresAt: new Date().toISOString(),
      status: 'active',
      extended: false,
    };
    const before = await effects();
    const [second] = await whileLocked(
      (c) =>
        c.query(
          "INSERT INTO applied_mutations (id, station_id, kind, outcome, result) VALUES ($1, $2, 'hold', 'ack', $3)",
          [id, till.id, JSON.stringify(firstAnswer)],
        ),
      1,
      () => [apply(holdMsg([seat(4, 5)], id))],
    );
    expect(second).toEqual({ type: 'ack', id, result: firstAnswer });
    expect(await seatState(seat(4, 5))).toEqual({ state: 'available', hold_id: null });
    expect(await effects()).toEqual({ ...before, applied: (before?.applied ?? 0) + 1 });
  });
});

describe('mutation ids are scoped to their station and payload', () => {
  it('another payload, another kind or another station with a used id is refused and learns nothing', async () => {
    const id = randomUUID();
    const first = await apply(holdMsg([seat(2, 6)], id));
    expect(first.type).toBe('ack');
    const holdId = holdIdOf(first);
    const before = await effects();
    const attempts = [
      await apply(holdMsg([seat(2, 7)], id)),
      await apply(mutation('release', { holdId }, id)),
      await apply(holdMsg([seat(2, 6)], id), otherTill),
      await apply(mutation('allocate', { showId: fx.showId, perCategory: 1 }, id)),
    ];
    for (const a of attempts) {
      expect(a).toMatchObject({ type: 'reject', id, code: 'BO_IDEMPOTENCY_MISMATCH' });
      expect(JSON.stringify(a)).not.toContain(holdId);
    }
    expect(await effects()).toEqual(before);
    // The station that sent it, with the same payload, still gets its first answer.
    expect(await apply(holdMsg([seat(2, 6)], id))).toEqual(first);
  });
});
