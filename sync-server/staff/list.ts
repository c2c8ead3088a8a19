// Reading staff as the admin view shows them: one person, or a page of a cinema's people. A lockout
// is shown only while it lasts by the server's (injected) clock.
import type pg from 'pg';
import type { StaffAdminView, StaffListQuery } from '../../common/api/admin-staff.js';
import { BoError } from '../../common/errors.js';
import type { StaffRole } from '../identity/principal.js';
import type { Tx } from '../services/tx.js';

type Db = pg.Pool | Tx;

// `clock`: the placeholder of the server's time, after the query's own parameters.
const viewSql = (clock: string) => `SELECT s.id, s.name, s.role, s.active, s.chain_id,
  coalesce(array_agg(sc.cinema_id ORDER BY sc.cinema_id) FILTER (WHERE sc.cinema_id IS NOT NULL), '{}') AS cinema_ids,
  (SELECT pl.locked_until FROM pin_lockouts pl WHERE pl.staff_id = s.id AND pl.locked_until > ${clock}) AS locked_until
  FROM staff s LEFT JOIN staff_cinemas sc ON sc.staff_id = s.id`;

/** A staff row with the cinemas they work at and a lockout still running. */
export type StaffRow = {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  chain_id: string;
  cinema_ids: string[];
  locked_until: Date | null;
};

/** The admin view of a row. */
export const staffView = (r: StaffRow): StaffAdminView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  cinemaIds: r.cinema_ids,
  active: r.active,
  lockedUntil: r.locked_until?.toISOString() ?? null,
});

/** One page of a cinema's staff. */
export async function listStaff(
  pool: pg.Pool,
  cinemaId: string,
  q: StaffListQuery,
  now: Date,
): Promise<{ items: StaffAdminView[]; total: number; page: number; pageSize: number }> {
  const where = [
    'EXISTS (SELECT 1 FROM staff_cinemas x WHERE x.staff_id = s.id AND x.cinema_id = $1)',
  ];
  const values: unknown[] = [cinemaId];
  if (q.q) {
    values.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`s.name ILIKE $${String(values.length)}`);
  }
  if (q.role) {
    values.push(q.role);
    where.push(`s.role = $${String(values.length)}`);
  }
  if (q.active) {
    values.push(q.active === 'true');
    where.push(`s.active = $${String(values.length)}`);
  }
  const filter = where.join(' AND ');
  const total = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff s WHERE ${filter}`,
    values,
  );
  const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
  const order =
    q.sort === 'role'
      ? `CASE s.role WHEN 'admin' THEN 3 WHEN 'manager' THEN 2 ELSE 1 END ${dir}, lower(s.name)`
      : `lower(s.name) ${dir}`;
  const rows = await pool.query<StaffRow>(
    `${viewSql(`$${String(values.length + 1)}`)} WHERE ${filter} GROUP BY s.id ORDER BY ${order}, s.id
     LIMIT ${String(q.pageSize)} OFFSET ${String((q.page - 1) * q.pageSize)}`,
    [...values, now],
  );
  return {
    items: rows.rows.map(staffView),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One person's row; 404 when there is no such person. */
export async function getStaffRow(db: Db, id: string, now: Date): Promise<StaffRow> {
  const r = await db.query<StaffRow>(`${viewSql('$2')} WHERE s.id = $1 GROUP BY s.id`, [id, now]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such person.');
  return row;
}
