// scrypt hashes for staff PINs and station secrets: "scrypt$salt$hash" in hex.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

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

/** verifySecret without blocking the event loop (servers: many stations sign in at once after a restart). */
export async function verifySecretAsync(secret: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  if (expected.length !== KEYLEN) return false;
  const actual = await new Promise<Buffer>((resolve, reject) => {
    scrypt(secret, Buffer.from(saltHex, 'hex'), KEYLEN, { N }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
  return timingSafeEqual(actual, expected);
}
