// Staff as the server sees them for tokens: role and the cinemas they work at (staff_cinemas).
import type pg from 'pg';
import type { StaffView } from '../../common/api/identity.js';
import { BoError } from '../../common/errors.js';
import type { StaffRole } from './principal.js';
import { normaliseEmail, verifyPassword } from '../../db/password-hash.js';

/** An active staff member's view, or null when unknown or inactive. */
export async function activeStaff(pool: pg.Pool, staffId: string): Promise<StaffView | null> {
  const r = await pool.query<{ id: string; name: string; role: StaffRole; cinema_ids: string[] }>(
    `SELECT s.id, s.name, s.role,
            coalesce(array_agg(sc.cinema_id ORDER BY sc.cinema_id) FILTER (WHERE sc.cinema_id IS NOT NULL), '{}') AS cinema_ids
       FROM staff s LEFT JOIN staff_cinemas sc ON sc.staff_id = s.id
      WHERE s.id = $1 AND s.active GROUP BY s.id`,
    [staffId],
  );
  const row = r.rows[0];
  if (!row || !['cashier', 'manager', 'admin'].includes(row.role)) return null;
  return { id: row.id, name: row.name, role: row.role, cinemaIds: row.cinema_ids };
}

/** The staff member whose email and password these are; one answer for every kind of failure. */
export async function staffLogIn(
  pool: pg.Pool,
  emailIn: string,
  password: string,
): Promise<StaffView> {
  const r = await pool.query<{ staff_id: string; password_hash: string }>(
    'SELECT staff_id, password_hash FROM staff_logins WHERE email = $1',
    [normaliseEmail(emailIn)],
  );
  const row = r.rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? null);
  const who = row && ok ? await activeStaff(pool, row.staff_id) : null;
  if (!who) throw new BoError('BO_UNAUTHORIZED', 'Wrong email or password.');
  return who;
}
