// Seat holds (DESIGN §3): all-or-nothing, with a TTL, one extension, a hard cap, lazy and swept expiry.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { systemActor, type Actor } from './audit.js';
import { limitError, seatsPerHoldError, type HoldClient } from './hold-limits.js';
import { makerOf, type HoldClaim } from './hold-owner.js';
import { holdBestAvailable, lockShow } from './hold-pick.js';
import {
  AlreadyApplied,
  endHoldOnce,
  holdSeatsOnce,
  type HoldVerdict,
  type MutationRecord,
} from './hold-sql.js';
import { effectiveState } from './seat-locks.js';
import { assertOnSale, showMeta } from './shows.js';
import { withRetry, withTx, type Queryable, type Tx } from './tx.js';

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

/** Runs one statement; on a bare pool it is its own transaction, so it is retried here. */
type Run = <T>(statement: () => Promise<T>) => Promise<T>;

/** How a hold reaches the database: a caller's transaction, or the pool with retries. */
type Session = {
  db: Queryable;
  run: Run;
  locked: <T>(showId: string, fn: (q: Queryable) => Promise<T>) => Promise<T>;
};

/** Options of a hold: the station mutation it answers, or the web client whose caps apply. */
type HoldOptions = { mutation?: MutationRecord | undefined; client?: HoldClient | undefined };

async function holdIn(
  session: Session,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
  opts: HoldOptions = {},
): Promise<HoldView> {
  const { db, run } = session;
  const { mutation, client } = opts;
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
  const statement = async (q: Queryable, seatIds: string[]): Promise<HoldVerdict> => {
    const v = await holdSeatsOnce(
      q,
      {
        holdId,
        showId: req.showId,
        cinemaId: show.cinemaId,
        seatIds,
        ttlSeconds: times.ttlSeconds,
        client,
      },
      actor,
      maker,
      { showId: req.showId, seatIds },
      mutation && { mutation, answer: answer(seatIds) },
    );
    if (v.prior !== null) throw new AlreadyApplied(v.prior);
    if (v.limit !== null && client !== undefined) throw limitError(v.limit, client.limits);
    if (v.quotaHit)
      throw new BoError(
        'BO_CHANNEL_QUOTA',
        actor.channel === 'web'
          ? 'The seats this show sells online are gone; the rest are sold at the cinema.'
          : 'The seats this show sells at the kiosks are gone; the rest are sold at the counter.',
        { seats: seatIds.length },
      );
    return v;
  };
  const attempt = (seatIds: string[]) => run(() => statement(db, seatIds));
  const tooMany = (n: number) => client !== undefined && n > client.limits.seatsPerHold;
  let seatIds: string[];
  let verdict: HoldVerdict;
  if ('seatIds' in req) {
    // Seat ids are UUIDs: one spelling per seat, so a seat asked for twice counts once.
    seatIds = [...new Set(req.seatIds.map((id) => id.toLowerCase()))];
    if (seatIds.length === 0) throw new BoError('BO_VALIDATION', 'Choose at least one seat.');
    if (client !== undefined && tooMany(seatIds.length)) throw seatsPerHoldError(client.limits);
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
    if (client !== undefined && tooMany(req.count)) throw seatsPerHoldError(client.limits);
    ({ seatIds, verdict } = await holdBestAvailable(
      { db, attempt, locked: session.locked, statement },
      { id: req.showId, layoutId: show.layoutId },
      req,
      actor,
    ));
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

const txSession = (tx: Tx): Session => ({
  db: tx,
  run: inTx,
  locked: async (showId, fn) => {
    await lockShow(tx, showId);
    return fn(tx);
  },
});

const poolSession = (pool: pg.Pool): Session => ({
  db: pool,
  run: retried,
  locked: (showId, fn) =>
    withTx(pool, async (tx) => {
      await lockShow(tx, showId);
      return fn(tx);
    }),
});

/** Holds seats for a buyer inside the caller's transaction; all or nothing, one statement. */
export async function createHold(
  tx: Tx,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
): Promise<HoldView> {
  return holdIn(txSession(tx), req, actor, times);
}

/**
 * Holds seats without BEGIN/COMMIT: one statement (a best-available request that loses a race
 * picks again in a short transaction, see hold-pick.ts), retried on deadlock. With `mutation`, the
 * statement also stores the result as the mutation's ack; AlreadyApplied if it was.
 */
export async function createHoldDirect(
  pool: pg.Pool,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
  mutation?: MutationRecord,
): Promise<HoldView> {
  return holdIn(poolSession(pool), req, actor, times, { mutation });
}

/**
 * A public (web) hold: like createHoldDirect, within `client`'s caps (BO_HOLD_LIMIT beyond them),
 * counted in the statement that takes the seats.
 */
export async function createWebHold(
  pool: pg.Pool,
  req: HoldRequest,
  actor: Actor,
  times: HoldTimes,
  client: HoldClient,
): Promise<HoldView> {
  return holdIn(poolSession(pool), req, actor, times, { client });
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
