// Password sign-in for the demo's chain admin and managers (the admin view signs in with it).
// Added at every start when missing, so a demo seeded before logins existed gets them too.
import type { PgDb } from '../pg/client.js';
import { hashPassword } from '../password-hash.js';
import type { DemoCredentials } from './credentials.js';

/** Inserts the staff_logins rows the seed derives that are missing; returns how many. */
export async function ensureDemoLogins(db: PgDb, creds: DemoCredentials): Promise<number> {
  const have = await db.$client.query<{ staff_id: string }>(
    'SELECT staff_id FROM staff_logins WHERE staff_id = ANY($1::uuid[])',
    [creds.staff.map((p) => p.id)],
  );
  const done = new Set(have.rows.map((r) => r.staff_id));
  let added = 0;
  for (const p of creds.staff) {
    // argon2id costs tens of milliseconds a hash: only for rows still missing.
    if (!p.login || done.has(p.id)) continue;
    const r = await db.$client.query(
      `INSERT INTO staff_logins (staff_id, email, password_hash)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM staff WHERE id = $1)
       ON CONFLICT DO NOTHING`,
      [p.id, p.login.email, await hashPassword(p.login.password)],
    );
    added += r.rowCount ?? 0;
  }
  return added;
}
