// The test gateway's webhook signing key: from config, or made once and kept in server_meta so every
// server process (and a restart) signs and checks with the same key.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

const META_KEY = 'test_gateway_secret';

/** The configured key, or the stored one (made on first use). */
export async function testGatewaySecret(pool: pg.Pool, configured: string): Promise<string> {
  if (configured !== '') return configured;
  await pool.query(
    'INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
    [META_KEY, randomBytes(32).toString('hex')],
  );
  const r = await pool.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', [
    META_KEY,
  ]);
  const v = r.rows[0]?.value;
  if (v === undefined) throw new Error('the test gateway secret could not be stored');
  return v;
}
