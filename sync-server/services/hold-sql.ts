// Holding and ending a hold as ONE statement each (DESIGN §3): a connection never sits idle in a
// transaction holding seat locks while Node sends the next statement. Data-modifying CTEs share one
// snapshot and run as one implicit transaction, so all-or-nothing holds without BEGIN/COMMIT. A web
// hold's per-client caps are checked in the same statement (hold-limits.ts), before any seat is locked.
import type { Actor } from './audit.js';
import { capsSql, capsValues, type HoldClient, type LimitHit } from './hold-limits.js';
import { claimValues, ownedBySql, type HoldClaim, type HoldMaker } from './hold-owner.js';
import {
  NOT_RECORDED,
  priorOf,
  recordValues,
  recording,
  type MutationAnswer,
  type PriorColumns,
  type Recording,
  type StoredAnswer,
} from './hold-record-sql.js';
import type { Queryable } from './tx.js';

export {
  AlreadyApplied,
  type MutationAnswer,
  type MutationRecord,
  type StoredAnswer,
} from './hold-record-sql.js';

// The seat rows are locked first, in seat-id order, like lockSeats; a seat is free for the actor by
// the rules of effectiveState/isFreeFor, with one deliberate difference: a held seat whose hold is
// not visible counts as held. Under READ COMMITTED a seat we waited for is re-read at its newest
// version, but its hold is looked up in the statement's older snapshot, so a hold committed while we
// waited is missing; it was just made, so it is active (holds are never deleted). Reading it as
// lapsed would take a seat someone was just promised.
//
// $2 reaches the scans only through (SELECT $2): a custom plan then knows no more than the generic
// one, so PostgreSQL settles on the generic plan after five runs instead of planning every hold,
// which cost more than running it. Both plans are the same primary-key scans.
const holdSeatsSql = (
  r: Recording,
  capped = false,
): string => `WITH ${r.prior}${capped ? capsSql(13) : ''}quota AS MATERIALIZED (
    SELECT show_channel_quota_hit($1::uuid, $5::text, $6::uuid, cardinality($2::uuid[])) AS hit),
  judged AS MATERIALIZED (
    SELECT ss.seat_id, (CASE
        WHEN ss.state = 'available' THEN true
        WHEN ss.state = 'held' AND (ss.hold_id IS NULL
            OR (SELECT h.status <> 'active' OR h.expires_at <= now() FROM holds h WHERE h.id = ss.hold_id))
          THEN ss.station_id IS NULL OR ss.station_id = $6::uuid
        WHEN ss.state = 'allocated' THEN ss.station_id = $6::uuid
        ELSE false END) IS TRUE AS free
    FROM show_seats ss
    WHERE ss.show_id = $1::uuid AND ss.seat_id = ANY((SELECT $2::uuid[])::uuid[])${r.guard}${capped ? ' AND (SELECT hit FROM caps) IS NULL' : ''} AND NOT (SELECT hit FROM quota)
    ORDER BY ss.seat_id FOR UPDATE OF ss),
  verdict AS (
    SELECT count(*) > 0 AND count(*) = cardinality($2::uuid[]) AND bool_and(free) AS ok FROM judged),
  hold AS (
    INSERT INTO holds (id, show_id, channel, station_id, customer_id, secret_hash, status, expires_at, client_key)
    SELECT $3::text, $1::uuid, $5::text, $6::uuid, $11::uuid, $12::text, 'active', date_trunc('milliseconds', now() + make_interval(secs => $7::double precision)), ${capped ? '$13::text' : 'NULL'}
    FROM verdict WHERE ok
    RETURNING expires_at),
  upd AS (
    UPDATE show_seats ss SET state = 'held', hold_id = $3::text, block_reason = NULL, version = ss.version + 1
    FROM hold WHERE ss.show_id = $1::uuid AND ss.seat_id = ANY((SELECT $2::uuid[])::uuid[])
    RETURNING ss.seat_id, ss.state, ss.station_id, ss.version),
  log AS (
    INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data)
    SELECT $4::uuid, $1::uuid, 'show_seats', $1::uuid::text, 'upsert', jsonb_build_object('showId', $1::uuid::text,
      'seats', jsonb_agg(jsonb_build_object('seatId', seat_id, 'state', state, 'stationId', station_id, 'version', version) ORDER BY seat_id))
    FROM upd HAVING count(*) > 0),
  aud AS (
    INSERT INTO audit_log (actor_kind, actor_id, channel, action, entity, entity_id, details)
    SELECT $8::text, $9::text, $5::text, 'hold', 'hold', $3::text, $10::jsonb FROM hold)${r.ack}
  SELECT (SELECT expires_at FROM hold) AS expires_at, array_agg(seat_id::text ORDER BY seat_id) AS found,
    array_agg(seat_id::text ORDER BY seat_id) FILTER (WHERE NOT free) AS taken, (SELECT hit FROM quota) AS quota_hit${capped ? ', (SELECT hit FROM caps) AS limit_hit' : ''}${r.columns}
  FROM judged`;

