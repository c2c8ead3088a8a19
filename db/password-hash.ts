// Password hashing with argon2id (DESIGN §10), through @node-rs/argon2 (native, off the event loop).
// In db/ beside the PIN hashes, so the demo seed and the server hash the same way.
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot read).
const ARGON2ID = 2;

/**
 * OWASP Password Storage Cheat Sheet, first argon2id option: 19 MiB of memory, 2 passes, one lane.
 * Measured on the build machine (bench P9): about 12 ms per hash and per check, so a core checks
 * ~80 sign-ins a second, while an attacker with a stolen table pays 19 MiB and two passes per guess.
 */
export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

// Checked when no account matches, so "no such email" costs the same time as "wrong password".
let dummyHash: Promise<string> | null = null;

/** Checks a password against a stored hash; with no hash, spends the same time and says no. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Normalises an email for lookup and uniqueness: trimmed and lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
