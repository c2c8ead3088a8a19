// What a request proves about itself, for holds and bookings: the signed-in customer, and any
// Hold-Secret / Booking-Secret header it sends.
import { z } from 'zod';
import { bookingSecretSchema } from '../../common/api/bookings.js';
import type { Principal } from '../identity/principal.js';
import type { Actor } from '../services/audit.js';
import type { HoldClaim } from '../services/hold-owner.js';
import type { BookingClaim } from './owner.js';

// Lower case: Node hands headers over lower-cased, and the schema is matched against them as given.
export const secretHeaders = z.looseObject({
  'hold-secret': z
    .string()
    .regex(/^hs_[A-Za-z0-9_-]{43}$/, 'is not a hold secret')
    .optional()
    .describe('The hold secret, for a hold made without signing in'),
  'booking-secret': bookingSecretSchema
    .optional()
    .describe('The booking secret from the answer that made the booking (guests, shared links)'),
});
export type SecretHeaders = z.infer<typeof secretHeaders>;

/** The customer a request is signed in as, if any. */
export const customerOf = (p: Principal): string | null => (p.kind === 'customer' ? p.id : null);

/** What the request proves about a hold. */
export const holdClaimOf = (p: Principal, h: SecretHeaders): HoldClaim => ({
  customerId: customerOf(p),
  secret: h['hold-secret'] ?? null,
});

/** What the request proves about a booking. */
export const bookingClaimOf = (p: Principal, h: SecretHeaders): NonNullable<BookingClaim> => ({
  customerId: customerOf(p),
  secret: h['booking-secret'] ?? null,
});

/** The actor web booking requests are audited as. */
export const webActorOf = (p: Principal): Actor =>
  p.kind === 'customer' || p.kind === 'staff'
    ? { kind: p.kind, id: p.id, channel: 'web' }
    : { kind: 'customer', id: null, channel: 'web' };
