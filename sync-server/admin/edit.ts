// What every admin edit does besides its own write (DESIGN §13): one audit row with the state
// before and after, and the change-log rows that carry the edited replica rows to the stations of
// each affected cinema, in the edit's own transaction.
import { BoError } from '../../common/errors.js';
import type { FieldErrors } from '../../common/api/admin-common.js';
import type { Actor } from '../services/audit.js';
import { appendChangesWithAudit, type NewChange } from '../services/change-log.js';
import type { Tx } from '../services/tx.js';

/** Records an admin edit: audit (before/after) and replica changes, in `tx`. */
export async function recordEdit(
  tx: Tx,
  e: {
    actor: Actor;
    action: string;
    entity: string;
    entityId: string;
    before: unknown;
    after: unknown;
    changes: readonly NewChange[];
  },
): Promise<void> {
  await appendChangesWithAudit(tx, e.changes, {
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    details: { before: e.before ?? null, after: e.after ?? null },
  });
}

/** Upserts of one replica row to each of `cinemaIds`. */
export function rowChanges(
  table: string,
  row: Record<string, unknown> & { id: string },
  cinemaIds: readonly string[],
): NewChange[] {
  return cinemaIds.map((cinemaId) => ({
    cinemaId,
    showId: null,
    entity: table,
    entityId: row.id,
    op: 'upsert',
    data: row,
  }));
}

/** A refused edit: 400 BO_VALIDATION naming each field (JSON pointer) and what is wrong with it. */
export function invalid(fields: FieldErrors): BoError {
  const first = Object.entries(fields)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v}`);
  return new BoError('BO_VALIDATION', `Not saved: ${first.join('; ')}.`, { fields });
}

/** A refused edit that conflicts with what exists: 409 BO_CONFLICT naming the field. */
export function conflict(field: string, message: string): BoError {
  return new BoError('BO_CONFLICT', message, { fields: { [field]: message } });
}

/** The chain of a staff member (their films, their cinemas); BO_FORBIDDEN if they have none. */
export async function chainOfStaff(tx: Tx | import('pg').Pool, staffId: string): Promise<string> {
  const r = await tx.query<{ chain_id: string }>('SELECT chain_id FROM staff WHERE id = $1', [
    staffId,
  ]);
  const chain = r.rows[0]?.chain_id;
  if (!chain) throw new BoError('BO_FORBIDDEN', 'Only staff of a chain may do this.');
  return chain;
}
