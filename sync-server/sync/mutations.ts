// Station mutations, each applied at most once: the applied_mutations row is written in the same
// transaction as the effect, and a replay gets the original answer (DESIGN §4). Holds and releases
// write it in their one statement (hold-sql.ts); the other kinds in a transaction around their work.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { BoError, type WireError } from '../../common/errors.js';
import { mutationPayloads, type MutateMsg, type ServerMsg } from '../../common/sync-protocol.js';
import {
  allocateSeats,
  blockSeats,
  deallocateSeats,
  unblockSeats,
} from '../services/allocation.js';
import type { Actor } from '../services/audit.js';
import { AlreadyApplied, type StoredAnswer } from '../services/hold-sql.js';
import {
  createHoldDirect,
  endHoldDirect,
  releaseAnswer,
  type HoldTimes,
} from '../services/holds.js';
import { voidTickets } from '../services/sale-voids.js';
import { sellSeats } from '../services/sales.js';
import { showMeta } from '../services/shows.js';
import { certifyStation } from '../services/signing.js';
import { applyTillUpload } from '../tills/upload.js';
import { applyAdmission } from '../door/admit.js';
import { applyCollection } from '../pickup/collect.js';
import { checkCounterTenders, checkStationStaff } from './station-checks.js';
import { isUniqueViolation, withTx, type Queryable, type Tx } from '../services/tx.js';

/** What applying a mutation needs besides its transaction. */
type MutationOptions = { pool: pg.Pool; signingKey: string };

/** The authenticated station a mutation comes from. */
export type StationIdentity = { id: string; cinemaId: string; name: string };

type Outcome = Extract<ServerMsg, { type: 'ack' } | { type: 'reject' }>;

// showMeta is cached and a show never changes cinema, so on the hold path this costs no round trip.
async function checkShow(db: Queryable, station: StationIdentity, showId: string): Promise<void> {
  const show = await showMeta(db, showId);
  if (show.cinemaId !== station.cinemaId)
    throw new BoError('BO_FORBIDDEN', 'This show belongs to another cinema.');
}

const actorOf = (station: StationIdentity): Actor => ({
  kind: 'station',
  id: station.id,
  channel: 'station',
  stationId: station.id,
});

/** Holds and releases: no BEGIN/COMMIT, their one statement writes the ack with the effect. */
async function runDirect(
  pool: pg.Pool,
  station: StationIdentity,
  msg: MutateMsg & { kind: 'hold' | 'release' },
  times: HoldTimes,
  payloadHash: string,
): Promise<unknown> {
  const mutation = { id: msg.id, stationId: station.id, kind: msg.kind, payloadHash };
  if (msg.kind === 'hold') {
    const p = mutationPayloads.hold.parse(msg.payload);
    await checkShow(pool, station, p.showId);
    return createHoldDirect(pool, p, actorOf(station), times, mutation);
  }
  const p = mutationPayloads.release.parse(msg.payload);
  await endHoldDirect(pool, p.holdId, actorOf(station), 'released', mutation);
  return releaseAnswer(p.holdId);
}

