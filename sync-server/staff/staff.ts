// Staff as managers manage them (DESIGN §10, §13): create with a PIN shown once, change role and
// cinemas, reset the PIN, deactivate. Each change reaches the replicas of every cinema concerned as
// the snapshot shapes staff rows (only cashiers and managers, posted to that cinema); a cinema the
// person left, or an admin, gets a delete, so no replica keeps a PIN hash it should not.
import { randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  CreateStaffBody,
  StaffAdminView,
  StaffListQuery,
  StaffPatch,
} from '../../common/api/admin-staff.js';
import { BoError } from '../../common/errors.js';
import { PIN_MIN_DIGITS, pinProblem } from '../../common/pin-rule.js';
import { hashSecret } from '../../db/secret-hash.js';
import { conflict, recordEdit } from '../admin/edit.js';
import type { Principal, StaffRole } from '../identity/principal.js';
import { revokeSessionsOf } from '../identity/sessions.js';
import type { Actor } from '../services/audit.js';
import type { NewChange } from '../services/change-log.js';
import { withTx, type Tx } from '../services/tx.js';

type Db = pg.Pool | Tx;
type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

const VIEW_SQL = `SELECT s.id, s.name, s.role, s.active, s.chain_id,
  coalesce(array_agg(sc.cinema_id ORDER BY sc.cinema_id) FILTER (WHERE sc.cinema_id IS NOT NULL), '{}') AS cinema_ids,
  (SELECT pl.locked_until FROM pin_lockouts pl WHERE pl.staff_id = s.id AND pl.locked_until > $2) AS locked_until
  FROM staff s LEFT JOIN staff_cinemas sc ON sc.staff_id = s.id`;
type Row = {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  chain_id: string;
  cinema_ids: string[];
  locked_until: Date | null;
};
const view = (r: Row): StaffAdminView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  cinemaIds: r.cinema_ids,
  active: r.active,
  lockedUntil: r.locked_until?.toISOString() ?? null,
});

