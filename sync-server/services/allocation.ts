// Escrow for offline sale (DESIGN §5) and manager blocks: seats set aside with a reason.
import { pickBestAvailable } from '../../common/best-available.js';
import { BoError } from '../../common/errors.js';
import type { SeatChange } from '../../common/sync-protocol.js';
import { audit, type Actor } from './audit.js';
import { appendSeatChanges } from './change-log.js';
import { effectiveState, lockSeats, setSeats } from './seat-locks.js';
import { layoutSeats, showMeta } from './shows.js';
import type { Tx } from './tx.js';

type StateRow = {
  seat_id: string;
  state: SeatChange['state'];
  station_id: string | null;
  hold_expires_at: Date | null;
  hold_status: string | null;
};

async function states(tx: Tx, showId: string): Promise<StateRow[]> {
  const r = await tx.query<StateRow>({
    name: 'alloc_states',
    text: `SELECT ss.seat_id, ss.state, ss.station_id, h.expires_at AS hold_expires_at, h.status AS hold_status
           FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = $1`,
    values: [showId],
  });
  return r.rows;
}

/**
 * Tops up this station's escrow on a show to `perCategory` seats in each category (adjacent where
 * possible). Idempotent: seats it already has count. Returns every seat now allocated to it.
 */
export async function allocateSeats(
  tx: Tx,
  input: { showId: string; perCategory: number },
  actor: Actor,
): Promise<{ showId: string; seatIds: string[] }> {
  const stationId = actor.stationId;
  if (stationId === undefined)
    throw new BoError('BO_FORBIDDEN', 'Only stations hold seats in escrow.');
  const show = await showMeta(tx, input.showId);
  const seats = await layoutSeats(tx, show.layoutId);
  const now = new Date();
  const rows = await states(tx, input.showId);
  const mine = new Set(
    rows
      .filter((s) => s.station_id === stationId && effectiveState(s, now) === 'allocated')
      .map((s) => s.seat_id),
  );
  const free = new Set(
    rows.filter((s) => effectiveState(s, now) === 'available').map((s) => s.seat_id),
  );
  const wanted: string[] = [];
  for (const categoryId of new Set(seats.map((s) => s.categoryId))) {
    const have = seats.filter((s) => s.categoryId === categoryId && mine.has(s.id)).length;
    for (let n = input.perCategory - have; n > 0; n--) {
      const pick = pickBestAvailable(seats, free, { count: n, categoryId });
      if (pick) {
        wanted.push(...pick);
        break;
      }
    }
  }
  if (wanted.length > 0) {
    const locked = await lockSeats(tx, input.showId, wanted);
    const stillFree = locked
      .filter((s) => effectiveState(s, now) === 'available')
      .map((s) => s.seat_id);
    const changes = await setSeats(tx, input.showId, stillFree, {
      state: 'allocated',
      holdId: null,
      stationId,
    });
    await appendSeatChanges(tx, show.cinemaId, input.showId, changes);
    await audit(tx, actor, 'allocate', 'show', input.showId, { stationId, seatIds: stillFree });
    for (const id of stillFree) mine.add(id);
  }
  return { showId: input.showId, seatIds: [...mine].sort() };
}

/** Gives a station's escrowed seats (all, or the listed ones) back to general sale. */
export async function deallocateSeats(
  tx: Tx,
  input: { showId: string; seatIds?: string[] | undefined },
  actor: Actor,
): Promise<{ showId: string; seatIds: string[] }> {
  const stationId = actor.stationId;
  if (stationId === undefined)
    throw new BoError(
      'BO_FORBIDDEN',
      'Only the station that holds seats in escrow can give them back.',
    );
  const show = await showMeta(tx, input.showId);
  const now = new Date();
  const candidates =
    input.seatIds ??
    (await states(tx, input.showId))
      .filter((s) => s.station_id === stationId)
      .map((s) => s.seat_id);
  if (candidates.length === 0) return { showId: input.showId, seatIds: [] };
  const locked = await lockSeats(tx, input.showId, candidates);
  const back = locked
    .filter((s) => s.station_id === stationId && effectiveState(s, now) === 'allocated')
    .map((s) => s.seat_id);
  const changes = await setSeats(tx, input.showId, back, {
    state: 'available',
    holdId: null,
    stationId: null,
  });
  await appendSeatChanges(tx, show.cinemaId, input.showId, changes);
  await audit(tx, actor, 'deallocate', 'show', input.showId, { stationId, seatIds: back });
  return { showId: input.showId, seatIds: back.sort() };
}

/** Blocks free seats (house seats, broken seats) with a reason; all or nothing. */
export async function blockSeats(
  tx: Tx,
  input: { showId: string; seatIds: string[]; reason: string },
  actor: Actor,
): Promise<{ showId: string; seatIds: string[] }> {
  const show = await showMeta(tx, input.showId);
  const locked = await lockSeats(tx, input.showId, input.seatIds);
  const now = new Date();
  const taken = locked
    .filter((s) => effectiveState(s, now) !== 'available' && effectiveState(s, now) !== 'blocked')
    .map((s) => s.seat_id);
  if (taken.length > 0)
    throw new BoError(
      'BO_SEAT_UNAVAILABLE',
      'Only free seats can be blocked; these are held, sold or in escrow.',
      { seatIds: taken },
    );
  const changes = await setSeats(tx, input.showId, input.seatIds, {
    state: 'blocked',
    holdId: null,
    stationId: null,
    blockReason: input.reason,
  });
  await appendSeatChanges(tx, show.cinemaId, input.showId, changes);
  await audit(tx, actor, 'block', 'show', input.showId, {
    seatIds: input.seatIds,
    reason: input.reason,
  });
  return { showId: input.showId, seatIds: [...input.seatIds].sort() };
}

/** Unblocks blocked seats; they become available. */
export async function unblockSeats(
  tx: Tx,
  input: { showId: string; seatIds: string[] },
  actor: Actor,
): Promise<{ showId: string; seatIds: string[] }> {
  const show = await showMeta(tx, input.showId);
  const locked = await lockSeats(tx, input.showId, input.seatIds);
  const blocked = locked.filter((s) => s.state === 'blocked').map((s) => s.seat_id);
  const changes = await setSeats(tx, input.showId, blocked, {
    state: 'available',
    holdId: null,
    stationId: null,
    blockReason: null,
  });
  await appendSeatChanges(tx, show.cinemaId, input.showId, changes);
  await audit(tx, actor, 'unblock', 'show', input.showId, { seatIds: blocked });
  return { showId: input.showId, seatIds: blocked.sort() };
}
