// A booking's reference (read out at a counter, typed on a phone) and its secret (in guest links).
import { createHash, randomBytes, randomInt } from 'node:crypto';

// No I, L, O (look like 1 and 0), no B, S, Z (8, 5, 2), no vowels that spell words by accident (A, E, U).
const LETTERS = 'CDFGHJKMNPQRTVWXY';
/** Letters in a reference: 17^7 ≈ 410 million, so a guess almost never hits a live booking. */
export const REFERENCE_LENGTH = 7;

/** A fresh booking reference, e.g. KTRWHXM. */
export function newReference(): string {
  let s = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) s += LETTERS.charAt(randomInt(LETTERS.length));
  return s;
}

/** `bs_` and 32 random bytes, base64url: unguessable. */
export function newBookingSecret(): string {
  return `bs_${randomBytes(32).toString('base64url')}`;
}

/** The form a booking secret is stored and compared in. */
export function hashBookingSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
