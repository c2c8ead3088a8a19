// Per-client caps on public (web) holds (DESIGN §16): without them one anonymous client could hold
// a whole show and keep extending. Counted in PostgreSQL against active, unexpired holds, so they
// hold across server processes, by the hold statement itself under an advisory lock on the client
// key, so two concurrent requests of one client cannot both pass a count that only one of them fits
// in. A cap of 0 is off. Station holds are not capped: a counter sells many seats.
import { createHash } from 'node:crypto';
import { BoError } from '../../common/errors.js';

/** The caps of one web client, from the server config. */
export type HoldLimits = {
  /** Most seats in one hold. */
  seatsPerHold: number;
  /** Most active holds of the client on one show (0: no cap). */
  holdsPerShow: number;
  /** Most active holds of the client on all shows (0: no cap). */
  holds: number;
  /** Most seats the client holds on one show, over all its holds (0: no cap). */
  seatsPerShow: number;
};

/** Who a web hold counts against, and the caps that apply. */
export type HoldClient = { key: string; limits: HoldLimits };

/** What made a client hold: the signed-in customer, else the address it called from. */
export type ClientIdentity = { customerId: string | null; address: string };

/**
 * The key a client's holds are counted under: the customer id when signed in (so caps follow them
 * across devices), else a digest of the address (a hold secret is per hold, so it cannot tie an
 * anonymous client's holds together; the address is not stored in the clear).
 */
export function clientKeyOf(who: ClientIdentity): string {
  if (who.customerId !== null) return `customer:${who.customerId}`;
  const network = addressNetwork(who.address);
  return `address:${createHash('sha256').update(network).digest('hex').slice(0, 32)}`;
}

/**
 * The network an address counts as: an IPv4 address itself (also when IPv4-mapped), an IPv6
 * address's /64, because one subscriber is routinely given a whole /64 and could otherwise appear
 * as 2^64 different clients.
 */
export function addressNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Which cap a refused hold met, as the hold statement reports it. */
export type LimitHit = 'holds' | 'show_holds' | 'show_seats';

/**
 * SQL for the hold statement: a CTE `caps` naming the cap this hold would break, or null, given the
 * client key as $key, the show as $1, the seats as $2 and the caps as $key+1 (holds), $key+2 (holds
 * per show), $key+3 (seats per show). hold_client_cap_hit (migration 0006) takes the client's
 * advisory lock, held until the statement's transaction ends, and counts with a fresh snapshot.
 */
export function capsSql(key: number): string {
  const [k, holds, perShow, seats] = [key, key + 1, key + 2, key + 3].map((i) => `$${String(i)}`);
  return `caps AS MATERIALIZED (
    SELECT hold_client_cap_hit(${k}::text, $1::uuid, cardinality($2::uuid[]), ${holds}::int, ${perShow}::int, ${seats}::int) AS hit),
  `;
}

/** The parameters of capsSql, in order. */
export function capsValues(client: HoldClient): unknown[] {
  return [client.key, client.limits.holds, client.limits.holdsPerShow, client.limits.seatsPerShow];
}

/** The refusal for a hold that would break a cap; says which limit and its value. */
export function limitError(hit: LimitHit, limits: HoldLimits): BoError {
  const message =
    hit === 'holds'
      ? `You already have ${String(limits.holds)} active holds, the most allowed. Release one or complete a booking first.`
      : hit === 'show_holds'
        ? `You already have ${String(limits.holdsPerShow)} active holds on this show, the most allowed. Release one first.`
        : `One client may hold at most ${String(limits.seatsPerShow)} seats of a show. Release some seats first.`;
  return new BoError('BO_HOLD_LIMIT', message, { limit: hit });
}

/** The refusal for a hold of more seats than one hold may take. */
export function seatsPerHoldError(limits: HoldLimits): BoError {
  return new BoError(
    'BO_HOLD_LIMIT',
    `One hold may take at most ${String(limits.seatsPerHold)} seats.`,
    { limit: 'seats_per_hold' },
  );
}

/** The transaction-scoped advisory lock that serialises best-available picks on one show. */
export const SHOW_LOCK_SQL =
  "SELECT pg_advisory_xact_lock(hashtextextended('hold-show:' || $1::text, 0))";
