// The station credential a /sync hello presents (DESIGN §10): checked like REST's, and why it failed.
import type pg from 'pg';
import { authenticateStation } from '../identity/principal.js';
import type { HelloLimits } from './hello-limits.js';
import type { StationIdentity } from './mutations.js';

/** Why a hello was refused: the error the station is told and the close code it gets. */
export type HelloRefusal = {
  code: 'BO_UNAUTHORIZED' | 'BO_RATE_LIMITED' | 'BO_UNAVAILABLE';
  message: string;
  /** 'auth', 'rateLimited' or 'busy': station-session maps them to its CLOSE codes. */
  close: 'auth' | 'rateLimited' | 'busy';
};

/**
 * Checks a hello under the limits: refused without hashing anything when this address or device
 * failed too often, queued behind the process-wide cap on verifications, counted when it fails.
 */
export async function checkHello(
  pool: pg.Pool,
  limits: HelloLimits,
  hello: { device: string; secret: string; address: string; pending?: number | undefined },
): Promise<StationIdentity | HelloRefusal> {
  const { device, secret, address, pending } = hello;
  const limited = (): HelloRefusal | null => {
    const wait = limits.retryAfter(device, address);
    return wait === 0
      ? null
      : {
          code: 'BO_RATE_LIMITED',
          message: `Too many failed hellos from this address or for this station. Try again in ${String(wait)} seconds.`,
          close: 'rateLimited',
        };
  };
  const refused = limited();
  if (refused) return refused;
  const who = await limits.verify(async () => {
    // Asked again in the slot: hellos queued together must not all be checked after the limit.
    const now = limited();
    if (now) return now;
    const found = await authenticate(pool, device, secret, pending);
    // Counted before the slot is handed on, so the next in line sees it.
    if (!found) limits.failed(device, address);
    return found;
  });
  if (who === 'busy')
    return {
      code: 'BO_UNAVAILABLE',
      message: 'The server is busy checking station credentials. Try again in a few seconds.',
      close: 'busy',
    };
  if (who === null)
    return {
      code: 'BO_UNAUTHORIZED',
      message: 'Unknown station or wrong secret. Enroll this station again.',
      close: 'auth',
    };
  if ('close' in who) return who;
  limits.succeeded(device, address);
  return who;
}

/**
 * A station's hello credential, checked as REST's Station credential is: revoked and not-yet-enrolled
 * stations are refused. A station let in is marked seen, with its outbox count if it sent one.
 */
export async function authenticate(
  pool: pg.Pool,
  device: string,
  secret: string,
  pending?: number,
): Promise<StationIdentity | null> {
  const who = await authenticateStation(pool, device, secret);
  if (!who) return null;
  await stationSeen(pool, device, pending);
  return who;
}

/**
 * Marks a station seen now (managers' "last sync") and stores the outbox count it reported, in one
 * UPDATE: a hello and every ping cost one write. A station that sends no count (older versions)
 * keeps what it last reported, null if never.
 */
export async function stationSeen(
  pool: pg.Pool,
  device: string,
  pending: number | undefined,
): Promise<void> {
  await pool.query({
    name: 'station_seen',
    text: `UPDATE stations SET last_seen_at = now(),
             pending_count = COALESCE($2::int, pending_count),
             pending_reported_at = CASE WHEN $2::int IS NULL THEN pending_reported_at ELSE now() END
           WHERE id = $1`,
    values: [device, pending ?? null],
  });
}

/** Null while the credential still holds; otherwise why it stopped (revoked, enrolled again). */
export async function credentialLost(
  pool: pg.Pool,
  device: string,
  secret: string,
): Promise<string | null> {
  if (await authenticateStation(pool, device, secret)) return null;
  return credentialLostMessage(pool, device);
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