// expires_at is cut to milliseconds (above) so that the ack's expiresAt, written as text here,
// equals what Node makes of the column, a Date having no microseconds: first answer and replays agree.
const HOLD_SEATS = holdSeatsSql(NOT_RECORDED);
// Web holds: the client's caps are checked in the statement that takes the seats (never recorded).
const HOLD_SEATS_CAPPED = holdSeatsSql(NOT_RECORDED, true);
const HOLD_SEATS_RECORDED = holdSeatsSql(
  recording(
    13,
    `$16::jsonb || jsonb_build_object('expiresAt', to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
    'FROM hold',
  ),
);

/**
 * What one hold statement decided: expiresAt is set only when the hold was made; ids in seat order;
 * limit names the client cap the hold would have broken (capped holds only).
 */
export type HoldVerdict = {
  expiresAt: Date | null;
  missing: string[];
  taken: string[];
  limit: LimitHit | null;
  prior: StoredAnswer | null;
  /** The web's or the kiosks' quota on the show has no room for these seats (nothing held). */
  quotaHit: boolean;
};

/**
 * Tries to hold `seatIds` (distinct, lower case) for `actor` in one statement; all or nothing; the
 * hold row names `maker` as its owner. With `record`, the same statement stores `record.answer` plus
 * expiresAt as the mutation's ack when it holds. With `hold.client`, it holds only within the
 * client's caps, checked under the client's advisory lock (web holds, so never with `record`).
 */
export async function holdSeatsOnce(
  db: Queryable,
  hold: {
    holdId: string;
    showId: string;
    cinemaId: string;
    seatIds: readonly string[];
    ttlSeconds: number;
    client?: HoldClient | undefined;
  },
  actor: Actor,
  maker: HoldMaker,
  auditDetails: Record<string, unknown>,
  record?: MutationAnswer,
): Promise<HoldVerdict> {
  const values: unknown[] = [
    hold.showId,
    hold.seatIds,
    hold.holdId,
    hold.cinemaId,
    actor.channel,
    actor.stationId ?? null,
    hold.ttlSeconds,
    actor.kind,
    actor.id,
    JSON.stringify(auditDetails),
    maker.customerId,
    maker.secretHash,
  ];
  const r = await db.query<
    {
      expires_at: Date | null;
      found: string[] | null;
      taken: string[] | null;
      limit_hit?: LimitHit | null;
      quota_hit: boolean | null;
    } & PriorColumns
  >(
    hold.client !== undefined
      ? {
          name: 'hold_one_capped',
          text: HOLD_SEATS_CAPPED,
          values: [...values, ...capsValues(hold.client)],
        }
      : record === undefined
        ? { name: 'hold_one', text: HOLD_SEATS, values }
        : {
            name: 'hold_one_recorded',
            text: HOLD_SEATS_RECORDED,
            values: [...values, ...recordValues(record)],
          },
  );
  const row = r.rows[0];
  const found = new Set(row?.found ?? []);
  const missing = hold.seatIds.filter((id) => !found.has(id)).sort();
  return {
    expiresAt: row?.expires_at ?? null,
    missing,
    taken: row?.taken ?? [],
    limit: row?.limit_hit ?? null,
    prior: priorOf(row),
    quotaHit: row?.quota_hit === true,
  };
}

// The hold row is locked before its seats (as sales and extensions do), then its seats in seat-id
// order. A seat re-read at a newer version is kept only if it still points to this hold: a lapsed
// hold's seat may have been taken by another buyer meanwhile. A recorded release is acked whenever
// the hold exists and is not another station's, as endHold answers: releasing twice is no error.
// A web caller finds only a hold it owns ($8–$10): anyone else's is as absent as one never made.
const FORBIDDEN = `$3::text = 'station' AND (hl.station_id = $4::uuid) IS NOT TRUE`;
const endHoldSql = (r: Recording): string => `WITH ${r.prior}hl AS MATERIALIZED (
    SELECT id, show_id, status, expires_at, station_id FROM holds h
    WHERE id = $1::text AND ${ownedBySql('h', 8)}${r.guard} FOR UPDATE),
  go AS MATERIALIZED (
    SELECT id, show_id FROM hl
    WHERE status = 'active' AND ($2::text <> 'expired' OR expires_at <= now())
      AND ($3::text <> 'station' OR station_id = $4::uuid)),
  seats AS MATERIALIZED (
    SELECT ss.seat_id FROM show_seats ss JOIN go ON ss.show_id = go.show_id AND ss.hold_id = go.id
    ORDER BY ss.seat_id FOR UPDATE OF ss),
  mark AS (
    UPDATE holds SET status = $2::text FROM go WHERE holds.id = go.id RETURNING holds.id),
  upd AS (
    UPDATE show_seats ss SET state = CASE WHEN ss.station_id IS NULL THEN 'available' ELSE 'allocated' END,
      hold_id = NULL, block_reason = NULL, version = ss.version + 1
    FROM go, seats WHERE ss.show_id = go.show_id AND ss.seat_id = seats.seat_id
    RETURNING ss.seat_id, ss.state, ss.station_id, ss.version),
  log AS (
    INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data)
    SELECT s.cinema_id, s.id, 'show_seats', s.id::text, 'upsert', jsonb_build_object('showId', s.id::text,
      'seats', (SELECT jsonb_agg(jsonb_build_object('seatId', seat_id, 'state', state, 'stationId', station_id, 'version', version) ORDER BY seat_id) FROM upd))
    FROM go JOIN shows s ON s.id = go.show_id WHERE EXISTS (SELECT 1 FROM upd)),
  aud AS (
    INSERT INTO audit_log (actor_kind, actor_id, channel, action, entity, entity_id, details)
    SELECT $5::text, $6::text, $3::text, $7::text, 'hold', go.id, jsonb_build_object('showId', go.show_id::text,
      'seatIds', COALESCE((SELECT jsonb_agg(seat_id::text ORDER BY seat_id) FROM upd), '[]'::jsonb))
    FROM go)${r.ack}
  SELECT (SELECT count(*) FROM hl)::int AS found,
    COALESCE((SELECT ${FORBIDDEN} FROM hl), false) AS forbidden,
    (SELECT count(*) FROM mark)::int AS ended${r.columns}`;

const END_HOLD = endHoldSql(NOT_RECORDED);
const END_HOLD_RECORDED = endHoldSql(
  recording(11, '$14::jsonb', `FROM hl WHERE NOT (${FORBIDDEN})`),
);

/** What one end-hold statement found: whether the hold exists, was another station's, and was ended now. */
export type EndVerdict = {
  found: boolean;
  forbidden: boolean;
  ended: boolean;
  prior: StoredAnswer | null;
};

/**
 * Ends an active hold in one statement; with `record`, stores `record.answer` as the mutation's ack
 * unless refused. With a `claim`, a hold the claim does not own is not found.
 */
export async function endHoldOnce(
  db: Queryable,
  holdId: string,
  actor: Actor,
  how: 'released' | 'expired',
  claim: HoldClaim | null,
  record?: MutationAnswer,
): Promise<EndVerdict> {
  const values: unknown[] = [
    holdId,
    how,
    actor.channel,
    actor.stationId ?? null,
    actor.kind,
    actor.id,
    how === 'released' ? 'release' : 'expire',
    ...claimValues(claim),
  ];
  const r = await db.query<{ found: number; forbidden: boolean; ended: number } & PriorColumns>(
    record === undefined
      ? { name: 'hold_end_one', text: END_HOLD, values }
      : {
          name: 'hold_end_one_recorded',
          text: END_HOLD_RECORDED,
          values: [...values, ...recordValues(record)],
        },
  );
  const row = r.rows[0];
  return {
    found: (row?.found ?? 0) > 0,
    forbidden: row?.forbidden === true,
    ended: (row?.ended ?? 0) > 0,
    prior: priorOf(row),
  };
}
