// What the stations' replicas get when a person changes (DESIGN §10): the row as the snapshot
// shapes it (sync/snapshot.ts, table 'staff': only cashiers and managers, cinema_id = the receiving
// cinema) to each cinema they work at, and a delete to every other cinema concerned, so no replica
// keeps the PIN hash of someone who left it or became an admin.
import { BoError } from '../../common/errors.js';
import type { NewChange } from '../services/change-log.js';
import type { Tx } from '../services/tx.js';

/** A person with the columns the replica keeps and the cinemas they work at. */
export type StaffReplicaRow = {
  id: string;
  chain_id: string;
  name: string;
  role: string;
  pin_hash: string;
  active: boolean;
  cinemas: string[];
};

/** The replica changes for a person: their row to each cinema they work at, a delete to the others. */
export function replicaChanges(
  after: StaffReplicaRow,
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

/** Reads the person as they are now in `tx` and makes their replica changes. */
export async function publishStaff(
  tx: Tx,
  id: string,
  beforeCinemas: readonly string[],
): Promise<NewChange[]> {
  const r = await tx.query<StaffReplicaRow>(
    `SELECT s.id, s.chain_id, s.name, s.role, s.pin_hash, s.active,
       coalesce(array_agg(sc.cinema_id ORDER BY sc.cinema_id) FILTER (WHERE sc.cinema_id IS NOT NULL), '{}') AS cinemas
     FROM staff s LEFT JOIN staff_cinemas sc ON sc.staff_id = s.id WHERE s.id = $1 GROUP BY s.id`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such person.');
  return replicaChanges(row, beforeCinemas);
}
