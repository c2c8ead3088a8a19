// Sign-in sessions (refresh-token families, DESIGN §10): opaque refresh tokens stored as SHA-256,
// rotated on every use; presenting a spent one is reuse and revokes the whole family.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { signAccessToken, type AccessClaims } from './tokens.js';

/** Token lifetimes and the signing key, from the server config. */
export type TokenSettings = {
  key: Uint8Array;
  accessSeconds: number;
  refreshSeconds: number;
};

/** What a client keeps after signing in or refreshing. */
export type TokenPair = {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
};

/** Who a session belongs to: claims minus the session id, which the session provides. */
export type SessionClaims =
  | Omit<Extract<AccessClaims, { kind: 'customer' }>, 'sid'>
  | Omit<Extract<AccessClaims, { kind: 'staff' }>, 'sid'>;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => `rt_${randomBytes(32).toString('base64url')}`;
const unauthorized = () =>
  new BoError('BO_UNAUTHORIZED', 'That sign-in is no longer valid. Sign in again.');

async function issue(
  db: pg.Pool | pg.PoolClient,
  sid: string,
  claims: SessionClaims,
  settings: TokenSettings,
  now: Date,
): Promise<TokenPair> {
  const refreshToken = newRefreshToken();
  const refreshExpiresAt = new Date(now.getTime() + settings.refreshSeconds * 1000);
  await db.query(
    'INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)',
    [sha256(refreshToken), sid, now, refreshExpiresAt],
  );
  await db.query('UPDATE auth_sessions SET expires_at = $2 WHERE id = $1', [sid, refreshExpiresAt]);
  const accessToken = await signAccessToken(
    settings.key,
    { ...claims, sid },
    settings.accessSeconds,
    now,
  );
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: settings.accessSeconds,
    refreshToken,
    refreshExpiresAt: refreshExpiresAt.toISOString(),
  };
}

/** Opens a new session for a subject and returns its first token pair. */
export async function openSession(
  pool: pg.Pool,
  claims: SessionClaims,
  settings: TokenSettings,
  now: Date,
): Promise<TokenPair & { sessionId: string }> {
  const sid = randomUUID();
  await pool.query(
    'INSERT INTO auth_sessions (id, subject_kind, subject_id, station_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5)',
    [sid, claims.kind, claims.sub, claims.kind === 'staff' ? claims.station : null, now],
  );
  return { ...(await issue(pool, sid, claims, settings, now)), sessionId: sid };
}

/** The session a refresh token belongs to, once it is spent (the subject's claims are re-read). */
export type RefreshedSession = {
  sessionId: string;
  subjectKind: 'customer' | 'staff';
  subjectId: string;
  stationId: string | null;
};

/**
 * Spends a refresh token and issues the next pair. A token that was already spent revokes its
 * whole family (someone else has a copy) and is refused, as are expired and unknown ones.
 * `claimsOf` re-reads the subject, so a role change or a disabled account applies at once.
 */
export async function refreshSession(
  pool: pg.Pool,
  refreshToken: string,
  claimsOf: (s: RefreshedSession) => Promise<SessionClaims | null>,
  settingsOf: (kind: 'customer' | 'staff') => Promise<TokenSettings>,
  now: Date,
): Promise<TokenPair> {
  const hash = sha256(refreshToken);
  const spent = await pool.query<{ session_id: string; expires_at: Date }>(
    'UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL RETURNING session_id, expires_at',
    [hash, now],
  );
  const row = spent.rows[0];
  if (!row) {
    const seen = await pool.query<{ session_id: string }>(
      'SELECT session_id FROM refresh_tokens WHERE token_hash = $1',
      [hash],
    );
    const family = seen.rows[0]?.session_id;
    if (family !== undefined) await revokeSession(pool, family, 'reuse', now);
    throw unauthorized();
  }
  const s = await pool.query<{
    subject_kind: 'customer' | 'staff';
    subject_id: string;
    station_id: string | null;
    revoked_at: Date | null;
    station_revoked_at: Date | null;
  }>(
    `SELECT a.subject_kind, a.subject_id, a.station_id, a.revoked_at, st.revoked_at AS station_revoked_at
       FROM auth_sessions a LEFT JOIN stations st ON st.id = a.station_id WHERE a.id = $1`,
    [row.session_id],
  );
  const session = s.rows[0];
  if (
    !session ||
    session.revoked_at !== null ||
    session.station_revoked_at !== null ||
    row.expires_at <= now
  )
    throw unauthorized();
  const refreshed: RefreshedSession = {
    sessionId: row.session_id,
    subjectKind: session.subject_kind,
    subjectId: session.subject_id,
    stationId: session.station_id,
  };
  const claims = await claimsOf(refreshed);
  if (!claims) {
    await revokeSession(pool, row.session_id, 'account-disabled', now);
    throw unauthorized();
  }
  return issue(pool, row.session_id, claims, await settingsOf(session.subject_kind), now);
}

/** Revokes a session: its refresh tokens and access tokens stop working at once. */
export async function revokeSession(
  pool: pg.Pool | pg.PoolClient,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await pool.query(
    'UPDATE auth_sessions SET revoked_at = $3, revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL',
    [sessionId, reason, now],
  );
}

/** Revokes every open session of a subject (password change, disabled account). */
export async function revokeSessionsOf(
  pool: pg.Pool | pg.PoolClient,
  subject: { kind: 'customer' | 'staff'; id: string },
  reason: string,
  now: Date,
  except: string | null = null,
): Promise<void> {
  await pool.query(
    'UPDATE auth_sessions SET revoked_at = $4, revoked_reason = $3 WHERE subject_kind = $1 AND subject_id = $2 AND revoked_at IS NULL AND id IS DISTINCT FROM $5',
    [subject.kind, subject.id, reason, now, except],
  );
}

/** True while a session may be used: not revoked, not expired, its station (if any) not revoked. */
export async function sessionIsLive(pool: pg.Pool, sessionId: string, now: Date): Promise<boolean> {
  const r = await pool.query<{ live: boolean }>({
    name: 'auth_session_live',
    text: `SELECT (a.revoked_at IS NULL AND a.expires_at > $2 AND st.revoked_at IS NULL) AS live
             FROM auth_sessions a LEFT JOIN stations st ON st.id = a.station_id WHERE a.id = $1`,
    values: [sessionId, now],
  });
  return r.rows[0]?.live === true;
}
