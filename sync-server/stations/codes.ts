// Enrollment codes and device secrets (DESIGN §10): made from crypto random, stored only as hashes.
import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a code read out over the phone is not mistyped. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new one-time enrollment code, XXXX-XXXX-XXXX (60 bits). */
export function newEnrollmentCode(): string {
  // 256 is a multiple of 32, so taking the low five bits of each byte is unbiased.
  const chars = [...randomBytes(12)].map((b) => CROCKFORD[b & 31] ?? '0').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** SHA-256 of a normalised code (as enrollmentCode in common/api/stations.ts gives it). */
export function hashEnrollmentCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A new device secret: 32 random bytes, base64url. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}
