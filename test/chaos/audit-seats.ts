// Audit checks about seats and sync: no seat sold twice (counted from the tickets themselves, not
// trusted to the unique index), no hold outliving its TTL past the sweeper's grace, and every
// station's change-log cursor at the server's head for its cinema.
import { loadServerConfig } from '../../sync-server/config.js';
import { auditRow, replicaRows, type AuditCheck } from './audit-types.js';

/** Seats of a show with more than one valid ticket, in PostgreSQL and in every replica. */
export const doubleSoldSeats: AuditCheck = async ({ pool, stations }) => {
  const doubleSql = `SELECT show_id, seat_id, string_agg(id::text, ',' ORDER BY id) AS ids
     FROM tickets WHERE status = 'valid' GROUP BY show_id, seat_id HAVING count(*) > 1`;
  const server = await pool.query<{ show_id: string; seat_id: string; ids: string }>(doubleSql);
  const problems = server.rows.map(
    (r) => `server: show ${r.show_id} seat ${r.seat_id} has valid tickets ${r.ids}`,
  );
  let replicaCount = 0;
  for (const s of stations) {
    if (s.db === null) continue;
    const rows = replicaRows<{ show_id: string; seat_id: string; ids: string }>(
      s.db,
      `SELECT show_id, seat_id, group_concat(id, ',') AS ids FROM tickets WHERE status = 'valid'
       GROUP BY show_id, seat_id HAVING count(*) > 1`,
    );
    replicaCount += rows.length;
    for (const r of rows)
      problems.push(
        `${s.station.name}: show ${r.show_id} seat ${r.seat_id} has valid tickets ${r.ids}`,
      );
  }
  return auditRow(
    'double-sold seats',
    '0',
    `${String(server.rows.length)} on the server, ${String(replicaCount)} in replicas`,
    problems,
  );
};

/**
 * The sweeper releases expired holds every HOLD_SWEEP_MS; a hold may outlive its expiry by up to
 * two periods (one waiting for the tick, one for a tick that was still running) and a second.
 */
export function holdGraceMs(): number {
  return 2 * loadServerConfig(process.env).holdSweepMs + 1000;
}

/** No active hold, and no held seat, past its expiry by more than the sweeper's grace. */
export const noStaleHolds: AuditCheck = async ({ pool, now }) => {
  const grace = holdGraceMs();
  const before = new Date(now.getTime() - grace);
  const holds = await pool.query<{ id: string; show_id: string; expires_at: Date }>(
    "SELECT id, show_id, expires_at FROM holds WHERE status = 'active' AND expires_at < $1 ORDER BY expires_at",
    [before],
  );
  // A seat held by a hold that ended (or never existed) is stuck just the same.
  const seats = await pool.query<{ show_id: string; seat_id: string; hold: string }>(
    `SELECT ss.show_id, ss.seat_id, coalesce(h.status || ' until ' || h.expires_at::text, 'no hold') AS hold
     FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
     WHERE ss.state = 'held' AND (h.id IS NULL OR h.status <> 'active' OR h.expires_at < $1)
     ORDER BY ss.show_id, ss.seat_id`,
    [before],
  );
  const problems = [
    ...holds.rows.map(
      (h) =>
        `hold ${h.id} of show ${h.show_id} still active, expired ${h.expires_at.toISOString()}`,
    ),
    ...seats.rows.map((s) => `show ${s.show_id} seat ${s.seat_id} held (${s.hold})`),
  ];
  return auditRow(
    'no seat held past its TTL',
    `0 holds expired before ${before.toISOString()} (grace ${String(grace)} ms)`,
    `${String(holds.rows.length)} holds, ${String(seats.rows.length)} seats`,
    problems,
  );
};

/**
 * Each station's cursor stands at the server's head for its cinema: no change of its cinema that a
 * reader may see (below pg_snapshot_xmin) lies after it in (tx_id, seq) order.
 */
export const stationCursors: AuditCheck = async ({ pool, stations }) => {
  const problems: string[] = [];
  const found: string[] = [];
  for (const s of stations) {
    const name = s.station.name;
    if (s.db === null) {
      problems.push(`${name}: no replica to read the cursor from`);
      continue;
    }
    const row = replicaRows<{ value: string }>(
      s.db,
      "SELECT value FROM sync_state WHERE key = 'cursor'",
    )[0];
    const cursor = Number(row?.value ?? '0');
    const head = await pool.query<{ seq: string | null; behind: number; known: boolean }>(
      `WITH st AS (SELECT cinema_id FROM stations WHERE id = $1),
            at AS (SELECT tx_id, seq FROM change_log WHERE seq = $2),
            visible AS (
              SELECT c.tx_id, c.seq FROM change_log c, st
              WHERE c.cinema_id = st.cinema_id AND c.tx_id < pg_snapshot_xmin(pg_current_snapshot()))
       SELECT (SELECT seq::text FROM visible ORDER BY tx_id DESC, seq DESC LIMIT 1) AS seq,
              (SELECT count(*)::int FROM visible v
                 WHERE $2 = 0 OR NOT EXISTS (SELECT 1 FROM at)
                    OR (v.tx_id, v.seq) > (SELECT tx_id, seq FROM at)) AS behind,
              ($2 = 0 OR EXISTS (SELECT 1 FROM at)) AS known`,
      [s.station.id, cursor],
    );
    const h = head.rows[0];
    found.push(`${name} ${String(cursor)}/${h?.seq ?? '0'}`);
    if (h === undefined) continue;
    if (!h.known) problems.push(`${name}: cursor ${String(cursor)} is no row of the change log`);
    else if (h.behind > 0)
      problems.push(
        `${name}: cursor ${String(cursor)} is ${String(h.behind)} changes behind the server's head ${h.seq ?? '0'}`,
      );
  }
  return auditRow(
    'station cursors = server',
    "each station's cursor at its cinema's head",
    // One figure when every station stands at the same place; each station's otherwise.
    new Set(found.map((f) => f.split(' ')[1])).size === 1 && found.length > 1
      ? `all ${String(found.length)} at ${found[0]?.split(' ')[1] ?? ''}`
      : found.join(', '),
    problems,
  );
};
