// Best-available under concurrency (DESIGN §3): requests that race for one show all see the same
// free seats and pick the same block, so all but one lose. A loser must not be told "sold out" while
// seats are free: it waits its turn and picks again from what is free at the moment it holds the
// show's lock, so it fails only when no block of its size fits then.
//
// Why this shape: the first attempt stays optimistic (a plain read, then the one-statement hold), so
// an uncontended hold costs what it did. Only a request that lost a race, or arrives while others are
// queued on that show, takes the slow path: one at a time per show in this process (the queue holds no
// pool connection, so a stampede cannot starve the pool), and across processes under a
// transaction-scoped advisory lock on the show, in a short transaction: lock, read, pick, hold, commit.
// Picks under the lock never collide with each other; they can still lose to explicit-seat holds and
// other processes' optimistic attempts, so that loop is bounded too.
import { pickBestAvailable } from '../../common/best-available.js';
import { BoError } from '../../common/errors.js';
import type { Actor } from './audit.js';
import { SHOW_LOCK_SQL } from './hold-limits.js';
import type { HoldVerdict } from './hold-sql.js';
import { isFreeFor, type LockedSeat } from './seat-locks.js';
import { layoutSeats } from './shows.js';
import type { Queryable } from './tx.js';

/** What a best-available request asks for. */
export type BestRequest = {
  count: number;
  categoryId?: string | undefined;
  accessible?: boolean | undefined;
};

/** The seats a best-available hold took and the statement's verdict. */
export type BestPick = { seatIds: string[]; verdict: HoldVerdict };

/** How a best-available hold reaches the database; see holds.ts for the pool and transaction forms. */
export type PickSession = {
  db: Queryable;
  /** One hold statement on its own (retried on deadlock when on a pool). */
  attempt: (seatIds: string[]) => Promise<HoldVerdict>;
  /** Runs `fn` holding the show's advisory lock: in a short transaction of its own on a pool. */
  locked: <T>(showId: string, fn: (q: Queryable) => Promise<T>) => Promise<T>;
  /** The hold statement on the given (locked) connection. */
  statement: (q: Queryable, seatIds: string[]) => Promise<HoldVerdict>;
};

// Picks under the lock lose only to writers that do not take it; a few in a row is already unlikely.
const TURN_ATTEMPTS = 8;

/** Takes the show's advisory lock in the current transaction of `q`. */
export async function lockShow(q: Queryable, showId: string): Promise<void> {
  await q.query({ name: 'hold_show_lock', text: SHOW_LOCK_SQL, values: [showId] });
}

async function chooseBestAvailable(
  db: Queryable,
  show: { id: string; layoutId: string },
  req: BestRequest,
  actor: Actor,
  exclude: ReadonlySet<string>,
): Promise<string[]> {
  const seats = await layoutSeats(db, show.layoutId);
  const states = await db.query<LockedSeat>({
    name: 'show_seat_states',
    text: `SELECT ss.seat_id, ss.state, ss.station_id, ss.hold_id, ss.ticket_id, ss.version, h.expires_at AS hold_expires_at, h.status AS hold_status
           FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = $1`,
    values: [show.id],
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

// Per show: how many requests are in or waiting for their turn, and the end of the queue.
const turns = new Map<string, { waiting: number; tail: Promise<void> }>();

async function inTurn<T>(showId: string, fn: () => Promise<T>): Promise<T> {
  const queue = turns.get(showId) ?? { waiting: 0, tail: Promise.resolve() };
  turns.set(showId, queue);
  queue.waiting++;
  const before = queue.tail;
  let done = (): void => undefined;
  queue.tail = new Promise<void>((resolve) => {
    done = resolve;
  });
  try {
    await before;
    return await fn();
  } finally {
    done();
    if (--queue.waiting === 0) turns.delete(showId);
  }
}

/**
 * Holds the best `req.count` seats together: optimistic first, then in turn under the show's lock
 * until a block fits (BO_NO_SEATS_FIT when none does at the moment of the lock).
 */
export async function holdBestAvailable(
  session: PickSession,
  show: { id: string; layoutId: string },
  req: BestRequest,
  actor: Actor,
): Promise<BestPick> {
  // Someone already queued on this show means a race is on: joining it beats losing it again.
  if (!turns.has(show.id)) {
    const seatIds = await chooseBestAvailable(session.db, show, req, actor, new Set());
    const verdict = await session.attempt(seatIds);
    if (verdict.expiresAt !== null) return { seatIds, verdict };
  }
  return inTurn(show.id, async () => {
    const exclude = new Set<string>();
    for (let n = 1; ; n++) {
      const out = await session.locked(show.id, async (q) => {
        const seatIds = await chooseBestAvailable(q, show, req, actor, exclude);
        return { seatIds, verdict: await session.statement(q, seatIds) };
      });
      if (out.verdict.expiresAt !== null) return out;
      const lost = [...out.verdict.missing, ...out.verdict.taken];
      if (n >= TURN_ATTEMPTS)
        throw new BoError('BO_SEAT_UNAVAILABLE', 'The seats are selling fast; try again.', {
          seatIds: lost,
        });
      for (const id of lost) exclude.add(id);
    }
  });
}
