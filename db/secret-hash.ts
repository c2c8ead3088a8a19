// scrypt hashes for staff PINs and station secrets: "scrypt$salt$hash" in hex.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const KEYLEN = 32;

/** Hashes a PIN or device secret with a random salt. */
export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(secret, salt, KEYLEN, { N });
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Checks a secret against a stored hash in constant time; false for malformed hashes. */
export function verifySecret(secret: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  if (expected.length !== KEYLEN) return false;
  const actual = scryptSync(secret, Buffer.from(saltHex, 'hex'), KEYLEN, { N });
  return timingSafeEqual(actual, expected);
}
