// A demo database seeded before the PIN rule stored 4-digit manager and admin PINs, while the seed
// now derives 6-digit ones: npm start prints the derived PINs, so the stored hashes must match them.
import type { PgDb } from '../pg/client.js';
import { hashSecret, verifySecret } from '../secret-hash.js';
import type { DemoCredentials } from './credentials.js';

/** Re-hashes each demo staff member whose stored PIN hash does not verify the PIN the seed derives; returns how many. */
export async function refreshDemoPins(db: PgDb, creds: DemoCredentials): Promise<number> {
  let changed = 0;
  for (const p of creds.staff) {
    const r = await db.$client.query<{ pin_hash: string }>(
      'SELECT pin_hash FROM staff WHERE id = $1',
      [p.id],
    );
    const stored = r.rows[0]?.pin_hash;
    if (stored === undefined || verifySecret(p.pin, stored)) continue;
    await db.$client.query('UPDATE staff SET pin_hash = $2 WHERE id = $1', [
      p.id,
      hashSecret(p.pin),
    ]);
    changed += 1;
  }
  return changed;
}
