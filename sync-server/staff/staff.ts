// Staff as managers manage them (DESIGN §10, §13): create with a PIN shown once, change role and
// cinemas, reset the PIN, deactivate. Each change is audited (never the PIN: `pinChanged: true`) and
// reaches the replicas of every cinema concerned (replica.ts).
import { randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CreateStaffBody, StaffAdminView, StaffPatch } from '../../common/api/admin-staff.js';
import { BoError } from '../../common/errors.js';
import { PIN_MIN_DIGITS, pinProblem } from '../../common/pin-rule.js';
import { hashSecret } from '../../db/secret-hash.js';
import { chainOfStaff, conflict, recordEdit } from '../admin/edit.js';
import type { Principal, StaffRole } from '../identity/principal.js';
import { revokeSessionsOf } from '../identity/sessions.js';
import type { Actor } from '../services/audit.js';
import { withTx, type Tx } from '../services/tx.js';
import { getStaffRow, staffView } from './list.js';
import { publishStaff } from './replica.js';

export { listStaff } from './list.js';

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/** A new PIN for `role`: random, as long as the role needs, never one people guess first. */
export function newPin(role: StaffRole): string {
  for (;;) {
    const pin = Array.from({ length: PIN_MIN_DIGITS[role] }, () => String(randomInt(10))).join('');
    if (pinProblem(pin, role) === null) return pin;
  }
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

/** Refuses a caller of another chain than the person's (admins pass every cinema check). */
async function sameChain(tx: Tx, p: StaffPrincipal, chainId: string): Promise<void> {
  if ((await chainOfStaff(tx, p.id)) !== chainId)
    throw new BoError('BO_FORBIDDEN', 'That person works for another chain.');
}

/** Refuses (400, naming the entry) a cinema that does not exist or is of another chain. */
async function cinemasOfChain(
  tx: Tx,
  cinemas: readonly string[],
  chainId: string,
  field: string,
): Promise<void> {
  const r = await tx.query<{ id: string }>(
    'SELECT id FROM cinemas WHERE id = ANY($1::uuid[]) AND chain_id = $2',
    [cinemas, chainId],
  );
  const known = new Set(r.rows.map((row) => row.id));
  const i = cinemas.findIndex((c) => !known.has(c));
  if (i >= 0)
    throw new BoError('BO_VALIDATION', 'A cinema named is not one of this chain.', {
      fields: { [`${field}/${String(i)}`]: 'is not a cinema of this chain' },
    });
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
  return withTx(pool, async (tx) => {
    const chain = await tx.query<{ chain_id: string }>(
      'SELECT chain_id FROM cinemas WHERE id = $1',
      [cinemaId],
    );
    const chainId = chain.rows[0]?.chain_id;
    if (!chainId) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
    await sameChain(tx, p, chainId);
    await cinemasOfChain(tx, others, chainId, '/otherCinemaIds');
    const id = randomUUID();
    const pin = newPin(body.role);
    await tx.query(
      'INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash, active) VALUES ($1, $2, $3, $4, $5, $6, true)',
      [id, chainId, cinemaId, body.name, body.role, hashSecret(pin)],
    );
    await tx.query(
      'INSERT INTO staff_cinemas (staff_id, cinema_id) SELECT $1, unnest($2::uuid[])',
      [id, [...new Set([cinemaId, ...others])]],
    );
    const after = staffView(await getStaffRow(tx, id, now));
    await recordEdit(tx, {
      actor,
      action: 'staff.create',
      entity: 'staff',
      entityId: id,
      before: null,
      after: { ...after, pinChanged: true },
      changes: await publishStaff(tx, id, []),
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
    const beforeRow = await getStaffRow(tx, id, now);
    const before = staffView(beforeRow);
    await sameChain(tx, p, beforeRow.chain_id);
    if (p.role !== 'admin' && before.role === 'admin')
      throw new BoError('BO_FORBIDDEN', 'Only admins may change an admin.');
    mayAssign(p, patch.role, patch.cinemaIds ?? [], '/cinemaIds');
    if (id === p.id && (patch.active === false || (patch.role ?? before.role) !== before.role))
      throw conflict(
        patch.active === false ? '/active' : '/role',
        'You cannot deactivate yourself or change your own role; ask another manager or an admin.',
      );
    let cinemas = patch.cinemaIds && [...new Set(patch.cinemaIds)];
    if (patch.cinemaIds && cinemas) {
      await cinemasOfChain(tx, patch.cinemaIds, beforeRow.chain_id, '/cinemaIds');
      // A manager keeps the person's cinemas they do not manage: they may not take those away.
      if (p.role !== 'admin')
        cinemas = [
          ...new Set([...cinemas, ...before.cinemaIds.filter((c) => !p.cinemaIds.includes(c))]),
        ];
    }
    await tx.query(
      'UPDATE staff SET name = COALESCE($2, name), role = COALESCE($3, role), active = COALESCE($4, active) WHERE id = $1',
      [id, patch.name ?? null, patch.role ?? null, patch.active ?? null],
    );
    if (cinemas) {
      await tx.query('DELETE FROM staff_cinemas WHERE staff_id = $1', [id]);
      await tx.query(
        'INSERT INTO staff_cinemas (staff_id, cinema_id) SELECT $1, unnest($2::uuid[])',
        [id, cinemas],
      );
      // Their home cinema stays one they work at.
      await tx.query(
        'UPDATE staff SET cinema_id = $2 WHERE id = $1 AND cinema_id IS NOT NULL AND NOT cinema_id = ANY($3::uuid[])',
        [id, cinemas[0], cinemas],
      );
    }
    const roleChanged = (patch.role ?? before.role) !== before.role;
    if (patch.active === false || roleChanged || cinemas)
      // Their tokens carry the old role and cinemas (or they may no longer sign in): they stop now.
      await revokeSessionsOf(
        tx,
        { kind: 'staff', id },
        patch.active === false ? 'deactivated' : 'role-changed',
        now,
      );
    const after = staffView(await getStaffRow(tx, id, now));
    await recordEdit(tx, {
      actor,
      action:
        patch.active === false && before.active
          ? 'staff.deactivate'
          : patch.active === true && !before.active
            ? 'staff.activate'
            : 'staff.update',
      entity: 'staff',
      entityId: id,
      before,
      after,
      changes: await publishStaff(tx, id, beforeRow.cinema_ids),
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
    const before = await getStaffRow(tx, id, now);
    await sameChain(tx, p, before.chain_id);
    if (p.role !== 'admin' && before.role === 'admin')
      throw new BoError('BO_FORBIDDEN', 'Only admins may reset an admin’s PIN.');
    const pin = newPin(before.role);
    await tx.query('UPDATE staff SET pin_hash = $2 WHERE id = $1', [id, hashSecret(pin)]);
    await tx.query('DELETE FROM pin_lockouts WHERE staff_id = $1', [id]);
    await revokeSessionsOf(tx, { kind: 'staff', id }, 'pin-reset', now);
    const after = staffView(await getStaffRow(tx, id, now));
    await recordEdit(tx, {
      actor,
      action: 'staff.pin-reset',
      entity: 'staff',
      entityId: id,
      before: staffView(before),
      after: { ...after, pinChanged: true },
      changes: await publishStaff(tx, id, before.cinema_ids),
    });
    return { staff: after, pin };
  });
}