/** A new PIN for `role`: random, as long as the role needs, never one people guess first. */
export function newPin(role: StaffRole): string {
  for (;;) {
    const pin = Array.from({ length: PIN_MIN_DIGITS[role] }, () => String(randomInt(10))).join('');
    if (pinProblem(pin, role) === null) return pin;
  }
}

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
  const values: unknown[] = [cinemaId, now];
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
    `SELECT count(*)::int AS n FROM staff s WHERE ${filter} AND $2::timestamptz IS NOT NULL`,
    values,
  );
  const order =
    q.sort === 'role'
      ? `CASE s.role WHEN 'admin' THEN 3 WHEN 'manager' THEN 2 ELSE 1 END ${q.dir === 'desc' ? 'DESC' : 'ASC'}, lower(s.name)`
      : `lower(s.name) ${q.dir === 'desc' ? 'DESC' : 'ASC'}`;
  const rows = await pool.query<Row>(
    `${VIEW_SQL} WHERE ${filter} GROUP BY s.id ORDER BY ${order}, s.id
     LIMIT ${String(q.pageSize)} OFFSET ${String((q.page - 1) * q.pageSize)}`,
    values,
  );
  return {
    items: rows.rows.map(view),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function getRow(db: Db, id: string, now: Date): Promise<Row> {
  const r = await db.query<Row>(`${VIEW_SQL} WHERE s.id = $1 GROUP BY s.id`, [id, now]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such person.');
  return row;
}

/** Who may give which role and cinemas: managers only cashiers and managers, only where they work. */
function mayAssign(
  p: StaffPrincipal,
  role: StaffRole | undefined,
  cinemas: readonly string[],
  field: string,
) {
  if (p.role === 'admin') return;
  if (role === 'admin')
    throw new BoError('BO_FORBIDDEN', 'Only admins may make someone an admin.', {
      fields: { '/role': 'only admins may give the admin role' },
    });
  const i = cinemas.findIndex((c) => !p.cinemaIds.includes(c));
  if (i >= 0)
    throw new BoError('BO_FORBIDDEN', 'You may only name cinemas you work at.', {
      fields: { [`${field}/${String(i)}`]: 'is a cinema you do not work at' },
    });
}

/** The replica changes for a person: their row to each cinema they work at, a delete to the others. */
function replicaChanges(
  after: {
    id: string;
    chain_id: string;
    name: string;
    role: string;
    pin_hash: string;
    active: boolean;
    cinemas: string[];
  },
  beforeCinemas: readonly string[],
): NewChange[] {
  const replicated = after.role === 'cashier' || after.role === 'manager';
  const keep = replicated ? after.cinemas : [];
  const up: NewChange[] = keep.map((cinemaId) => ({
    cinemaId,
    showId: null,
    entity: 'staff',
    entityId: after.id,
    op: 'upsert',
    data: {
      id: after.id,
      chain_id: after.chain_id,
      cinema_id: cinemaId,
      name: after.name,
      role: after.role,
      pin_hash: after.pin_hash,
      active: after.active,
    },
  }));
  const gone = [...new Set([...beforeCinemas, ...after.cinemas])].filter((c) => !keep.includes(c));
  return [
    ...up,
    ...gone.map((cinemaId): NewChange => ({
      cinemaId,
      showId: null,
      entity: 'staff',
      entityId: after.id,
      op: 'delete',
      data: null,
    })),
  ];
}

async function publish(tx: Tx, id: string, beforeCinemas: readonly string[]): Promise<NewChange[]> {
  const r = await tx.query<{
    id: string;
    chain_id: string;
    name: string;
    role: string;
    pin_hash: string;
    active: boolean;
    cinemas: string[];
  }>(
    `SELECT s.id, s.chain_id, s.name, s.role, s.pin_hash, s.active,
       coalesce(array_agg(sc.cinema_id) FILTER (WHERE sc.cinema_id IS NOT NULL), '{}') AS cinemas
     FROM staff s LEFT JOIN staff_cinemas sc ON sc.staff_id = s.id WHERE s.id = $1 GROUP BY s.id`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such person.');
  return replicaChanges(row, beforeCinemas);
}

/** Creates a person of `cinemaId` (and more cinemas); their PIN is in the answer only. */
export async function createStaff(
  pool: pg.Pool,
  p: StaffPrincipal,
  actor: Actor,
  cinemaId: string,
  body: CreateStaffBody,
  now: Date,
): Promise<{ staff: StaffAdminView; pin: string }> {
  const others = body.otherCinemaIds ?? [];
  mayAssign(p, body.role, others, '/otherCinemaIds');
  const cinemas = [...new Set([cinemaId, ...others])];
  return withTx(pool, async (tx) => {
    const chain = await tx.query<{ chain_id: string }>(
      'SELECT chain_id FROM cinemas WHERE id = $1',
      [cinemaId],
    );
    const chainId = chain.rows[0]?.chain_id;
    if (!chainId) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
    const same = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cinemas WHERE id = ANY($1::uuid[]) AND chain_id = $2',
      [cinemas, chainId],
    );
    if (same.rows[0]?.n !== cinemas.length)
      throw new BoError('BO_VALIDATION', 'A cinema named is not one of this chain.', {
        fields: { '/otherCinemaIds': 'names a cinema that is not one of this chain' },
      });
    const id = randomUUID();
    const pin = newPin(body.role);
    await tx.query(
      'INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash, active) VALUES ($1, $2, $3, $4, $5, $6, true)',
      [id, chainId, cinemaId, body.name, body.role, hashSecret(pin)],
    );
    await tx.query(
      'INSERT INTO staff_cinemas (staff_id, cinema_id) SELECT $1, unnest($2::uuid[])',
      [id, cinemas],
    );
    const after = view(await getRow(tx, id, now));
    await recordEdit(tx, {
      actor,
      action: 'staff.create',
      entity: 'staff',
      entityId: id,
      before: null,
      after: { ...after, pinChanged: true },
      changes: await publish(tx, id, []),
    });
    return { staff: after, pin };
  });
}

/** Changes a person's name, role, cinemas or whether they may sign in. */
export async function updateStaff(
  pool: pg.Pool,
  p: StaffPrincipal,
  actor: Actor,
  id: string,
  patch: StaffPatch,
  now: Date,
): Promise<StaffAdminView> {
  return withTx(pool, async (tx) => {
    await tx.query('SELECT 1 FROM staff WHERE id = $1 FOR UPDATE', [id]);
    const beforeRow = await getRow(tx, id, now);
    const before = view(beforeRow);
    if (p.role !== 'admin' && before.role === 'admin')
      throw new BoError('BO_FORBIDDEN', 'Only admins may change an admin.');
    mayAssign(p, patch.role, patch.cinemaIds ?? [], '/cinemaIds');
    if (
      id === p.id &&
      (patch.active === false || (patch.role !== undefined && patch.role !== before.role))
    )
      throw conflict(
        patch.active === false ? '/active' : '/role',
        'You cannot deactivate yourself or change your own role; ask another manager.',
      );
    if (patch.cinemaIds && p.role !== 'admin') {
      // A manager keeps the person's cinemas they do not manage: they may not take those away.
      const foreign = before.cinemaIds.filter((c) => !p.cinemaIds.includes(c));
      patch = { ...patch, cinemaIds: [...new Set([...patch.cinemaIds, ...foreign])] };
    }
    await tx.query(
      'UPDATE staff SET name = COALESCE($2, name), role = COALESCE($3, role), active = COALESCE($4, active) WHERE id = $1',
      [id, patch.name ?? null, patch.role ?? null, patch.active ?? null],
    );
    if (patch.cinemaIds) {
      await tx.query('DELETE FROM staff_cinemas WHERE staff_id = $1', [id]);
      await tx.query(
        'INSERT INTO staff_cinemas (staff_id, cinema_id) SELECT $1, unnest($2::uuid[])',
        [id, patch.cinemaIds],
      );
    }
    if (
      patch.active === false ||
      (patch.role !== undefined && patch.role !== before.role) ||
      patch.cinemaIds
    )
      // Their tokens carry the old role and cinemas: they sign in again.
      await revokeSessionsOf(
        tx,
        { kind: 'staff', id },
        patch.active === false ? 'deactivated' : 'role-changed',
        now,
      );
    const after = view(await getRow(tx, id, now));
    await recordEdit(tx, {
      actor,
      action:
        patch.active === false
          ? 'staff.deactivate'
          : patch.active === true
            ? 'staff.activate'
            : 'staff.update',
      entity: 'staff',
      entityId: id,
      before,
      after,
      changes: await publish(tx, id, beforeRow.cinema_ids),
    });
    return after;
  });
}

/** A new PIN for a person, shown once; lifts their lockout and ends sessions opened with the old. */
export async function resetPin(
  pool: pg.Pool,
  p: StaffPrincipal,
  actor: Actor,
  id: string,
  now: Date,
): Promise<{ staff: StaffAdminView; pin: string }> {
  return withTx(pool, async (tx) => {
    await tx.query('SELECT 1 FROM staff WHERE id = $1 FOR UPDATE', [id]);
    const before = await getRow(tx, id, now);
    if (p.role !== 'admin' && before.role === 'admin')
      throw new BoError('BO_FORBIDDEN', 'Only admins may reset an admin’s PIN.');
    const pin = newPin(before.role);
    await tx.query('UPDATE staff SET pin_hash = $2 WHERE id = $1', [id, hashSecret(pin)]);
    await tx.query('DELETE FROM pin_lockouts WHERE staff_id = $1', [id]);
    await revokeSessionsOf(tx, { kind: 'staff', id }, 'pin-reset', now);
    const after = view(await getRow(tx, id, now));
    await recordEdit(tx, {
      actor,
      action: 'staff.pin-reset',
      entity: 'staff',
      entityId: id,
      before: view(before),
      after: { ...after, pinChanged: true },
      changes: await publish(tx, id, before.cinema_ids),
    });
    return { staff: after, pin };
  });
}
