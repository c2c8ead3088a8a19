// --explore only, not the product: the product's hold done straight from the load process, to
// split the cost of P1's gap. 'sql-tx' sends the product's own statements (BEGIN, SET LOCAL, lock,
// insert hold, update seats, change log, audit, COMMIT: 8 round trips) without HTTP or Fastify;
// 'sql-one' does the same work — lock in seat order, check, all or nothing, hold row, seats, change
// log, audit — in ONE statement, i.e. one round trip and one implicit commit.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { HoldsJob } from '../ipc.js';
import type { Recorder } from './closed-loop.js';
import { pickDistinct, randInt } from './closed-loop.js';
import type { OpSet } from './hold-ops.js';
import { errorText } from './http-client.js';

const LOCK = `SELECT ss.seat_id, ss.state, ss.station_id, h.expires_at AS hold_expires_at, h.status AS hold_status
  FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
  WHERE ss.show_id = $1 AND ss.seat_id = ANY($2::uuid[]) ORDER BY ss.seat_id FOR UPDATE OF ss`;
const INSERT_HOLD =
  "INSERT INTO holds (id, show_id, channel, station_id, status, expires_at) VALUES ($1, $2, 'web', NULL, 'active', now() + make_interval(secs => 600)) RETURNING expires_at";
const SET_SEATS = `UPDATE show_seats ss SET state = 'held', hold_id = $3, version = ss.version + 1
  WHERE ss.show_id = $1 AND ss.seat_id = ANY($2::uuid[]) RETURNING ss.seat_id, ss.state, ss.station_id, ss.hold_id, ss.version`;
const LOG =
  "INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data) VALUES ($1, $2, 'show_seats', $3, 'upsert', $4)";
const AUDIT =
  "INSERT INTO audit_log (actor_kind, actor_id, channel, action, entity, entity_id, details) VALUES ('customer', NULL, 'web', 'hold', 'hold', $1, $2)";

// One statement: the CTEs share one snapshot; FOR UPDATE takes the row locks in seat order first.
const ONE = `WITH locked AS (
    SELECT ss.seat_id, ss.state, ss.station_id, h.expires_at, h.status FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
    WHERE ss.show_id = $1 AND ss.seat_id = ANY($2::uuid[]) ORDER BY ss.seat_id FOR UPDATE OF ss),
  ok AS (SELECT count(*) = cardinality($2::uuid[]) AND bool_and(CASE WHEN state = 'held' AND (status IS DISTINCT FROM 'active' OR expires_at <= now())
      THEN station_id IS NULL ELSE state = 'available' END) AS ok FROM locked),
  hold AS (INSERT INTO holds (id, show_id, channel, station_id, status, expires_at)
    SELECT $3, $1, 'web', NULL, 'active', now() + make_interval(secs => 600) FROM ok WHERE ok RETURNING expires_at),
  upd AS (UPDATE show_seats ss SET state = 'held', hold_id = $3, version = ss.version + 1 FROM hold
    WHERE ss.show_id = $1 AND ss.seat_id = ANY($2::uuid[]) RETURNING ss.seat_id, ss.state, ss.station_id, ss.hold_id, ss.version),
  log AS (INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data)
    SELECT $4, $1, 'show_seats', $1::text, 'upsert', jsonb_build_object('showId', $1::uuid, 'seats', jsonb_agg(jsonb_build_object('seatId', seat_id, 'state', state, 'stationId', station_id, 'holdId', hold_id, 'version', version)))
    FROM upd HAVING count(*) > 0 RETURNING 1),
  aud AS (INSERT INTO audit_log (actor_kind, actor_id, channel, action, entity, entity_id, details)
    SELECT 'customer', NULL, 'web', 'hold', 'hold', $3, jsonb_build_object('showId', $1::uuid, 'seatIds', to_jsonb($2::uuid[])) FROM hold RETURNING 1)
  SELECT (SELECT ok FROM ok) AS ok, (SELECT count(*) FROM log)::int + (SELECT count(*) FROM aud)::int AS written`;

/** Builds a pool with one connection per client and the chosen way of holding. */
export async function sqlHoldOps(job: HoldsJob, how: 'sql-tx' | 'sql-one'): Promise<OpSet> {
  const pool = new pg.Pool({ connectionString: job.dbUrl, max: job.clients });
  pool.on('error', () => undefined);
  await Promise.all(
    Array.from({ length: job.clients }, async () => (await pool.connect()).release()),
  );
  const tx = async (
    showId: string,
    cinemaId: string,
    seatIds: string[],
    holdId: string,
  ): Promise<boolean> => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query("SET LOCAL lock_timeout = '5s'");
      const locked = await c.query<{
        state: string;
        station_id: string | null;
        hold_expires_at: Date | null;
        hold_status: string | null;
      }>({ name: 'x_lock', text: LOCK, values: [showId, [...seatIds].sort()] });
      const now = new Date();
      const free =
        locked.rows.length === seatIds.length &&
        locked.rows.every(
          (s) =>
            s.state === 'available' ||
            (s.state === 'held' &&
              s.station_id === null &&
              (s.hold_status !== 'active' || (s.hold_expires_at ?? now) <= now)),
        );
      if (!free) {
        await c.query('ROLLBACK');
        return false;
      }
      await c.query({ name: 'x_hold', text: INSERT_HOLD, values: [holdId, showId] });
      const upd = await c.query({
        name: 'x_set',
        text: SET_SEATS,
        values: [showId, seatIds, holdId],
      });
      await c.query({
        name: 'x_log',
        text: LOG,
        values: [cinemaId, showId, showId, JSON.stringify({ showId, seats: upd.rows })],
      });
      await c.query({
        name: 'x_audit',
        text: AUDIT,
        values: [holdId, JSON.stringify({ showId, seatIds })],
      });
      await c.query('COMMIT');
      return true;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
  const one = async (
    showId: string,
    cinemaId: string,
    seatIds: string[],
    holdId: string,
  ): Promise<boolean> => {
    const r = await pool.query<{ ok: boolean | null }>({
      name: 'x_one',
      text: ONE,
      values: [showId, seatIds, holdId, cinemaId],
    });
    return r.rows[0]?.ok === true;
  };
  const hold = how === 'sql-tx' ? tx : one;
  const op = async (_i: number, rec: Recorder): Promise<void> => {
    const show = job.shows[Math.floor(Math.random() * job.shows.length)];
    if (show === undefined) return;
    const seatIds = pickDistinct(
      job.layouts[show.layout] ?? [],
      randInt(job.seatsMin, job.seatsMax),
    );
    try {
      const t0 = performance.now();
      const ok = await hold(
        show.id,
        job.cinemaIds[show.cinema] ?? '',
        seatIds,
        `h_${randomBytes(16).toString('base64url')}`,
      );
      rec.latency('hold', performance.now() - t0);
      rec.count(ok ? 'holdOk' : 'holdConflict');
      if (ok) rec.count('seatsHeld', seatIds.length);
    } catch (e) {
      rec.error(errorText(e));
    }
  };
  return { op, close: () => pool.end() };
}
