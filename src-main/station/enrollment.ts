// How this station proves who it is (DESIGN §10): an explicit credential from config wins, else the
// one stored at enrollment. It enrolls with a manager's one-time code, notices when the server
// refuses the credential (revoked: sync stops, outbox and data stay) and exchanges a PIN for a
// short-lived staff token. The secret and the token are never logged and never stored by the token call.
import type { EnrollmentStatus, StaffToken } from '../../common/contract/station.js';
import { deviceCredential, staffToken } from '../../common/api/stations.js';
import { BoError, isErrorCode } from '../../common/errors.js';
import type { StationConfig } from './config.js';
import { markDeviceRevoked, readDevice, saveDevice } from './device-store.js';
import type { LocalDb } from './local-db.js';
import type { SyncEngine } from './sync/engine.js';
import type { SyncLog } from './sync/types.js';

/** What the sync engine and REST calls authenticate with. */
export type Credential = { serverUrl: string; stationId: string; secret: string };

export type EnrollmentDeps = {
  db: LocalDb;
  config: StationConfig;
  engine: SyncEngine;
  now: () => number;
  log: SyncLog;
  /** Called after the credential changed (enrolled, or refused). */
  onChange: (s: EnrollmentStatus) => void;
  /** Injectable for tests; Node's fetch by default. */
  fetch?: typeof fetch;
  /** How long a REST call to the server may take. */
  timeoutMs?: number;
};

/** The station's enrollment. */
export type Enrollment = {
  status(): EnrollmentStatus;
  /** The credential in use, or null when not enrolled (revoked still has one: it keeps its id). */
  credential(): Credential | null;
  /** Trades a code for a credential at serverUrl, stores it and points the engine at it. */
  enroll(serverUrl: string, code: string): Promise<EnrollmentStatus>;
  /** A staff token for `staffId` from their PIN, through the server (online only). */
  staffToken(staffId: string, pin: string): Promise<StaffToken>;
};

const trimUrl = (u: string) => u.replace(/\/+$/, '');

/** Creates the enrollment state from config and the stored device row. */
export function createEnrollment(d: EnrollmentDeps): Enrollment {
  const doFetch = d.fetch ?? fetch;
  const timeoutMs = d.timeoutMs ?? 8000;
  const explicit = d.config.stationId !== '' && d.config.stationSecret !== '';
  const stored = readDevice(d.db);
  let cred: Credential | null = explicit
    ? {
        serverUrl: d.config.serverUrl,
        stationId: d.config.stationId,
        secret: d.config.stationSecret,
      }
    : stored && {
        serverUrl: stored.serverUrl,
        stationId: stored.stationId,
        secret: stored.secret,
      };
  let source: EnrollmentStatus['source'] = explicit ? 'config' : stored ? 'enrolled' : null;
  let name = explicit ? null : (stored?.name ?? null);
  let revoked: string | null = explicit ? null : (stored?.revokedReason ?? null);
  if (!explicit && stored?.revokedAt != null) revoked ??= 'The server refused this station.';

  const status = (): EnrollmentStatus => ({
    state: cred === null ? 'not-enrolled' : revoked !== null ? 'revoked' : 'enrolled',
    message:
      cred === null
        ? 'This station is not enrolled. Type the server address and the code a manager gave you.'
        : revoked,
    serverUrl: cred?.serverUrl ?? d.config.serverUrl,
    stationId: cred?.stationId ?? null,
    stationName: name,
    source,
  });

  d.engine.onRefused((message) => {
    revoked = message;
    d.log(
      'warn',
      'the server refused this station’s credential; sync stopped until it is enrolled again',
      {
        stationId: cred?.stationId,
      },
    );
    if (source === 'enrolled') markDeviceRevoked(d.db, d.now(), message);
    d.onChange(status());
  });

  /** POSTs JSON; a network failure is BO_OFFLINE, a server refusal keeps the server's code and words. */
  const post = async (url: string, body: unknown, auth?: string): Promise<unknown> => {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(auth === undefined ? {} : { authorization: auth }),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const why =
        e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw new BoError(
        'BO_OFFLINE',
        `Cannot reach the server at ${new URL(url).origin} (${why}). Check the address and the network, then try again.`,
      );
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return json;
    const err = ((json as { error?: unknown } | null)?.error ?? {}) as {
      code?: unknown;
      message?: unknown;
    };
    const code =
      typeof err.code === 'string' && isErrorCode(err.code) ? err.code : 'BO_UNAVAILABLE';
    const message =
      typeof err.message === 'string'
        ? err.message
        : `The server answered ${String(res.status)}; is ${new URL(url).origin} the Marquee server?`;
    throw new BoError(code, message);
  };

  return {
    status,
    credential: () => cred,
    async enroll(serverUrl, code) {
      const now = status();
      if (now.state === 'enrolled')
        throw new BoError('BO_CONFLICT', 'This station is enrolled already.');
      const base = trimUrl(serverUrl);
      const body = await post(`${base}/api/v1/stations/enroll`, { code });
      const parsed = deviceCredential.safeParse(body);
      if (!parsed.success)
        throw new BoError('BO_UNAVAILABLE', `${base} did not answer like a Marquee server.`);
      const c = parsed.data;
      saveDevice(d.db, {
        stationId: c.stationId,
        secret: c.secret,
        cinemaId: c.cinemaId,
        name: c.name,
        kind: c.kind,
        serverUrl: base,
        enrolledAt: d.now(),
      });
      if (source === 'config')
        d.log(
          'warn',
          'enrolled by code; STATION_ID and STATION_SECRET in the config still win at the next start',
        );
      cred = { serverUrl: base, stationId: c.stationId, secret: c.secret };
      source = 'enrolled';
      name = c.name;
      revoked = null;
      d.log('info', 'station enrolled', { stationId: c.stationId, name: c.name, serverUrl: base });
      await d.engine.setCredential(cred);
      const s = status();
      d.onChange(s);
      return s;
    },
    async staffToken(staffId, pin) {
      const c = cred;
      if (c === null || revoked !== null)
        throw new BoError(
          'BO_NOT_ENROLLED',
          'This station is not enrolled, so it cannot ask the server.',
        );
      const body = await post(
        `${c.serverUrl}/api/v1/auth/staff/pin`,
        { staffId, pin },
        `Station ${c.stationId}:${c.secret}`,
      );
      const parsed = staffToken.safeParse(body);
      if (!parsed.success)
        throw new BoError('BO_UNAVAILABLE', 'The server’s answer was not a staff token.');
      return {
        staff: parsed.data.staff,
        accessToken: parsed.data.tokens.accessToken,
        expiresIn: parsed.data.tokens.expiresIn,
        refreshToken: parsed.data.tokens.refreshToken,
        refreshExpiresAt: parsed.data.tokens.refreshExpiresAt,
      };
    },
  };
}
