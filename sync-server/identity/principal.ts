// Who is calling: resolved once per request from the Authorization header (DESIGN §10).
//   Bearer <jwt>            a customer or staff access token (its session must still be live)
//   Station <id>:<secret>   an enrolled station's device credential
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { verifySecretAsync } from '../../db/secret-hash.js';
import { sessionIsLive } from './sessions.js';
import { verifyAccessToken } from './tokens.js';

export type StaffRole = 'cashier' | 'manager' | 'admin';

/** The caller of a request. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'customer'; id: string; sessionId: string }
  | {
      kind: 'staff';
      id: string;
      sessionId: string;
      role: StaffRole;
      cinemaIds: string[];
      stationId: string | null;
    }
  | { kind: 'station'; id: string; cinemaId: string };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

const unauthorized = (message: string) => new BoError('BO_UNAUTHORIZED', message);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a station's device credential; null when unknown, revoked, not enrolled or wrong. */
export async function authenticateStation(
  pool: pg.Pool,
  id: string,
  secret: string,
): Promise<{ id: string; cinemaId: string; name: string } | null> {
  if (!UUID.test(id) || secret.length < 16 || secret.length > 200) return null;
  const r = await pool.query<{
    id: string;
    cinema_id: string;
    name: string;
    secret_hash: string | null;
  }>({
    name: 'station_auth',
    text: 'SELECT id, cinema_id, name, secret_hash FROM stations WHERE id = $1 AND revoked_at IS NULL',
    values: [id],
  });
  const row = r.rows[0];
  if (!row?.secret_hash || !(await verifySecretAsync(secret, row.secret_hash))) return null;
  return { id: row.id, cinemaId: row.cinema_id, name: row.name };
}

/** Resolves the Authorization header into a principal; a header that is present but bad is a 401. */
export async function resolvePrincipal(
  header: string | undefined,
  deps: { pool: pg.Pool; key: () => Promise<Uint8Array>; now: Date },
): Promise<Principal> {
  if (header === undefined || header === '') return ANONYMOUS;
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (/^bearer$/i.test(scheme)) {
    const claims = await verifyAccessToken(await deps.key(), value, deps.now);
    if (!(await sessionIsLive(deps.pool, claims.sid, deps.now)))
      throw unauthorized('That sign-in has ended. Sign in again.');
    if (claims.kind === 'customer')
      return { kind: 'customer', id: claims.sub, sessionId: claims.sid };
    return {
      kind: 'staff',
      id: claims.sub,
      sessionId: claims.sid,
      role: claims.role,
      cinemaIds: claims.cinemas,
      stationId: claims.station,
    };
  }
  if (/^station$/i.test(scheme)) {
    const colon = value.indexOf(':');
    const station =
      colon < 0
        ? null
        : await authenticateStation(deps.pool, value.slice(0, colon), value.slice(colon + 1));
    if (!station) throw unauthorized('Unknown station or wrong secret. Enroll this station again.');
    return { kind: 'station', id: station.id, cinemaId: station.cinemaId };
  }
  throw unauthorized('Use "Authorization: Bearer <access token>".');
}