async function run(
  tx: Tx,
  station: StationIdentity,
  msg: MutateMsg,
  opts: MutationOptions,
): Promise<unknown> {
  const actor = actorOf(station);
  switch (msg.kind) {
    case 'hold':
    case 'release':
      throw new Error(`${msg.kind} mutations take the direct path`);
    case 'sell': {
      const p = mutationPayloads.sell.parse(msg.payload);
      // Training sales stay at their station: one that arrives was sent by mistake and must not count.
      if (p.training)
        throw new BoError(
          'BO_VALIDATION',
          'Training sales stay at the counter and never reach the server; nothing was sold.',
        );
      const tenders = checkCounterTenders(p);
      await checkShow(tx, station, p.showId);
      await checkStationStaff(tx, station.cinemaId, p.staffId, 'staff', 'cashier of this sale');
      const { changeMinor: _change, ...sale0 } = p;
      // An offline sale belongs to the cinema day it was made on, not the day it reached us.
      const soldAt = msg.offline ? new Date(msg.createdAt) : undefined;
      const sale = await sellSeats(tx, { ...sale0, tenders, offline: msg.offline, soldAt }, actor);
      return {
        orderId: sale.orderId,
        tickets: sale.tickets,
        totalMinor: sale.priced.totalMinor,
        taxMinor: sale.priced.taxMinor,
        currency: sale.priced.currency,
      };
    }
    case 'void': {
      const p = mutationPayloads.void.parse(msg.payload);
      await checkStationStaff(tx, station.cinemaId, p.staffId, 'staff', 'cashier of this void');
      if (p.refund && p.approvedBy === undefined)
        throw new BoError(
          'BO_FORBIDDEN',
          'A refund needs the approving manager. Ask a manager to enter their PIN at the counter.',
        );
      if (p.approvedBy !== undefined)
        await checkStationStaff(tx, station.cinemaId, p.approvedBy, 'manager', 'approving manager');
      return voidTickets(tx, p, actor);
    }
    case 'allocate': {
      const p = mutationPayloads.allocate.parse(msg.payload);
      await checkShow(tx, station, p.showId);
      return allocateSeats(tx, p, actor);
    }
    case 'deallocate': {
      const p = mutationPayloads.deallocate.parse(msg.payload);
      await checkShow(tx, station, p.showId);
      return deallocateSeats(tx, p, actor);
    }
    case 'block': {
      const p = mutationPayloads.block.parse(msg.payload);
      await checkShow(tx, station, p.showId);
      return blockSeats(tx, p, actor);
    }
    case 'unblock': {
      const p = mutationPayloads.unblock.parse(msg.payload);
      await checkShow(tx, station, p.showId);
      return unblockSeats(tx, p, actor);
    }
    case 'certify': {
      const p = mutationPayloads.certify.parse(msg.payload);
      await tx.query('UPDATE stations SET public_key = $2 WHERE id = $1', [
        station.id,
        p.publicKey,
      ]);
      return certifyStation(opts.pool, opts.signingKey, station.id, p.publicKey);
    }
    case 'till':
      return applyTillUpload(tx, station, mutationPayloads.till.parse(msg.payload), actor);
    case 'admit':
      return applyAdmission(tx, station, mutationPayloads.admit.parse(msg.payload), actor);
    case 'collect':
      return applyCollection(tx, station, mutationPayloads.collect.parse(msg.payload));
  }
}

function answerOf(id: string, s: StoredAnswer): Outcome {
  if (s.outcome === 'ack') return { type: 'ack', id, result: s.result };
  const e = s.result as WireError;
  return { type: 'reject', id, code: e.code, message: e.message };
}

/** The hash that ties a mutation id to what it asked for: its kind and payload as sent. */
export function payloadHashOf(msg: Pick<MutateMsg, 'kind' | 'payload'>): string {
  return createHash('sha256')
    .update(JSON.stringify([msg.kind, msg.payload ?? null]))
    .digest('hex');
}

/**
 * The stored answer, only for the station that sent the mutation with the same payload: another
 * station's id (or the same id with another payload) is refused and learns nothing of the first.
 */
function replayAnswer(
  id: string,
  s: StoredAnswer,
  station: StationIdentity,
  payloadHash: string,
): Outcome {
  if (s.stationId !== station.id || (s.payloadHash !== null && s.payloadHash !== payloadHash))
    return {
      type: 'reject',
      id,
      code: 'BO_IDEMPOTENCY_MISMATCH',
      message:
        'This mutation id was already used for a different request. Send a new request with a new id.',
    };
  return answerOf(id, s);
}

