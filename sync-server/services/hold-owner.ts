// Holds have owners (DESIGN §10): a signed-in customer's web hold is theirs; an anonymous web hold
// carries a secret, given once when it is made and kept only as its SHA-256. A station's hold is
// reached through the station's own mutations, never through the public API.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from './audit.js';

/** What a web request brings to prove it owns a hold: the signed-in customer and/or the hold secret. */
export type HoldClaim = { customerId: string | null; secret: string | null };

/** Who a new hold belongs to, as its row stores it; `secret` is the one copy the maker gets. */
export type HoldMaker = { customerId: string | null; secretHash: string | null; secret?: string };

/** `hs_` and 32 random bytes, base64url: unguessable, and told apart from a hold id at a glance. */
export function newHoldSecret(): string {
  return `hs_${randomBytes(32).toString('base64url')}`;
}

/** The form a hold secret is stored and compared in. */
export function hashHoldSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The owner of a hold `actor` makes: web holds of a customer are theirs, other web holds get a secret. */
export function makerOf(actor: Actor): HoldMaker {
  if (actor.channel !== 'web') return { customerId: null, secretHash: null };
  if (actor.kind === 'customer' && actor.id !== null)
    return { customerId: actor.id, secretHash: null };
  const secret = newHoldSecret();
  return { customerId: null, secretHash: hashHoldSecret(secret), secret };
}

/**
 * The SQL test that a hold row (alias `h`) belongs to a claim given as parameters $n (check: false
 * for the server's own callers), $n+1 (customer id), $n+2 (secret hash). A customer's hold is never
 * reached by a secret. PostgreSQL compares SHA-256 digests, not secrets: how long a comparison takes
 * can tell at most how much of a digest matched, which brings no one closer to a secret that hashes to it.
 */
export function ownedBySql(h: string, n: number): string {
  const [check, customer, hash] = [n, n + 1, n + 2].map((i) => `$${String(i)}`);
  return `(${check}::boolean IS NOT TRUE OR ${h}.customer_id = ${customer}::uuid
    OR (${h}.customer_id IS NULL AND ${h}.secret_hash = ${hash}::text))`;
}

/** The parameters of ownedBySql for a claim; null means the server itself asks (sweeper, stations). */
export function claimValues(claim: HoldClaim | null): [boolean, string | null, string | null] {
  if (claim === null) return [false, null, null];
  return [true, claim.customerId, claim.secret === null ? null : hashHoldSecret(claim.secret)];
}
