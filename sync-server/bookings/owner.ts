// Who may reach a booking (DESIGN §10, §12): the signed-in customer who made it, or whoever has its
// secret (a guest, or anyone the customer forwarded the link to). Anyone else is told there is no
// such booking, so an id alone reveals nothing.
import { BoError } from '../../common/errors.js';
import { hashBookingSecret } from './secrets.js';

/** What a request brings to prove it may see a booking; `null` means the server itself (sweeper, managers). */
export type BookingClaim = { customerId: string | null; secret: string | null } | null;

/** The SQL test that booking row `b` belongs to the claim in parameters $n ($n+1 customer, $n+2 hash). */
export function bookingOwnedSql(b: string, n: number): string {
  const [check, customer, hash] = [n, n + 1, n + 2].map((i) => `$${String(i)}`);
  return `(${check}::boolean IS NOT TRUE OR ${b}.customer_id = ${customer}::uuid OR ${b}.secret_hash = ${hash}::text)`;
}

/** The parameters of bookingOwnedSql for a claim. */
export function bookingClaimValues(claim: BookingClaim): [boolean, string | null, string | null] {
  if (claim === null) return [false, null, null];
  return [true, claim.customerId, claim.secret === null ? null : hashBookingSecret(claim.secret)];
}

/** The answer for a booking the caller may not see, or that does not exist. */
export const bookingNotFound = () =>
  new BoError('BO_BOOKING_NOT_FOUND', 'No such booking. Check the link, or sign in as its owner.');
