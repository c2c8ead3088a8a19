// Applies a batch of change-log rows to the replica in ONE SQLite transaction together with the new
// cursor (DESIGN §4). Seat states only move forward (version); catalog rows (a film, a show, its
// prices) replace the replica's row the way a snapshot does; unknown entities are no-ops.
import { z } from 'zod';
import { seatChangeSchema, type Change, type SeatChange } from '../../../common/sync-protocol.js';
import type { LocalDb } from '../local-db.js';
import { createCollectionApplier } from './apply-collection.js';
import { createOrderApplier, parseOrderData } from './apply-order.js';
import { replicaTables, rowValues, type ReplicaTable } from './row-mapping.js';
import type { SyncStateStore } from './sync-state.js';
import type { SeatsEvent, SyncLog } from './types.js';

const showSeatsData = z.object({ showId: z.uuid(), seats: z.array(seatChangeSchema) });
const rowData = z.record(z.string(), z.unknown());
const revocationData = z.object({
  ticketId: z.uuid(),
  showId: z.uuid(),
  status: z.enum(['void', 'refunded']),
  revokedAt: z.iso.datetime(),
});
const admissionData = z.object({
  admissionId: z.uuid(),
  ticketId: z.uuid(),
  showId: z.uuid(),
  door: z.string().min(1).max(60),
  admittedAt: z.iso.datetime(),
  stationId: z.uuid(),
});
// Tables whose changes carry their own shape (seats, orders) rather than a row as a snapshot sends it.
const SPECIAL = new Set(['show_seats', 'order', 'orders', 'tickets', 'order_items']);

/** What one batch did. */
export type AppliedBatch = { seats: SeatsEvent[]; applied: number; skipped: number };

/** Applies change batches; each call is one transaction that also stores the cursor. */
export type ChangeApplier = (
  changes: Change[],
  cursor: number,
  cinemaId: string | null,
) => AppliedBatch;

