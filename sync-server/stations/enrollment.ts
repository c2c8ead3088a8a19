// Station enrollment and revocation (DESIGN §10): a manager creates a station and a one-time code,
// the station trades the code for its device credential, a manager revokes it. Revoking writes a
// change for the station's cinema, so every server process (each tails the change log) drops the
// station's open sockets; staff tokens it obtained end with their sessions.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DeviceCredential, StationView } from '../../common/api/stations.js';
import { BoError } from '../../common/errors.js';
import { hashSecret } from '../../db/secret-hash.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange, STATION_CHANGE_ENTITY } from '../services/change-log.js';
import { withTx, type Tx } from '../services/tx.js';
import { hashEnrollmentCode, newDeviceSecret, newEnrollmentCode } from './codes.js';

/** A code as the manager sees it, once. */
export type EnrollmentCodeResult = { station: StationView; code: string; expiresAt: string };

type StationRow = {
  id: string;
  cinema_id: string;
  name: string;
  kind: string;
  enrolled: boolean;
  revoked_at: Date | null;
  last_seen_at: Date | null;
  created_at: Date;
  pending_count: number | null;
  pending_reported_at: Date | null;
};

const STATION_COLUMNS =
  'id, cinema_id, name, kind, secret_hash IS NOT NULL AS enrolled, revoked_at, last_seen_at, created_at, pending_count, pending_reported_at';

const toView = (r: StationRow): StationView => ({
  id: r.id,
  cinemaId: r.cinema_id,
  name: r.name,
  kind: r.kind,
  status: r.revoked_at !== null ? 'revoked' : r.enrolled ? 'enrolled' : 'waiting',
  lastSeenAt: r.last_seen_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  pendingCount: r.pending_count,
  pendingReportedAt: r.pending_reported_at?.toISOString() ?? null,
});

const noStation = () => new BoError('BO_NOT_FOUND', 'There is no such station.');

/** Issues a fresh code for a station; earlier unused codes of the station stop working. */
async function issueCodeIn(
  tx: Tx,
  stationId: string,
  actor: Actor,
  now: Date,
  hours: number,
): Promise<{ code: string; expiresAt: Date }> {
  await tx.query(
    'UPDATE station_enrollments SET expires_at = $2 WHERE station_id = $1 AND used_at IS NULL AND expires_at > $2',
    [stationId, now],
  );
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await tx.query(
    'INSERT INTO station_enrollments (code_hash, station_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [hashEnrollmentCode(code), stationId, actor.id, now, expiresAt],
  );
  return { code, expiresAt };
}

/** Creates a station (waiting) in a cinema and its first enrollment code. */
export async function createStation(
  pool: pg.Pool,
  actor: Actor,
  cinemaId: string,
  body: { name: string; kind: string },
  opts: { now: Date; codeHours: number },
): Promise<EnrollmentCodeResult> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<StationRow>(
      `INSERT INTO stations (id, cinema_id, name, kind, created_by, created_at)
       SELECT $1, c.id, $3, $4, $5, $6 FROM cinemas c WHERE c.id = $2
       RETURNING ${STATION_COLUMNS}`,
      [randomUUID(), cinemaId, body.name, body.kind, actor.id, opts.now],
    );
    const row = r.rows[0];
    if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
    const { code, expiresAt } = await issueCodeIn(tx, row.id, actor, opts.now, opts.codeHours);
    await audit(tx, actor, 'station.create', 'station', row.id, {
      cinemaId,
      name: body.name,
      kind: body.kind,
      codeExpiresAt: expiresAt.toISOString(),
    });
    return { station: toView(row), code, expiresAt: expiresAt.toISOString() };
  });
}

/** The stations of a cinema, oldest first. */
export async function listStations(pool: pg.Pool, cinemaId: string): Promise<StationView[]> {
  const r = await pool.query<StationRow>(
    `SELECT ${STATION_COLUMNS} FROM stations WHERE cinema_id = $1 ORDER BY created_at, name, id`,
    [cinemaId],
  );
  return r.rows.map(toView);
}

