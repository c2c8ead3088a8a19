// A station trades a staff member's PIN for a short-lived staff token (DESIGN §10). The server is
// where admins' PINs are checked (replicas never hold them). Wrong PINs lock that staff member
// only, with growing delays, until a right PIN or a manager lifts it.
import type pg from 'pg';
import type { StaffView } from '../../common/api/identity.js';
import { BoError } from '../../common/errors.js';
import { hashSecret, verifySecretAsync } from '../../db/secret-hash.js';
import type { StaffRole } from '../identity/principal.js';
import { audit, type Actor } from '../services/audit.js';
import { withTx } from '../services/tx.js';

/** Wrong PINs that cost nothing; the next ones lock for LOCK_SECONDS in turn (the last repeats). */
export const FREE_FAILURES = 4;
/** 30 s, 1 min, 2 min, 5 min, then 15 min for every further wrong PIN. */
export const LOCK_SECONDS = [30, 60, 120, 300, 900] as const;

// Compared against when the staff member is unknown, so a miss takes as long as a wrong PIN.
const DUMMY_HASH = hashSecret('not-a-pin');

const wrongPin = () => new BoError('BO_UNAUTHORIZED', 'Wrong staff member or PIN.');

/** Seconds the staff member must still wait, or 0. */
export async function pinLockedFor(pool: pg.Pool, staffId: string, now: Date): Promise<number> {
  const r = await pool.query<{ locked_until: Date | null }>(
    'SELECT locked_until FROM pin_lockouts WHERE staff_id = $1',
    [staffId],
  );
  const until = r.rows[0]?.locked_until;
  if (!until || until <= now) return 0;
  return Math.ceil((until.getTime() - now.getTime()) / 1000);
}

/** Counts one wrong PIN; from the fifth on, locks the staff member for the next delay. */
async function recordFailure(pool: pg.Pool, staffId: string, now: Date): Promise<void> {
  await pool.query(
    `INSERT INTO pin_lockouts (staff_id, failures, locked_until) VALUES ($1, 1, NULL)
     ON CONFLICT (staff_id) DO UPDATE SET
       failures = pin_lockouts.failures + 1,
       locked_until = CASE WHEN pin_lockouts.failures + 1 > $3
         THEN $2::timestamptz + make_interval(secs => ($4::int[])[least(pin_lockouts.failures + 1 - $3, cardinality($4::int[]))])
         ELSE NULL END`,
    [staffId, now, FREE_FAILURES, [...LOCK_SECONDS]],
  );
}

/**
 * Checks a staff member's PIN at a station of `cinemaId`: they must be active and posted to that
 * cinema, or be a chain admin. Throws 429 while locked, 401 for a wrong PIN or unknown staff (one
 * message), 403 for a right PIN of someone who does not work here.
 */
export async function checkStaffPin(
  pool: pg.Pool,
  staffId: string,
  pin: string,
  cinemaId: string,
  now: Date,
): Promise<StaffView> {
  const wait = await pinLockedFor(pool, staffId, now);
  if (wait > 0)
    throw new BoError(
      'BO_RATE_LIMITED',
      `Too many wrong PINs for this staff member. Try again in ${String(wait)} seconds, or ask a manager to unlock.`,
      { retryAfterSeconds: wait },
    );
  const r = await pool.query<{
    id: string;
    name: string;
    role: StaffRole;
    pin_hash: string;
    active: boolean;
    cinema_ids: string[];
  }>(
    `SELECT s.id, s.name, s.role, s.pin_hash, s.active,
            coalesce(array_agg(sc.cinema_id ORDER BY sc.cinema_id) FILTER (WHERE sc.cinema_id IS NOT NULL), '{}') AS cinema_ids
       FROM staff s LEFT JOIN staff_cinemas sc ON sc.staff_id = s.id
      WHERE s.id = $1 GROUP BY s.id`,
    [staffId],
  );
  const row = r.rows[0];
  const right = await verifySecretAsync(pin, row?.pin_hash ?? DUMMY_HASH);
  if (!row || !['cashier', 'manager', 'admin'].includes(row.role)) throw wrongPin();
  if (!right) {
    await recordFailure(pool, row.id, now);
    throw wrongPin();
  }
  await pool.query('DELETE FROM pin_lockouts WHERE staff_id = $1', [row.id]);
  if (!row.active) throw wrongPin();
  // The same answer as a wrong PIN: a different one would confirm the PIN to whoever probes.
  if (row.role !== 'admin' && !row.cinema_ids.includes(cinemaId)) throw wrongPin();
  return { id: row.id, name: row.name, role: row.role, cinemaIds: row.cinema_ids };
}

/**
 * Lifts a staff member's PIN lockout. Managers may unlock only someone who shares a cinema with
 * them; admins anyone. 404 for unknown staff.
 */
export async function unlockStaffPin(
  pool: pg.Pool,
  actor: Actor,
  by: { role: StaffRole; cinemaIds: string[] },
  staffId: string,
): Promise<void> {
  await withTx(pool, async (tx) => {
    const r = await tx.query<{ shares: boolean; failures: number | null }>(
      `SELECT EXISTS (SELECT 1 FROM staff_cinemas sc WHERE sc.staff_id = s.id AND sc.cinema_id = ANY($2::uuid[])) AS shares,
              (SELECT failures FROM pin_lockouts WHERE staff_id = s.id) AS failures
         FROM staff s WHERE s.id = $1`,
      [staffId, by.cinemaIds],
    );
    const row = r.rows[0];
    if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such staff member.');
    if (by.role !== 'admin' && !row.shares)
      throw new BoError('BO_FORBIDDEN', 'That staff member does not work at any of your cinemas.');
    await tx.query('DELETE FROM pin_lockouts WHERE staff_id = $1', [staffId]);
    await audit(tx, actor, 'staff.pin-unlock', 'staff', staffId, {
      failures: row.failures ?? 0,
    });
  });
}
