// Seat holds (DESIGN §3): all-or-nothing, with a TTL, one extension, a hard cap, lazy and swept expiry.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { pickBestAvailable } from '../../common/best-available.js';
import { BoError } from '../../common/errors.js';
import { audit, systemActor, type Actor } from './audit.js';
import { appendSeatChanges } from './change-log.js';
import { assertAllFree, effectiveState, isFreeFor, lockSeats, setSeats } from './seat-locks.js';
import { assertOnSale, layoutSeats, showMeta } from './shows.js';
import { withTx, type Tx } from './tx.js';

export type HoldRequest =
  | { showId: string; seatIds: string[] }
  | { showId: string; count: number; categoryId?: string | undefined; accessible?: boolean | undefined };

export type HoldView = { holdId: string; showId: string; seatIds: string[]; expiresAt: string; status: string; extended: boolean };

export type HoldTimes = { ttlSeconds: number; extendSeconds: number; maxSeconds: number };

/** An unguessable capability: 128 random bits, base64url. */
export function newHoldId(): string {
  return `h_${randomBytes(16).toString('base64url')}`;
}

async function chooseBestAvailable(tx: Tx, showId: string, layoutId: string, req: { count: number; categoryId?: string | undefined; accessible?: boolean | undefined }, actor: Actor, exclude: Set<string>): Promise<string[]> {
  const seats = await layoutSeats(tx, layoutId);
  const states = await tx.query<{ seat_id: string; state: 'available' | 'held' | 'sold' | 'blocked' | 'allocated'; station_id: string | null; hold_expires_at: Date | null; hold_status: string | null; hold_id: string | null; ticket_id: string | null; version: number }>({
    name: 'show_seat_states',
    text: `SELECT ss.seat_id, ss.state, ss.station_id, ss.hold_id, ss.ticket_id, ss.version, h.expires_at AS hold_expires_at, h.status AS hold_status
           FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = $1`,
    values: [showId],
  });
  const now = new Date();
  const free = new Set<string>();
  for (const s of states.rows) if (!exclude.has(s.seat_id) && isFreeFor(s, actor, now)) free.add(s.seat_id);
  const pick = pickBestAvailable(seats, free, { count: req.count, ...(req.categoryId === undefined ? {} : { categoryId: req.categoryId }), ...(req.accessible === true ? { accessible: true } : {}) });
  if (pick === null) {
    throw new BoError('BO_NO_SEATS_FIT', `No ${String(req.count)} seats together are free${req.categoryId === undefined ? '' : ' in that category'}. Try fewer seats or another category.`);
  }
  return pick;
}

/** Holds seats for a buyer in one transaction; all or nothing. */
export async function createHold(tx: Tx, req: HoldRequest, actor: Actor, times: HoldTimes): Promise<HoldView> {
  const show = await showMeta(tx, req.showId);
  assertOnSale(show);
  const holdId = newHoldId();
  let seatIds: string[];
  if ('seatIds' in req) {
    seatIds = [...new Set(req.seatIds)];
    const locked = await lockSeats(tx, req.showId, seatIds);
    assertAllFree(locked, actor, new Date());
  } else {
    // Choose from a plain read, then verify under the lock; a seat lost in between is excluded and we choose again.
    const exclude = new Set<string>();
    for (let attempt = 0; ; attempt++) {
      seatIds = await chooseBestAvailable(tx, req.showId, show.layoutId, req, actor, exclude);
      const locked = await lockSeats(tx, req.showId, seatIds);
      const now = new Date();
      const lost = locked.filter((s) => !isFreeFor(s, actor, now));
      if (lost.length === 0) break;
      if (attempt >= 4) throw new BoError('BO_SEAT_UNAVAILABLE', 'The seats are selling fast; try again.', { seatIds: lost.map((s) => s.seat_id) });
      for (const s of lost) exclude.add(s.seat_id);
    }
  }
  const r = await tx.query<{ expires_at: Date }>({
    name: 'hold_insert',
    text: `INSERT INTO holds (id, show_id, channel, station_id, status, expires_at)
           VALUES ($1, $2, $3, $4, 'active', now() + make_interval(secs => $5)) RETURNING expires_at`,
    values: [holdId, req.showId, actor.channel, actor.stationId ?? null, times.ttlSeconds],
  });
  const changes = await setSeats(tx, req.showId, seatIds, { state: 'held', holdId, stationId: 'keep' });
  await appendSeatChanges(tx, show.cinemaId, req.showId, changes);
  await audit(tx, actor, 'hold', 'hold', holdId, { showId: req.showId, seatIds });
  const expiresAt = r.rows[0]?.expires_at ?? new Date();
  return { holdId, showId: req.showId, seatIds: [...seatIds].sort(), expiresAt: expiresAt.toISOString(), status: 'active', extended: false };
}

type HoldRow = { id: string; show_id: string; status: string; expires_at: Date; created_at: Date; extended: boolean; station_id: string | null; channel: string };

async function lockHold(tx: Tx, holdId: string): Promise<HoldRow> {
  const r = await tx.query<HoldRow>({ name: 'hold_lock', text: 'SELECT id, show_id, status, expires_at, created_at, extended, station_id, channel FROM holds WHERE id = $1 FOR UPDATE', values: [holdId] });
  const row = r.rows[0];
  if (!row) throw new BoError('BO_HOLD_NOT_FOUND', 'No such hold. It may have been released already.');
  return row;
}

