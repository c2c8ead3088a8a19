// Audit log: who did what, when, through which channel (every seat state change).
import type { Tx } from './tx.js';

/** The one who acts: a web customer (by hold capability), a station, a staff member or the system. */
export type Actor = {
  kind: 'customer' | 'station' | 'staff' | 'system';
  id: string | null;
  channel: 'web' | 'station' | 'admin' | 'system';
  /** Set when the actor is a station (or staff at a station). */
  stationId?: string;
};

/** Records one audit row in the caller's transaction. */
export async function audit(tx: Tx, actor: Actor, action: string, entity: string, entityId: string, details: Record<string, unknown>): Promise<void> {
  await tx.query({
    name: 'audit_insert',
    text: 'INSERT INTO audit_log (actor_kind, actor_id, channel, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    values: [actor.kind, actor.id, actor.channel, action, entity, entityId, JSON.stringify(details)],
  });
}

/** The system itself (sweeper, cut-offs). */
export const systemActor: Actor = { kind: 'system', id: null, channel: 'system' };
