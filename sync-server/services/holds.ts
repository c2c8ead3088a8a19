// Seat holds (DESIGN §3): all-or-nothing, with a TTL, one extension, a hard cap, lazy and swept expiry.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { pickBestAvailable } from '../../common/best-available.js';
import { BoError } from '../../common/errors.js';
import { systemActor, type Actor } from './audit.js';
import { makerOf, type HoldClaim } from './hold-owner.js';
import {
  AlreadyApplied,
  endHoldOnce,
  holdSeatsOnce,
  type HoldVerdict,
  type MutationRecord,
} from './hold-sql.js';
import { effectiveState, isFreeFor } from './seat-locks.js';
import { assertOnSale, layoutSeats, showMeta } from './shows.js';
import { withRetry, type Queryable, type Tx } from './tx.js';

export type HoldRequest =
  | { showId: string; seatIds: string[] }
  | {
      showId: string;
      count: number;
      categoryId?: string | undefined;
      accessible?: boolean | undefined;
    };

export type HoldView = {
  holdId: string;
  showId: string;
  seatIds: string[];
  expiresAt: string;
  status: string;
  extended: boolean;
  /** Only in the answer that made an anonymous web hold: the one copy of its secret. */
  holdSecret?: string;
};

export type HoldTimes = { ttlSeconds: number; extendSeconds: number; maxSeconds: number };

/** An unguessable capability: 128 random bits, base64url. */
export function newHoldId(): string {
  return `h_${randomBytes(16).toString('base64url')}`;
}

type BestRequest = {
  count: number;
  categoryId?: string | undefined;
  accessible?: boolean | undefined;
};

async function chooseBestAvailable(
  db: Queryable,
  showId: string,
  layoutId: string,
  req: BestRequest,
  actor: Actor,
  exclude: Set<string>,
): Promise<string[]> {
  const seats = await layoutSeats(db, layoutId);
  const states = await db.query<{
    seat_id: string;
    state: 'available' | 'held' | 'sold' | 'blocked' | 'allocated';
    station_id: string | null;
    hold_expires_at: Date | null;
    hold_status: string | null;
    hold_id: string | null;
    ticket_id: string | null;
    version: number;
  }>({
    name: 'show_seat_states',
    text: `SELECT ss.seat_id, ss.state, ss.station_id, ss.hold_id, ss.ticket_id, ss.version, h.expires_at AS hold_expires_at, h.status AS hold_status
           FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = $1`,
    values: [showId],
  });
  const now = new Date();
  const free = new Set<string>();
  for (const s of states.rows)
    if (!exclude.has(s.seat_id) && isFreeFor(s, actor, now)) free.add(s.seat_id);
  const pick = pickBestAvailable(seats, free, {
    count: req.count,
    ...(req.categoryId === undefined ? {} : { categoryId: req.categoryId }),
    ...(req.accessible === true ? { accessible: true } : {}),
  });
  if (pick === null) {
    throw new BoError(
      'BO_NO_SEATS_FIT',
      `No ${String(req.count)} seats together are free${req.categoryId === undefined ? '' : ' in that category'}. Try fewer seats or another category.`,
    );
  }
  return pick;
}

/** Runs one statement; on a bare pool it is its own transaction, so it is retried here. */
type Run = <T>(statement: () => Promise<T>) => Promise<T>;

async function holdIn(
  db: Queryable,
  run: Run,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
  mutation?: MutationRecord,
): Promise<HoldView> {
  const show = await showMeta(db, req.showId);
  assertOnSale(show);
  const holdId = newHoldId();
  const maker = makerOf(actor);
  // The answer a station mutation stores with the hold is this function's result, less expiresAt.
  const answer = (seatIds: string[]) => ({
    holdId,
    showId: req.showId,
    seatIds: [...seatIds].sort(),
    status: 'active',
    extended: false,
  });
  const attempt = async (seatIds: string[]): Promise<HoldVerdict> => {
    const v = await run(() =>
      holdSeatsOnce(
        db,
        {
          holdId,
          showId: req.showId,
          cinemaId: show.cinemaId,
          seatIds,
          ttlSeconds: times.ttlSeconds,
        },
        actor,
        maker,
        { showId: req.showId, seatIds },
        mutation && { mutation, answer: answer(seatIds) },
      ),
    );
    if (v.prior !== null) throw new AlreadyApplied(v.prior);
    return v;
  };
  let seatIds: string[];
  let verdict: HoldVerdict;
  if ('seatIds' in req) {
    // Seat ids are UUIDs: one spelling per seat, so a seat asked for twice counts once.
    seatIds = [...new Set(req.seatIds.map((id) => id.toLowerCase()))];
    if (seatIds.length === 0) throw new BoError('BO_VALIDATION', 'Choose at least one seat.');
    verdict = await attempt(seatIds);
    if (verdict.missing.length > 0)
      throw new BoError(
        'BO_SEAT_NOT_FOUND',
        `These seats are not part of show ${req.showId}: ${verdict.missing.join(', ')}.`,
        { seatIds: verdict.missing },
      );
    if (verdict.taken.length > 0)
      throw new BoError(
        'BO_SEAT_UNAVAILABLE',
        `${String(verdict.taken.length)} of the seats are no longer available. Choose other seats.`,
        { seatIds: verdict.taken },
      );
  } else {
    // Choose from a plain read, then hold under the lock; a seat lost in between is excluded and we choose again.
    const exclude = new Set<string>();
    for (let n = 0; ; n++) {
      seatIds = await chooseBestAvailable(db, req.showId, show.layoutId, req, actor, exclude);
      verdict = await attempt(seatIds);
      if (verdict.expiresAt !== null) break;
      const lost = [...verdict.missing, ...verdict.taken];
      if (n >= 4)
        throw new BoError('BO_SEAT_UNAVAILABLE', 'The seats are selling fast; try again.', {
          seatIds: lost,
        });
      for (const id of lost) exclude.add(id);
    }
  }
  // Every seat found and free means the hold row was written; anything else is a bug, not a "no".
  if (verdict.expiresAt === null)
    throw new Error(`Hold statement for show ${req.showId} neither held nor refused the seats`);
  const { seatIds: sorted, status, extended } = answer(seatIds);
  return {
    holdId,
    showId: req.showId,
    seatIds: sorted,
    expiresAt: verdict.expiresAt.toISOString(),
    status,
    extended,
    ...(maker.secret === undefined ? {} : { holdSecret: maker.secret }),
  };
}

