// The one-statement hold (hold-sql.ts): the same rules as effectiveState/isFreeFor, all or nothing,
// one change row without the hold id, one audit row, and exactly one round trip.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { Actor } from './audit.js';
import { createHold, createHoldDirect, endHold, endHoldDirect } from './holds.js';
import { withTx } from './tx.js';

const web: Actor = { kind: 'customer', id: null, channel: 'web' };
const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };

let db: PgDb;
let fx: ShowFixture;
let station: Actor;
let other: Actor;
beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 8 });
  station = { kind: 'station', id: fx.station.id, channel: 'station', stationId: fx.station.id };
  other = {
    kind: 'station',
    id: fx.otherStation.id,
    channel: 'station',
    stationId: fx.otherStation.id,
  };
});
afterAll(async () => {
  await db.$client.end();
});

const seat = (row: number, n: number): string => fx.rows[row]?.[n] ?? '';
const hold = (seatIds: string[], actor: Actor = web) =>
  createHoldDirect(db.$client, { showId: fx.showId, seatIds }, actor, times);
const seatRow = async (seatId: string) =>
  (
    await db.$client.query<{
      state: string;
      hold_id: string | null;
      station_id: string | null;
      version: number;
    }>(
      'SELECT state, hold_id, station_id, version FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seatId],
    )
  ).rows[0];
const count = async (sql: string, values: unknown[] = []) =>
  Number(
    (await db.$client.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, values)).rows[0]?.n,
  );
const lapse = (holdId: string) =>
  db.$client.query("UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1", [
    holdId,
  ]);
const escrow = (seatId: string, stationId: string) =>
  db.$client.query(
    "UPDATE show_seats SET state = 'allocated', station_id = $3 WHERE show_id = $1 AND seat_id = $2",
    [fx.showId, seatId, stationId],
  );