/** Prepares the statements for change batches on the replica. */
export function createChangeApplier(
  db: LocalDb,
  state: SyncStateStore,
  log: SyncLog,
): ChangeApplier {
  const c = db.$client;
  const orders = createOrderApplier(db);
  const collected = createCollectionApplier(db);
  // hold_id stays NULL in the replica: hold ids never leave the server, and a station knows the
  // holds it made from their acks (the renderer keeps the id for the sale it belongs to).
  const upsertSeat = c.prepare(`
    INSERT INTO show_seats (show_id, seat_id, state, hold_id, station_id, ticket_id, block_reason, version)
    VALUES (@showId, @seatId, @state, NULL, @stationId, NULL, NULL, @version)
    ON CONFLICT(show_id, seat_id) DO UPDATE SET
      state = excluded.state, hold_id = NULL, station_id = excluded.station_id,
      ticket_id = CASE WHEN excluded.state = 'sold' THEN show_seats.ticket_id ELSE NULL END,
      block_reason = CASE WHEN excluded.state = 'blocked' THEN show_seats.block_reason ELSE NULL END,
      version = excluded.version
    WHERE excluded.version > show_seats.version`);
  const deleteShowSeats = c.prepare('DELETE FROM show_seats WHERE show_id = ?');
  const deleteSeat = c.prepare('DELETE FROM show_seats WHERE show_id = ? AND seat_id = ?');
  const fallbackCinema = c.prepare('SELECT id FROM cinemas LIMIT 1').pluck();
  // A revoked ticket: kept for door scans, and the replica's copy of the ticket (if any) follows it.
  const revoke = c.prepare(
    'INSERT INTO revoked_tickets (ticket_id, show_id, status, revoked_at) VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING',
  );
  // The seats' change before it marked the ticket void; the revocation says whether it was refunded.
  const ticketRevoked = c.prepare('UPDATE tickets SET status = ? WHERE id = ?');
  // A ticket let in at a door of the cinema (issue 18): a door's own earlier admission stays.
  const admitted = c.prepare(
    'INSERT INTO admissions (id, ticket_id, show_id, door, admitted_at, station_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const unknownSeen = new Set<string>();
  const rowStatements = new Map<
    string,
    { upsert: (values: unknown[]) => void; remove: ((id: string) => void) | null }
  >();
  const rowStatementsFor = (t: ReplicaTable) => {
    let s = rowStatements.get(t.name);
    if (s === undefined) {
      const cols = t.columns.map((col) => `"${col.name}"`).join(', ');
      const upsert = c.prepare(
        `INSERT OR REPLACE INTO "${t.name}" (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`,
      );
      const remove = t.columns.some((col) => col.name === 'id')
        ? c.prepare(`DELETE FROM "${t.name}" WHERE id = ?`)
        : null;
      s = {
        upsert: (values) => upsert.run(values),
        remove: remove === null ? null : (id) => remove.run(id),
      };
      rowStatements.set(t.name, s);
    }
    return s;
  };
  // A manager's PIN reset (a new hash) lifts the person's lockout here as it does on the server,
  // so the new PIN works at once; a person who left this cinema leaves no lockout behind.
  const pinHashOf = c.prepare<[string], { pin_hash: string }>(
    'SELECT pin_hash FROM staff WHERE id = ?',
  );
  const unlock = c.prepare<[string]>('DELETE FROM station_pin_lockouts WHERE staff_id = ?');
  // A catalog row change: false when it could not be applied (logged; the cursor still moves on).
  const applyRow = (t: ReplicaTable, ch: Change): boolean => {
    const statements = rowStatementsFor(t);
    if (ch.op === 'delete') {
      if (statements.remove === null) return false;
      statements.remove(ch.entityId);
      if (t.name === 'staff') unlock.run(ch.entityId);
      return true;
    }
    const data = rowData.safeParse(ch.data);
    if (!data.success) return false;
    const newPin =
      t.name === 'staff' && pinHashOf.get(ch.entityId)?.pin_hash !== data.data.pin_hash;
    try {
      statements.upsert(rowValues(t, data.data));
      if (newPin) unlock.run(ch.entityId);
      return true;
    } catch (e) {
      log('error', 'catalog change could not be stored; skipped', {
        seq: ch.seq,
        entity: ch.entity,
        error: e instanceof Error ? e.message : String(e),
      });
      return false;
    }
  };

  const run = c.transaction(
    (changes: Change[], cursor: number, cinemaId: string | null): AppliedBatch => {
      const byShow = new Map<string, SeatChange[]>();
      // The order change follows its seats' change in the same server transaction: remember where each seat was sold.
      const soldIn = new Map<string, string>();
      const now = Date.now();
      let applied = 0;
      let skipped = 0;
      for (const ch of changes) {
        if (ch.entity === 'show_seats') {
          const data = showSeatsData.safeParse(ch.data);
          if (!data.success) {
            if (ch.op === 'delete') {
              deleteShowSeats.run(ch.entityId);
              applied += 1;
              continue;
            }
            skipped += 1;
            log('error', 'malformed show_seats change skipped', {
              seq: ch.seq,
              issues: data.error.issues.slice(0, 3),
            });
            continue;
          }
          const { showId, seats } = data.data;
          const changed: SeatChange[] = [];
          for (const s of seats) {
            if (ch.op === 'delete') {
              deleteSeat.run(showId, s.seatId);
              continue;
            }
            const r = upsertSeat.run({
              showId,
              seatId: s.seatId,
              state: s.state,
              stationId: s.stationId,
              version: s.version,
            });
            if (r.changes === 0) continue;
            changed.push(s);
            if (s.state === 'sold') soldIn.set(s.seatId, showId);
            else orders.seatUnsold(showId, s.seatId);
          }
          if (changed.length > 0) byShow.set(showId, [...(byShow.get(showId) ?? []), ...changed]);
          applied += 1;
        } else if (ch.entity === 'order') {
          if (ch.op === 'delete') {
            orders.remove(ch.entityId);
            applied += 1;
            continue;
          }
          const order = parseOrderData(ch.data);
          if (order === null) {
            skipped += 1;
            log('error', 'malformed order change skipped', { seq: ch.seq });
            continue;
          }
          const seatIds = order.tickets.map((t) => t.seatId);
          const showId = order.showId ?? soldIn.get(seatIds[0] ?? '') ?? orders.guessShow(seatIds);
          if (showId === null && order.tickets.length > 0)
            log('warn', 'order change without a known show: tickets not stored', {
              orderId: order.orderId,
            });
          const cinema = cinemaId ?? (fallbackCinema.get() as string | undefined) ?? '';
          orders.upsert(order, showId, cinema, now);
          applied += 1;
        } else if (ch.entity === 'ticket_revocation') {
          const data = revocationData.safeParse(ch.data);
          if (!data.success) {
            skipped += 1;
            log('error', 'malformed ticket revocation skipped', { seq: ch.seq });
            continue;
          }
          const r = data.data;
          revoke.run(r.ticketId, r.showId, r.status, Date.parse(r.revokedAt));
          ticketRevoked.run(r.status, r.ticketId);
          applied += 1;
        } else if (ch.entity === 'ticket_admission') {
          const data = admissionData.safeParse(ch.data);
          if (!data.success) {
            skipped += 1;
            log('error', 'malformed ticket admission skipped', { seq: ch.seq });
            continue;
          }
          const a = data.data;
          admitted.run(
            a.admissionId,
            a.ticketId,
            a.showId,
            a.door,
            Date.parse(a.admittedAt),
            a.stationId,
          );
          applied += 1;
        } else if (ch.entity === 'booking_collection') {
          if (collected(ch.data)) applied += 1;
          else {
            skipped += 1;
            log('error', 'malformed booking collection skipped', { seq: ch.seq });
          }
        } else if (!SPECIAL.has(ch.entity) && replicaTables.has(ch.entity)) {
          const table = replicaTables.get(ch.entity);
          if (table !== undefined && applyRow(table, ch)) applied += 1;
          else skipped += 1;
        } else {
          // Entities this station version does not know yet: the cursor still moves past them.
          if (!unknownSeen.has(ch.entity)) {
            unknownSeen.add(ch.entity);
            log('info', 'change of an unknown entity ignored', { entity: ch.entity });
          }
          skipped += 1;
        }
      }
      state.setCursor(cursor, new Date(now).toISOString());
      return { seats: [...byShow].map(([showId, seats]) => ({ showId, seats })), applied, skipped };
    },
  );

  return (changes, cursor, cinemaId) => run(changes, cursor, cinemaId);
}
