// The change log (DESIGN §4): appended in the writing transaction, read in (tx_id, seq) order only
// below the oldest running transaction, so a late commit with a smaller seq is never skipped.
import type pg from 'pg';
import type { Change, SeatChange } from '../../common/sync-protocol.js';
import { AUDIT_COLUMNS, auditValues, type AuditEntry } from './audit.js';
import type { Tx } from './tx.js';

/** A change to append: what it is about and its data (seq and tx_id are PostgreSQL's). */
export type NewChange = {
  cinemaId: string;
  showId: string | null;
  entity: string;
  entityId: string;
  op: 'upsert' | 'delete';
  data: Record<string, unknown> | null;
};

/**
 * The entity of a change that says a station's credential changed (revoked, or enrolled again on
 * new hardware). Every server process tails the log, so each closes that station's sockets whose
 * credential no longer holds; stations' replicas ignore it as an entity they do not store.
 */
export const STATION_CHANGE_ENTITY = 'station';

/** Appends one change row in the caller's transaction; returns nothing (seq is assigned by PostgreSQL). */
export async function appendChange(tx: Tx, change: NewChange): Promise<void> {
  await tx.query({
    name: 'change_log_append',
    text: 'INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data) VALUES ($1, $2, $3, $4, $5, $6)',
    values: [
      change.cinemaId,
      change.showId,
      change.entity,
      change.entityId,
      change.op,
      change.data === null ? null : JSON.stringify(change.data),
    ],
  });
}

/** The change that carries the new states of some seats of a show. */
export function seatsChange(cinemaId: string, showId: string, seats: SeatChange[]): NewChange {
  return {
    cinemaId,
    showId,
    entity: 'show_seats',
    entityId: showId,
    op: 'upsert',
    data: { showId, seats },
  };
}

/** Appends the new states of some seats of a show as one change. */
export async function appendSeatChanges(
  tx: Tx,
  cinemaId: string,
  showId: string,
  seats: SeatChange[],
): Promise<void> {
  if (seats.length === 0) return;
  await appendChange(tx, seatsChange(cinemaId, showId, seats));
}

/**
 * Appends `changes` and one audit row in a single statement (one round trip while a sale or void
 * holds its seat locks). Seqs follow the array's order: a station applies a sale's seats before
 * its order change (apply-changes.ts), and sibling INSERTs in a WITH would not keep that order.
 */
export async function appendChangesWithAudit(
  tx: Tx,
  changes: readonly NewChange[],
  entry: AuditEntry,
): Promise<void> {
  await tx.query({
    name: 'change_log_append_audited',
    text: `WITH audit AS (INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($7, $8, $9, $10, $11, $12, $13))
           INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data)
           SELECT c.cinema_id, c.show_id, c.entity, c.entity_id, c.op, c.data
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS c(cinema_id, show_id, entity, entity_id, op, data, n)
           ORDER BY c.n`,
    values: [
      changes.map((c) => c.cinemaId),
      changes.map((c) => c.showId),
      changes.map((c) => c.entity),
      changes.map((c) => c.entityId),
      changes.map((c) => c.op),
      changes.map((c) => (c.data === null ? null : JSON.stringify(c.data))),
      ...auditValues(entry),
    ],
  });
}

/** A position in the log: the writing transaction and the row's seq. */
export type LogPosition = { txId: string; seq: number };

type Row = {
  seq: string;
  tx_id: string;
  cinema_id: string;
  show_id: string | null;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: Record<string, unknown> | null;
};

/** A change with its routing fields. */
export type LoggedChange = Change & { txId: string; cinemaId: string; showId: string | null };

const toChange = (r: Row): LoggedChange => ({
  seq: Number(r.seq),
  txId: r.tx_id,
  cinemaId: r.cinema_id,
  showId: r.show_id,
  entity: r.entity,
  entityId: r.entity_id,
  op: r.op,
  data: r.data,
});

/** Looks up the position of a seq a station holds as its cursor; null if the row was pruned. */
export async function positionOf(pool: pg.Pool | Tx, seq: number): Promise<LogPosition | null> {
  if (seq === 0) return { txId: '0', seq: 0 };
  const r = await pool.query<{ tx_id: string }>({
    name: 'change_log_pos',
    text: 'SELECT tx_id::text FROM change_log WHERE seq = $1',
    values: [seq],
  });
  const row = r.rows[0];
  return row === undefined ? null : { txId: row.tx_id, seq };
}

/**
 * Reads up to `limit` changes after `after`, for one cinema or all (cinemaId null), only from
 * transactions older than every transaction still running (pg_snapshot_xmin).
 */
export async function readChanges(
  pool: pg.Pool | Tx,
  after: LogPosition,
  cinemaId: string | null,
  limit: number,
): Promise<LoggedChange[]> {
  const r = await pool.query<Row>({
    name: cinemaId === null ? 'change_log_read_all' : 'change_log_read_cinema',
    text: `SELECT seq, tx_id::text, cinema_id, show_id, entity, entity_id, op, data FROM change_log
           WHERE (tx_id > $1::xid8 OR (tx_id = $1::xid8 AND seq > $2))
             AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
             ${cinemaId === null ? 'AND $4::uuid IS NULL' : 'AND cinema_id = $4'}
           ORDER BY tx_id, seq LIMIT $3`,
    values: [after.txId, after.seq, limit, cinemaId],
  });
  return r.rows.map(toChange);
}

/** The newest position a reader may safely stand at now (nothing before it can still appear). */
export async function headPosition(pool: pg.Pool | Tx): Promise<LogPosition> {
  const r = await pool.query<{ tx_id: string; seq: string }>(
    `SELECT tx_id::text, seq FROM change_log WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY tx_id DESC, seq DESC LIMIT 1`,
  );
  const row = r.rows[0];
  return row === undefined ? { txId: '0', seq: 0 } : { txId: row.tx_id, seq: Number(row.seq) };
}

/** Compares two positions in log order. */
export function comparePositions(a: LogPosition, b: LogPosition): number {
  const ta = BigInt(a.txId);
  const tb = BigInt(b.txId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.seq - b.seq;
}

/** Deletes all but the newest `keep` rows; a station whose cursor falls off gets a snapshot. */
export async function pruneChangeLog(pool: pg.Pool, keep: number): Promise<number> {
  const r = await pool.query({
    name: 'change_log_prune',
    text: 'DELETE FROM change_log WHERE seq < (SELECT max(seq) - $1 FROM change_log)',
    values: [keep],
  });
  return r.rowCount ?? 0;
}