const inTx: Run = (statement) => statement();
const retried: Run = (statement) => withRetry(statement);

/** Holds seats for a buyer inside the caller's transaction; all or nothing, one statement. */
export async function createHold(
  tx: Tx,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
): Promise<HoldView> {
  return holdIn(tx, inTx, req, actor, times);
}

/**
 * Holds seats without BEGIN/COMMIT: one statement (per best-available attempt), retried on deadlock.
 * With `mutation`, that statement also stores the result as the mutation's ack; AlreadyApplied if it was.
 */
export async function createHoldDirect(
  pool: pg.Pool,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
  mutation?: MutationRecord,
): Promise<HoldView> {
  return holdIn(pool, retried, req, actor, times, mutation);
}

async function endIn(
  db: Queryable,
  run: Run,
  holdId: string,
  actor: Actor,
  how: 'released' | 'expired',
  claim: HoldClaim | null,
  mutation?: MutationRecord,
): Promise<void> {
  const v = await run(() =>
    endHoldOnce(
      db,
      holdId,
      actor,
      how,
      claim,
      mutation && { mutation, answer: releaseAnswer(holdId) },
    ),
  );
  if (v.prior !== null) throw new AlreadyApplied(v.prior);
  if (!v.found)
    throw new BoError('BO_HOLD_NOT_FOUND', 'No such hold. It may have been released already.');
  // A hold no longer active (released twice, sold) or not yet due (an extension raced the sweeper)
  // simply ends nothing; another station's hold was left untouched by the statement.
  if (v.forbidden) throw new BoError('BO_FORBIDDEN', 'This hold belongs to another station.');
}

/** Ends a hold (released by its owner or expired) and gives its seats back to escrow or general sale. */
export async function endHold(
  tx: Tx,
  holdId: string,
  actor: Actor,
  how: 'released' | 'expired',
): Promise<void> {
  await endIn(tx, inTx, holdId, actor, how, null);
}

/** A release mutation's answer. */
export function releaseAnswer(holdId: string): { holdId: string } {
  return { holdId };
}

/**
 * Ends a hold without BEGIN/COMMIT: one statement, retried on deadlock. With `mutation`, that
 * statement also stores releaseAnswer as the mutation's ack; AlreadyApplied if it was applied before.
 */
export async function endHoldDirect(
  pool: pg.Pool,
  holdId: string,
  actor: Actor,
  how: 'released' | 'expired',
  mutation?: MutationRecord,
): Promise<void> {
  await endIn(pool, retried, holdId, actor, how, null, mutation);
}

/** Releases a web hold for whoever owns it (one statement); BO_HOLD_NOT_FOUND for anyone else. */
export async function releaseWebHold(
  pool: pg.Pool,
  holdId: string,
  actor: Actor,
  claim: HoldClaim,
): Promise<void> {
  await endIn(pool, retried, holdId, actor, 'released', claim);
}

/** Releases every hold whose time is up; returns how many. Run by the sweeper. */
export async function sweepExpiredHolds(pool: pg.Pool, limit = 200): Promise<number> {
  const r = await pool.query<{ id: string }>({
    name: 'holds_expired',
    text: "SELECT id FROM holds WHERE status = 'active' AND expires_at <= now() ORDER BY expires_at LIMIT $1",
    values: [limit],
  });
  for (const { id } of r.rows) {
    await endHoldDirect(pool, id, systemActor, 'expired');
  }
  return r.rows.length;
}

/** Lazily-expired seats look free to readers; this is the same rule, exported for seat maps. */
export { effectiveState };