describe('one-statement hold', () => {
  it('writes the hold, the seats, one change row without the hold id and one audit row, in one round trip', async () => {
    const seats = [seat(0, 0), seat(0, 1)];
    await hold([seat(5, 7)]); // warms the show cache, so the hold below is its statement alone
    const before = await count('change_log');
    const spy = vi.spyOn(db.$client, 'query');
    const h = await hold(seats);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(h).toMatchObject({
      showId: fx.showId,
      seatIds: [...seats].sort(),
      status: 'active',
      extended: false,
    });
    expect(new Date(h.expiresAt).getTime()).toBeGreaterThan(Date.now() + 590_000);
    for (const id of seats)
      expect(await seatRow(id)).toMatchObject({
        state: 'held',
        hold_id: h.holdId,
        station_id: null,
        version: 1,
      });
    const log = await db.$client.query<{
      entity: string;
      entity_id: string;
      op: string;
      cinema_id: string;
      show_id: string;
      data: unknown;
    }>(
      'SELECT entity, entity_id, op, cinema_id, show_id, data FROM change_log ORDER BY seq DESC LIMIT 1',
    );
    expect(await count('change_log')).toBe(before + 1);
    expect(log.rows[0]).toEqual({
      entity: 'show_seats',
      entity_id: fx.showId,
      op: 'upsert',
      cinema_id: fx.cinemaId,
      show_id: fx.showId,
      data: {
        showId: fx.showId,
        seats: [...seats]
          .sort()
          .map((seatId) => ({ seatId, state: 'held', stationId: null, version: 1 })),
      },
    });
    expect(JSON.stringify(log.rows[0]?.data)).not.toContain(h.holdId);
    const audit = await db.$client.query(
      'SELECT actor_kind, actor_id, channel, action, entity, details FROM audit_log WHERE entity_id = $1',
      [h.holdId],
    );
    expect(audit.rows).toEqual([
      {
        actor_kind: 'customer',
        actor_id: null,
        channel: 'web',
        action: 'hold',
        entity: 'hold',
        details: { showId: fx.showId, seatIds: seats },
      },
    ]);
  });

  it('takes over a seat whose hold lapsed, and the late sweep leaves the new holder alone', async () => {
    const first = await hold([seat(1, 0)]);
    await lapse(first.holdId);
    const second = await hold([seat(1, 0)], station);
    expect(await seatRow(seat(1, 0))).toMatchObject({
      state: 'held',
      hold_id: second.holdId,
      station_id: null,
      version: 2,
    });
    await endHoldDirect(db.$client, first.holdId, web, 'expired');
    expect(await seatRow(seat(1, 0))).toMatchObject({
      state: 'held',
      hold_id: second.holdId,
      version: 2,
    });
    expect(
      (await db.$client.query('SELECT status FROM holds WHERE id = $1', [first.holdId])).rows[0],
    ).toEqual({ status: 'expired' });
  });

  it('gives an escrowed seat to its own station only, also after that station’s hold lapsed', async () => {
    const s = seat(2, 0);
    await escrow(s, fx.station.id);
    await expect(hold([s])).rejects.toMatchObject({
      code: 'BO_SEAT_UNAVAILABLE',
      details: { seatIds: [s] },
    });
    await expect(hold([s], other)).rejects.toMatchObject({
      code: 'BO_SEAT_UNAVAILABLE',
      details: { seatIds: [s] },
    });
    const mine = await hold([s], station);
    expect(await seatRow(s)).toMatchObject({
      state: 'held',
      hold_id: mine.holdId,
      station_id: fx.station.id,
    });
    await lapse(mine.holdId);
    // A lapsed hold on an escrowed seat falls back to escrow, not to general sale.
    await expect(hold([s])).rejects.toMatchObject({ code: 'BO_SEAT_UNAVAILABLE' });
    await expect(hold([s], other)).rejects.toMatchObject({ code: 'BO_SEAT_UNAVAILABLE' });
    const again = await hold([s], station);
    await endHoldDirect(db.$client, again.holdId, station, 'released');
    expect(await seatRow(s)).toMatchObject({
      state: 'allocated',
      hold_id: null,
      station_id: fx.station.id,
    });
  });

  it('refuses sold and blocked seats and changes nothing, naming exactly the unavailable seats in seat order', async () => {
    const [a, b, c] = [seat(3, 0), seat(3, 1), seat(3, 2)];
    await db.$client.query(
      "UPDATE show_seats SET state = CASE WHEN seat_id = $2 THEN 'sold' ELSE 'blocked' END WHERE show_id = $1 AND seat_id = ANY($3)",
      [fx.showId, a, [a, c]],
    );
    const holds = await count('holds');
    const changes = await count('change_log');
    const err = await hold([c, b, a]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BO_SEAT_UNAVAILABLE', details: { seatIds: [a, c].sort() } });
    expect(await seatRow(b)).toMatchObject({ state: 'available', hold_id: null, version: 0 });
    expect([await count('holds'), await count('change_log')]).toEqual([holds, changes]);
  });

  it('answers BO_SEAT_NOT_FOUND naming only the unknown seats, and holds none of the known ones', async () => {
    const unknown = [
      '00000000-0000-4000-8000-0000000000bb',
      '00000000-0000-4000-8000-0000000000aa',
    ];
    const ofAnotherLayout = await createShowFixture(db.$client, { rows: 1, perRow: 1 });
    const foreign = ofAnotherLayout.rows[0]?.[0] ?? '';
    const known = seat(4, 0);
    const err = await hold([known, ...unknown, foreign]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'BO_SEAT_NOT_FOUND',
      details: { seatIds: [...unknown, foreign].sort() },
    });
    expect(err instanceof Error ? err.message : '').toContain(unknown[1]);
    expect(await seatRow(known)).toMatchObject({ state: 'available', version: 0 });
  });

  it('counts a seat asked for twice (in any letter case) once', async () => {
    const s = seat(4, 1);
    const h = await hold([s, s.toUpperCase(), s]);
    expect(h.seatIds).toEqual([s]);
    expect(await seatRow(s)).toMatchObject({ state: 'held', hold_id: h.holdId, version: 1 });
    const audit = await db.$client.query<{ details: { seatIds: string[] } }>(
      'SELECT details FROM audit_log WHERE entity_id = $1',
      [h.holdId],
    );
    expect(audit.rows[0]?.details.seatIds).toEqual([s]);
  });

  it('runs the same statement inside a caller’s transaction, and rolls back with it', async () => {
    const s = seat(4, 2);
    await expect(
      withTx(db.$client, async (tx) => {
        await createHold(tx, { showId: fx.showId, seatIds: [s] }, station, times);
        throw new Error('the mutation failed after the hold');
      }),
    ).rejects.toThrow('the mutation failed');
    expect(await seatRow(s)).toMatchObject({ state: 'available', version: 0 });
    const h = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, seatIds: [s] }, station, times),
    );
    expect(await seatRow(s)).toMatchObject({ state: 'held', hold_id: h.holdId });
  });

  it('holds the best N together without a transaction, avoiding taken seats', async () => {
    const h = await createHoldDirect(
      db.$client,
      { showId: fx.showId, count: 3, categoryId: fx.categoryIds[0] },
      web,
      times,
    );
    expect(h.seatIds).toHaveLength(3);
    for (const id of h.seatIds)
      expect(await seatRow(id)).toMatchObject({ state: 'held', hold_id: h.holdId });
  });

  it('is planned once per connection, not on every hold', async () => {
    // Enough shows and seats for real statistics: on a toy table every plan is cheap.
    const big = await createShowFixture(db.$client, { rows: 20, perRow: 20, shows: 30 });
    await db.$client.query('ANALYZE');
    const c = await db.$client.connect();
    try {
      for (let n = 0; n < 8; n++) {
        const h = await createHold(
          c,
          { showId: big.showId, seatIds: [big.rows[3]?.[n] ?? ''] },
          web,
          times,
        );
        await endHold(c, h.holdId, web, 'released');
      }
      const plans = await c.query<{ name: string; generic_plans: string }>(
        "SELECT name, generic_plans FROM pg_prepared_statements WHERE name IN ('hold_one', 'hold_end_one') ORDER BY name",
      );
      expect(plans.rows.map((p) => [p.name, Number(p.generic_plans) >= 2])).toEqual([
        ['hold_end_one', true],
        ['hold_one', true],
      ]);
      // PostgreSQL keeps the generic plan only while a custom plan (which knows the seat ids) is
      // estimated no cheaper; EXPLAIN without ANALYZE runs nothing.
      const cost = async (mode: string): Promise<number> => {
        await c.query(`SET plan_cache_mode = ${mode}`);
        const r = await c.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN EXECUTE hold_one('${big.showId}', ARRAY['${big.rows[5]?.[0] ?? ''}']::uuid[], 'h_x', '${big.cinemaId}', 'web', NULL, 600, 'customer', NULL, '{}', NULL, NULL)`,
        );
        return Number(/cost=[\d.]+\.\.([\d.]+)/.exec(r.rows[0]?.['QUERY PLAN'] ?? '')?.[1]);
      };
      const custom = await cost('force_custom_plan');
      const generic = await cost('force_generic_plan');
      await c.query('RESET plan_cache_mode');
      expect(generic).toBeLessThan(custom * 1.1);
    } finally {
      c.release();
    }
  });

  it('sets lock_timeout once per connection instead of in every transaction', async () => {
    expect(
      (await db.$client.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]?.lock_timeout,
    ).toBe('5s');
  });
});