/** A fresh code to (re-)enroll an existing station: new hardware, or after a revoke. */
export async function issueEnrollmentCode(
  pool: pg.Pool,
  actor: Actor,
  stationId: string,
  opts: { now: Date; codeHours: number },
): Promise<EnrollmentCodeResult> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<StationRow>(
      `SELECT ${STATION_COLUMNS} FROM stations WHERE id = $1 FOR UPDATE`,
      [stationId],
    );
    const row = r.rows[0];
    if (!row) throw noStation();
    const { code, expiresAt } = await issueCodeIn(tx, row.id, actor, opts.now, opts.codeHours);
    await audit(tx, actor, 'station.enrollment-code', 'station', row.id, {
      codeExpiresAt: expiresAt.toISOString(),
    });
    return { station: toView(row), code, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * Revokes a station: its credential stops working, every staff session opened at it ends, its
 * unused codes die, and a change tells every server process to close its sockets. False when it
 * was already revoked (nothing is written again).
 */
export async function revokeStation(
  pool: pg.Pool,
  actor: Actor,
  stationId: string,
  now: Date,
): Promise<boolean> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<{ cinema_id: string; revoked_at: Date | null }>(
      'SELECT cinema_id, revoked_at FROM stations WHERE id = $1 FOR UPDATE',
      [stationId],
    );
    const row = r.rows[0];
    if (!row) throw noStation();
    if (row.revoked_at !== null) return false;
    await tx.query('UPDATE stations SET revoked_at = $2 WHERE id = $1', [stationId, now]);
    const sessions = await tx.query(
      "UPDATE auth_sessions SET revoked_at = $2, revoked_reason = 'station-revoked' WHERE station_id = $1 AND revoked_at IS NULL",
      [stationId, now],
    );
    await tx.query(
      'UPDATE station_enrollments SET expires_at = $2 WHERE station_id = $1 AND used_at IS NULL AND expires_at > $2',
      [stationId, now],
    );
    await appendChange(tx, {
      cinemaId: row.cinema_id,
      showId: null,
      entity: STATION_CHANGE_ENTITY,
      entityId: stationId,
      op: 'delete',
      data: { stationId, revoked: true, revokedAt: now.toISOString() },
    });
    await audit(tx, actor, 'station.revoke', 'station', stationId, {
      cinemaId: row.cinema_id,
      staffSessionsEnded: sessions.rowCount ?? 0,
    });
    return true;
  });
}

const invalidCode = () =>
  new BoError(
    'BO_ENROLLMENT_CODE_INVALID',
    'That enrollment code is not valid. Ask a manager for a new one.',
  );

/**
 * Trades a one-time code for the station's device credential. The code is spent by one
 * conditional UPDATE, so of two concurrent uses only one wins; unknown, used and expired codes get
 * one answer. Re-enrolling replaces the secret, so the old device and the staff sessions opened at
 * it stop working, and its open sockets are told through the change log.
 */
export async function enrollStation(
  pool: pg.Pool,
  code: string,
  now: Date,
): Promise<DeviceCredential> {
  const secret = newDeviceSecret();
  // Hashed before the transaction: scrypt is slow on purpose and must not hold row locks.
  const secretHash = hashSecret(secret);
  return withTx(pool, async (tx) => {
    const spent = await tx.query<{ station_id: string }>(
      'UPDATE station_enrollments SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING station_id',
      [hashEnrollmentCode(code), now],
    );
    const stationId = spent.rows[0]?.station_id;
    if (stationId === undefined) throw invalidCode();
    const r = await tx.query<{ cinema_id: string; name: string; kind: string }>(
      'UPDATE stations SET secret_hash = $2, revoked_at = NULL WHERE id = $1 RETURNING cinema_id, name, kind',
      [stationId, secretHash],
    );
    const st = r.rows[0];
    if (!st) throw invalidCode();
    await tx.query(
      "UPDATE auth_sessions SET revoked_at = $2, revoked_reason = 'station-re-enrolled' WHERE station_id = $1 AND revoked_at IS NULL",
      [stationId, now],
    );
    await appendChange(tx, {
      cinemaId: st.cinema_id,
      showId: null,
      entity: STATION_CHANGE_ENTITY,
      entityId: stationId,
      op: 'upsert',
      data: { stationId, revoked: false, enrolledAt: now.toISOString() },
    });
    await audit(
      tx,
      { kind: 'station', id: stationId, channel: 'station', stationId },
      'station.enroll',
      'station',
      stationId,
      {},
    );
    return { stationId, secret, cinemaId: st.cinema_id, name: st.name, kind: st.kind };
  });
}
