// Station mutations, each applied at most once: the applied_mutations row is written in the same
// transaction as the effect, and a replay gets the original answer (DESIGN §4).
import type pg from 'pg';
import { BoError, type WireError } from '../../common/errors.js';
import { mutationPayloads, type MutateMsg, type ServerMsg } from '../../common/sync-protocol.js';
import { allocateSeats, blockSeats, deallocateSeats, unblockSeats } from '../services/allocation.js';
import type { Actor } from '../services/audit.js';
import { createHold, endHold, type HoldTimes } from '../services/holds.js';
import { sellSeats, voidTickets } from '../services/sales.js';
import { showMeta } from '../services/shows.js';
import { certifyStation } from '../services/signing.js';
import { withTx, type Tx } from '../services/tx.js';

/** What applying a mutation needs besides its transaction. */
type MutationOptions = { times: HoldTimes; pool: pg.Pool; signingKey: string };

/** The authenticated station a mutation comes from. */
export type StationIdentity = { id: string; cinemaId: string; name: string };

type Outcome = Extract<ServerMsg, { type: 'ack' } | { type: 'reject' }>;

async function checkShow(tx: Tx, station: StationIdentity, showId: string): Promise<void> {
  const show = await showMeta(tx, showId);
  if (show.cinemaId !== station.cinemaId) throw new BoError('BO_FORBIDDEN', 'This show belongs to another cinema.');
}

async function run(tx: Tx, station: StationIdentity, msg: MutateMsg, opts: MutationOptions): Promise<unknown> {
  const { times } = opts;
  const actor: Actor = { kind: 'station', id: station.id, channel: 'station', stationId: station.id };
  switch (msg.kind) {
    case 'hold': {
      const p = mutationPayloads.hold.parse(msg.payload);
      await checkShow(tx, station, p.showId);
      return createHold(tx, p, actor, times);
    }
    case 'release': {
      const p = mutationPayloads.release.parse(msg.payload);
      await endHold(tx, p.holdId, actor, 'released');
      return { holdId: p.holdId };
    }
    case 'sell': {
      const p = mutationPayloads.sell.parse(msg.payload);
      await checkShow(tx, station, p.showId);
      const sale = await sellSeats(tx, { ...p, offline: msg.offline }, actor);
      return { orderId: sale.orderId, tickets: sale.tickets, totalMinor: sale.priced.totalMinor, taxMinor: sale.priced.taxMinor, currency: sale.priced.currency };
    }
    case 'void': {
      const p = mutationPayloads.void.parse(msg.payload);
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
      await tx.query('UPDATE stations SET public_key = $2 WHERE id = $1', [station.id, p.publicKey]);
      return certifyStation(opts.pool, opts.signingKey, station.id, p.publicKey);
    }
  }
}

async function stored(pool: pg.Pool, id: string): Promise<Outcome | null> {
  const r = await pool.query<{ outcome: string; result: unknown }>({ name: 'mutation_stored', text: 'SELECT outcome, result FROM applied_mutations WHERE id = $1', values: [id] });
  const row = r.rows[0];
  if (!row) return null;
  if (row.outcome === 'ack') return { type: 'ack', id, result: row.result };
  const e = row.result as WireError;
  return { type: 'reject', id, code: e.code, message: e.message };
}

function toWireError(e: unknown): WireError | null {
  if (e instanceof BoError) return { code: e.code, message: e.message };
  if (typeof e === 'object' && e !== null && 'issues' in e) {
    const message = (e as { message?: unknown }).message;
    return { code: 'BO_VALIDATION', message: `Invalid mutation payload: ${typeof message === 'string' ? message : 'it does not match its kind'}`.slice(0, 500) };
  }
  return null;
}

/** Applies a station mutation once; a replay (same id) returns the first answer and changes nothing. */
export async function applyMutation(pool: pg.Pool, station: StationIdentity, msg: MutateMsg, times: HoldTimes, signingKey = ''): Promise<Outcome> {
  // No look-up first: the applied_mutations row is written last, in the same transaction, and its
  // primary key decides. A replay (or a concurrent duplicate) either fails on its own — seats taken
  // by the original — or hits that key and rolls back; both answer with what was stored.
  try {
    return await withTx(pool, async (tx) => {
      const result = await run(tx, station, msg, { times, pool, signingKey });
      const recorded = await tx.query({
        name: 'mutation_record',
        text: "INSERT INTO applied_mutations (id, station_id, kind, outcome, result) VALUES ($1, $2, $3, 'ack', $4) ON CONFLICT (id) DO NOTHING",
        values: [msg.id, station.id, msg.kind, JSON.stringify(result ?? null)],
      });
      if (recorded.rowCount === 0) throw new ReplayRace();
      return { type: 'ack' as const, id: msg.id, result };
    });
  } catch (e) {
    if (e instanceof ReplayRace) return (await stored(pool, msg.id)) ?? { type: 'reject', id: msg.id, code: 'BO_UNAVAILABLE', message: 'Try again.' };
    const wire = toWireError(e);
    if (wire === null) throw e;
    // A busy server is not an answer: the station keeps the mutation and sends it again.
    if (wire.code === 'BO_UNAVAILABLE') return { type: 'reject', id: msg.id, code: wire.code, message: wire.message };
    await pool.query({
      name: 'mutation_reject',
      text: "INSERT INTO applied_mutations (id, station_id, kind, outcome, result) VALUES ($1, $2, $3, 'reject', $4) ON CONFLICT (id) DO NOTHING",
      values: [msg.id, station.id, msg.kind, JSON.stringify(wire)],
    });
    return (await stored(pool, msg.id)) ?? { type: 'reject', id: msg.id, code: wire.code, message: wire.message };
  }
}

class ReplayRace extends Error {}
