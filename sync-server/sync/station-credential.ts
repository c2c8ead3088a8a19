// The station credential a /sync hello presents (DESIGN §10): checked like REST's, and why it failed.
import type pg from 'pg';
import { authenticateStation } from '../identity/principal.js';
import type { StationIdentity } from './mutations.js';

/** A station's hello credential, checked as REST's Station credential is: revoked and not-yet-enrolled stations are refused. */
export async function authenticate(
  pool: pg.Pool,
  device: string,
  secret: string,
): Promise<StationIdentity | null> {
  const who = await authenticateStation(pool, device, secret);
  if (!who) return null;
  await pool.query({
    name: 'station_seen',
    text: 'UPDATE stations SET last_seen_at = now() WHERE id = $1',
    values: [device],
  });
  return who;
}

/** Why a station's credential stopped holding: revoked, or enrolled again on other hardware. */
export async function credentialLostMessage(pool: pg.Pool, device: string): Promise<string> {
  const r = await pool.query<{ revoked: boolean }>(
    'SELECT revoked_at IS NOT NULL AS revoked FROM stations WHERE id = $1',
    [device],
  );
  return r.rows[0]?.revoked === false
    ? 'This station was enrolled again on another device. Enroll this one with a new code from a manager.'
    : 'This station was revoked by a manager. Enroll it again with a new code from a manager.';
}