async function stored(pool: pg.Pool, id: string): Promise<StoredAnswer | null> {
  const r = await pool.query<{
    outcome: string;
    result: unknown;
    station_id: string;
    payload_hash: string | null;
  }>({
    name: 'mutation_stored',
    text: 'SELECT outcome, result, station_id, payload_hash FROM applied_mutations WHERE id = $1',
    values: [id],
  });
  const row = r.rows[0];
  return row
    ? {
        outcome: row.outcome === 'ack' ? 'ack' : 'reject',
        result: row.result,
        stationId: row.station_id,
        payloadHash: row.payload_hash,
      }
    : null;
}

function toWireError(e: unknown): WireError | null {
  if (e instanceof BoError) return { code: e.code, message: e.message };
  if (typeof e === 'object' && e !== null && 'issues' in e) {
    const message = (e as { message?: unknown }).message;
    return {
      code: 'BO_VALIDATION',
      message:
        `Invalid mutation payload: ${typeof message === 'string' ? message : 'it does not match its kind'}`.slice(
          0,
          500,
        ),
    };
  }
  return null;
}

/** Applies a station mutation once; a replay (same id) returns the first answer and changes nothing. */
export async function applyMutation(
  pool: pg.Pool,
  station: StationIdentity,
  msg: MutateMsg,
  times: HoldTimes,
  signingKey = '',
): Promise<Outcome> {
  // No look-up first: the applied_mutations row is written with the effect, and its primary key
  // decides. A replay (or a concurrent duplicate) either fails on its own — seats taken by the
  // original — or hits that key and is undone; both answer with what was stored.
  const payloadHash = payloadHashOf(msg);
  const storedAnswer = async (): Promise<Outcome | null> => {
    const s = await stored(pool, msg.id);
    return s ? replayAnswer(msg.id, s, station, payloadHash) : null;
  };
  try {
    if (msg.kind === 'hold' || msg.kind === 'release') {
      return {
        type: 'ack',
        id: msg.id,
        result: await runDirect(pool, station, { ...msg, kind: msg.kind }, times, payloadHash),
      };
    }
    return await withTx(pool, async (tx) => {
      const result = await run(tx, station, msg, { pool, signingKey });
      const recorded = await tx.query({
        name: 'mutation_record',
        text: "INSERT INTO applied_mutations (id, station_id, kind, outcome, result, payload_hash) VALUES ($1, $2, $3, 'ack', $4, $5) ON CONFLICT (id) DO NOTHING",
        values: [msg.id, station.id, msg.kind, JSON.stringify(result ?? null), payloadHash],
      });
      if (recorded.rowCount === 0) throw new ReplayRace();
      return { type: 'ack' as const, id: msg.id, result };
    });
  } catch (e) {
    // The hold/release statement saw the mutation's row and did nothing.
    if (e instanceof AlreadyApplied) return replayAnswer(msg.id, e.stored, station, payloadHash);
    if (e instanceof ReplayRace || isUniqueViolation(e, 'applied_mutations_pkey'))
      return (
        (await storedAnswer()) ?? {
          type: 'reject',
          id: msg.id,
          code: 'BO_UNAVAILABLE',
          message: 'Try again.',
        }
      );
    const wire = toWireError(e);
    if (wire === null) throw e;
    // A busy server is not an answer: the station keeps the mutation and sends it again.
    if (wire.code === 'BO_UNAVAILABLE')
      return { type: 'reject', id: msg.id, code: wire.code, message: wire.message };
    // RETURNING tells whether this reject is the stored answer; only when a duplicate stored one
    // first is a second look-up needed (in a new statement, whose snapshot can see that row).
    const recorded = await pool.query({
      name: 'mutation_reject',
      text: "INSERT INTO applied_mutations (id, station_id, kind, outcome, result, payload_hash) VALUES ($1, $2, $3, 'reject', $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id",
      values: [msg.id, station.id, msg.kind, JSON.stringify(wire), payloadHash],
    });
    if (recorded.rowCount === 1)
      return { type: 'reject', id: msg.id, code: wire.code, message: wire.message };
    return (
      (await storedAnswer()) ?? {
        type: 'reject',
        id: msg.id,
        code: wire.code,
        message: wire.message,
      }
    );
  }
}

class ReplayRace extends Error {}