async function seatsOfHold(tx: Tx, showId: string, holdId: string): Promise<string[]> {
  const r = await tx.query<{ seat_id: string }>({ name: 'hold_seats', text: 'SELECT seat_id FROM show_seats WHERE show_id = $1 AND hold_id = $2 ORDER BY seat_id', values: [showId, holdId] });
  return r.rows.map((s) => s.seat_id);
}

/** Reads a hold, expiring it lazily if its time is up. */
export async function getHold(pool: pg.Pool, holdId: string): Promise<HoldView> {
  const r = await pool.query<HoldRow>({ name: 'hold_get', text: 'SELECT id, show_id, status, expires_at, created_at, extended, station_id, channel FROM holds WHERE id = $1', values: [holdId] });
  const row = r.rows[0];
  if (!row) throw new BoError('BO_HOLD_NOT_FOUND', 'No such hold. It may have been released already.');
  const status = row.status === 'active' && row.expires_at <= new Date() ? 'expired' : row.status;
  const seats = status === 'active' ? await pool.query<{ seat_id: string }>({ name: 'hold_seats_read', text: 'SELECT seat_id FROM show_seats WHERE show_id = $1 AND hold_id = $2 ORDER BY seat_id', values: [row.show_id, holdId] }) : { rows: [] };
  return { holdId, showId: row.show_id, seatIds: seats.rows.map((s) => s.seat_id), expiresAt: row.expires_at.toISOString(), status, extended: row.extended };
}

/** Ends a hold (released by its owner or expired) and gives its seats back to escrow or general sale. */
export async function endHold(tx: Tx, holdId: string, actor: Actor, how: 'released' | 'expired'): Promise<void> {
  const hold = await lockHold(tx, holdId);
  if (actor.channel === 'station' && hold.station_id !== actor.stationId) throw new BoError('BO_FORBIDDEN', 'This hold belongs to another station.');
  // Releasing twice is harmless; an extension that raced the sweeper keeps the hold alive.
  if (hold.status !== 'active') return;
  if (how === 'expired' && hold.expires_at > new Date()) return;
  const show = await showMeta(tx, hold.show_id);
  const seatIds = await seatsOfHold(tx, hold.show_id, holdId);
  const locked = await lockSeats(tx, hold.show_id, seatIds);
  await tx.query({ name: 'hold_end', text: 'UPDATE holds SET status = $2 WHERE id = $1', values: [holdId, how] });
  const escrowed = locked.filter((s) => s.hold_id === holdId && s.station_id !== null).map((s) => s.seat_id);
  const free = locked.filter((s) => s.hold_id === holdId && s.station_id === null).map((s) => s.seat_id);
  const changes = [
    ...(free.length > 0 ? await setSeats(tx, hold.show_id, free, { state: 'available', holdId: null, stationId: 'keep' }) : []),
    ...(escrowed.length > 0 ? await setSeats(tx, hold.show_id, escrowed, { state: 'allocated', holdId: null, stationId: 'keep' }) : []),
  ];
  await appendSeatChanges(tx, show.cinemaId, hold.show_id, changes);
  await audit(tx, actor, how === 'released' ? 'release' : 'expire', 'hold', holdId, { showId: hold.show_id, seatIds });
}

/** Extends an active hold once (when payment starts), never past the hard cap. */
export async function extendHold(tx: Tx, holdId: string, actor: Actor, times: HoldTimes): Promise<HoldView> {
  const hold = await lockHold(tx, holdId);
  if (hold.status !== 'active' || hold.expires_at <= new Date()) throw new BoError('BO_HOLD_EXPIRED', 'This hold has expired; its seats may be gone. Choose seats again.');
  if (hold.extended) throw new BoError('BO_HOLD_EXTEND_LIMIT', 'This hold was extended once already.');
  const r = await tx.query<{ expires_at: Date }>({
    name: 'hold_extend',
    text: `UPDATE holds SET extended = true,
             expires_at = LEAST(expires_at + make_interval(secs => $2), created_at + make_interval(secs => $3))
           WHERE id = $1 RETURNING expires_at`,
    values: [holdId, times.extendSeconds, times.maxSeconds],
  });
  await audit(tx, actor, 'extend', 'hold', holdId, {});
  const seatIds = await seatsOfHold(tx, hold.show_id, holdId);
  return { holdId, showId: hold.show_id, seatIds, expiresAt: (r.rows[0]?.expires_at ?? hold.expires_at).toISOString(), status: 'active', extended: true };
}

/** Releases every hold whose time is up; returns how many. Run by the sweeper. */
export async function sweepExpiredHolds(pool: pg.Pool, limit = 200): Promise<number> {
  const r = await pool.query<{ id: string }>({ name: 'holds_expired', text: "SELECT id FROM holds WHERE status = 'active' AND expires_at <= now() ORDER BY expires_at LIMIT $1", values: [limit] });
  for (const { id } of r.rows) {
    await withTx(pool, (tx) => endHold(tx, id, systemActor, 'expired'));
  }
  return r.rows.length;
}

/** Lazily-expired seats look free to readers; this is the same rule, exported for seat maps. */
export { effectiveState };
