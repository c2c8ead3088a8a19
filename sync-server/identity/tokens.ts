// Access tokens: short JWTs (jose, HS256) that name their sign-in session, so revoking the session
// ends them before they expire. Only HS256 with our key is accepted: `alg: none`, other algorithms
// and other keys fail verification.
import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type pg from 'pg';
import { BoError } from '../../common/errors.js';

const ISSUER = 'marquee';
const AUDIENCE = 'marquee-api';
const META_KEY = 'auth_token_key';
const keys = new WeakMap<pg.Pool, Uint8Array>();

/** The HMAC key: from config, or generated once and kept in server_meta for every process. */
export async function accessTokenKey(pool: pg.Pool, configured: string): Promise<Uint8Array> {
  if (configured !== '') return Buffer.from(configured, 'hex');
  const hit = keys.get(pool);
  if (hit) return hit;
  await pool.query(
    'INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
    [META_KEY, randomBytes(32).toString('hex')],
  );
  const r = await pool.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', [
    META_KEY,
  ]);
  const key = Buffer.from(r.rows[0]?.value ?? '', 'hex');
  if (key.length !== 32) throw new Error('server_meta holds no usable auth token key');
  keys.set(pool, key);
  return key;
}

/** What an access token says about its bearer. */
export type AccessClaims =
  | { kind: 'customer'; sub: string; sid: string }
  | {
      kind: 'staff';
      sub: string;
      sid: string;
      role: 'cashier' | 'manager' | 'admin';
      /** Cinemas the staff member works at when the token was made. */
      cinemas: string[];
      /** The station whose PIN exchange made it; null for password sign-in. */
      station: string | null;
    };

/** Signs an access token valid for `seconds`. */
export async function signAccessToken(
  key: Uint8Array,
  claims: AccessClaims,
  seconds: number,
  now: Date,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const body =
    claims.kind === 'customer'
      ? { kind: claims.kind, sid: claims.sid }
      : {
          kind: claims.kind,
          sid: claims.sid,
          role: claims.role,
          cinemas: claims.cinemas,
          station: claims.station,
        };
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + seconds)
    .sign(key);
}

const unauthorized = (message: string) => new BoError('BO_UNAUTHORIZED', message);

/** Verifies a token's signature, algorithm, issuer, audience and expiry; BO_UNAUTHORIZED otherwise. */
export async function verifyAccessToken(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<AccessClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat'],
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired)
      throw unauthorized('Your sign-in has expired. Refresh it or sign in again.');
    throw unauthorized('That access token is not valid. Sign in again.');
  }
  const { sub, sid, kind } = payload;
  if (typeof sub !== 'string' || typeof sid !== 'string') throw unauthorized('Malformed token.');
  if (kind === 'customer') return { kind, sub, sid };
  const { role, cinemas, station } = payload;
  if (
    kind === 'staff' &&
    (role === 'cashier' || role === 'manager' || role === 'admin') &&
    Array.isArray(cinemas) &&
    cinemas.every((c) => typeof c === 'string') &&
    (station === null || typeof station === 'string')
  )
    return { kind, sub, sid, role, cinemas: cinemas, station };
  throw unauthorized('Malformed token.');
}
