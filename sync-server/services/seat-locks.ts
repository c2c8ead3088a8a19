// Locking a show's seat rows in seat-id order (DESIGN §3) and telling which are free for whom.
import type { SeatState } from '../../common/seat-map.js';
import type { SeatChange } from '../../common/sync-protocol.js';
import { BoError } from '../../common/errors.js';
import type { Actor } from './audit.js';
import type { Tx } from './tx.js';

/** A seat row as locked, with its hold's expiry joined in. */
export type LockedSeat = {
  seat_id: string;
  state: SeatState;
  hold_id: string | null;
  station_id: string | null;
  ticket_id: string | null;
  version: number;
  hold_expires_at: Date | null;
  hold_status: string | null;
  /** The station whose hold it is; null for a web hold or no hold. */
  hold_station_id: string | null;
};

/**
 * Locks the given seats of a show FOR UPDATE in seat-id order, so concurrent arbitrations never
 * deadlock. Unknown seat ids → BO_SEAT_NOT_FOUND.
 */
export async function lockSeats(
  tx: Tx,
  showId: string,
  seatIds: readonly string[],
): Promise<LockedSeat[]> {
  const unique = [...new Set(seatIds)].sort();
  const r = await tx.query<LockedSeat>({
    name: 'lock_seats',
    text: `SELECT ss.seat_id, ss.state, ss.hold_id, ss.station_id, ss.ticket_id, ss.version, h.expires_at AS hold_expires_at, h.status AS hold_status, h.station_id AS hold_station_id
           FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
           WHERE ss.show_id = $1 AND ss.seat_id = ANY($2::uuid[])
           ORDER BY ss.seat_id FOR UPDATE OF ss`,
    values: [showId, unique],
  });
  if (r.rows.length !== unique.length) {
    const found = new Set(r.rows.map((s) => s.seat_id));
    const missing = unique.filter((id) => !found.has(id));
    throw new BoError(
      'BO_SEAT_NOT_FOUND',
      `These seats are not part of show ${showId}: ${missing.join(', ')}.`,
      { seatIds: missing },
    );
  }
  return withCurrentHolds(tx, r.rows);
}

/**
 * A seat we waited for is re-read at its newest version, but the joined holds row comes from the
 * statement's snapshot, so a hold committed while we waited is missing and the seat would look
 * lapsed. Such holds are read again now (a new statement sees them); this happens only in that race.
 */
async function withCurrentHolds(tx: Tx, seats: LockedSeat[]): Promise<LockedSeat[]> {
  const unseen = seats
    .filter((s) => s.state === 'held' && s.hold_id !== null && s.hold_status === null)
    .map((s) => s.hold_id);
  if (unseen.length === 0) return seats;
  const r = await tx.query<{
    id: string;
    status: string;
    expires_at: Date;
    station_id: string | null;
  }>({
    name: 'lock_seats_holds',
    text: 'SELECT id, status, expires_at, station_id FROM holds WHERE id = ANY($1::text[])',
    values: [unseen],
  });
  const holds = new Map(r.rows.map((h) => [h.id, h]));
  return seats.map((s) => {
    const h = s.hold_status === null && s.hold_id !== null ? holds.get(s.hold_id) : undefined;
    return h === undefined
      ? s
      : {
          ...s,
          hold_status: h.status,
          hold_expires_at: h.expires_at,
          hold_station_id: h.station_id,
        };
  });
}

/** The state a seat really has now: a held seat whose hold lapsed falls back to its escrow or to free. */
export function effectiveState(
  seat: Pick<LockedSeat, 'state' | 'station_id' | 'hold_expires_at' | 'hold_status'>,
  now: Date,
): SeatState {
  if (
    seat.state === 'held' &&
    (seat.hold_status !== 'active' || seat.hold_expires_at === null || seat.hold_expires_at <= now)
  ) {
    return seat.station_id === null ? 'available' : 'allocated';
  }
  return seat.state;
}

/** Whether `actor` may take this seat into a new hold or a direct sale. Web clients never take escrowed seats. */
export function isFreeFor(seat: LockedSeat, actor: Actor, now: Date): boolean {
  const state = effectiveState(seat, now);
  if (state === 'available') return true;
  return (
    state === 'allocated' && actor.stationId !== undefined && seat.station_id === actor.stationId
  );
}

/**
 * A seat held by a hold of the actor's own station: that station's sale takes it, with or without
 * the hold's id. A station sells one basket at a time, so its own hold is that basket's or one its
 * cashier stopped waiting for, and such a late hold must not refuse the sale the counter was told
 * it could still make (the station's outbox delivers the hold first). Found by the chaos run: a
 * counter's late hold took seats of its own escrow, and its offline sales of them were refused; the
 * same late hold refused the counter's online sale of seats nobody else had.
 */
function isOwnHeld(seat: LockedSeat, actor: Actor, now: Date): boolean {
  return (
    actor.stationId !== undefined &&
    seat.hold_station_id === actor.stationId &&
    effectiveState(seat, now) === 'held'
  );
}

/**
 * Throws BO_SEAT_UNAVAILABLE naming the seats `actor` cannot take into a sale: free for it, or held
 * by its own station.
 */
export function assertAllFree(seats: LockedSeat[], actor: Actor, now: Date): void {
  const taken = seats
    .filter((s) => !isFreeFor(s, actor, now) && !isOwnHeld(s, actor, now))
    .map((s) => s.seat_id);
  if (taken.length > 0) {
    throw new BoError(
      'BO_SEAT_UNAVAILABLE',
      `${String(taken.length)} of the seats are no longer available. Choose other seats.`,
      { seatIds: taken },
    );
  }
}

type UpdatedRow = {
  seat_id: string;
  state: SeatState;
  station_id: string | null;
  hold_id: string | null;
  version: number;
};

/** Sets seats' state columns and returns their new states for the change log. */
export async function setSeats(
  tx: Tx,
  showId: string,
  seatIds: readonly string[],
  to: {
    state: SeatState;
    holdId?: string | null;
    stationId?: 'keep' | (string & {}) | null;
    ticketIds?: (string | null)[];
    blockReason?: string | null;
  },
): Promise<SeatChange[]> {
  const stationKeep = to.stationId === undefined || to.stationId === 'keep';
  const r = await tx.query<UpdatedRow>({
    name: 'set_seats',
    text: `UPDATE show_seats ss SET state = $3, hold_id = $4,
             station_id = CASE WHEN $5 THEN ss.station_id ELSE $6::uuid END,
             ticket_id = CASE WHEN $7::uuid[] IS NULL THEN ss.ticket_id ELSE v.ticket_id END,
             block_reason = $8, version = ss.version + 1
           FROM unnest($2::uuid[], $7::uuid[]) WITH ORDINALITY AS v(seat_id, ticket_id, n)
           WHERE ss.show_id = $1 AND ss.seat_id = v.seat_id
           RETURNING ss.seat_id, ss.state, ss.station_id, ss.hold_id, ss.version`,
    values: [
      showId,
      seatIds,
      to.state,
      to.holdId ?? null,
      stationKeep,
      stationKeep ? null : to.stationId,
      to.ticketIds ?? null,
      to.blockReason ?? null,
    ],
  });
  // Never the hold id: changes reach public live sockets, and a hold id is a capability to release it.
  return r.rows.map((s) => ({
    seatId: s.seat_id,
    state: s.state,
    stationId: s.station_id,
    version: s.version,
  }));
}
