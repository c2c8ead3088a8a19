// Audit log: who did what, when, through which channel (every seat state change).
import type { Tx } from './tx.js';

/** The one who acts: a web customer (signed in, or anonymous with a hold secret), a station, a staff member or the system. */
export type Actor = {
  kind: 'customer' | 'station' | 'staff' | 'system';
  id: string | null;
  channel: 'web' | 'station' | 'admin' | 'system';
  /** Set when the actor is a station (or staff at a station). */
  stationId?: string;
};

/** One audit row: who did what to which entity, with its details. */
export type AuditEntry = {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
};

/** The values of an audit row in the column order of AUDIT_COLUMNS, so every writer maps them alike. */
export function auditValues(e: AuditEntry): unknown[] {
  return [
    e.actor.kind,
    e.actor.id,
    e.actor.channel,
    e.action,
    e.entity,
    e.entityId,
    JSON.stringify(e.details),
  ];
}

/** The audit_log columns auditValues fills, in its order. */
export const AUDIT_COLUMNS = 'actor_kind, actor_id, channel, action, entity, entity_id, details';

/** Records one audit row in the caller's transaction. */
export async function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await tx.query({
    name: 'audit_insert',
    text: `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    values: auditValues({ actor, action, entity, entityId, details }),
  });
}

/** The system itself (sweeper, cut-offs). */
export const systemActor: Actor = { kind: 'system', id: null, channel: 'system' };
