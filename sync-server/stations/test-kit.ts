// Shared by the station tests: a server on a fresh database with a clock the test moves, two
// cinemas of the show fixture, and helpers that call the REST API as a station or a staff member.
import type { LightMyRequestResponse } from 'fastify';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

/** A station's credential. */
export type Credential = { id: string; secret: string };

/** What a station test works with. */
export type StationKit = {
  app: App;
  url: string;
  fx: ShowFixture;
  /** A second cinema (another chain) with its own staff and stations. */
  other: ShowFixture;
  /** The server's clock (tokens, sessions, codes, lockouts): stands still unless a test moves it. */
  clock: { offsetMs: number };
  /** Calls the API; `auth` is a staff access token or a station credential. */
  call: (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    auth?: string | Credential,
    payload?: unknown,
  ) => Promise<LightMyRequestResponse>;
  /** A staff access token from a PIN typed at `station`. */
  pinToken: (station: Credential, staffId: string, pin: string) => Promise<string>;
};

/** Builds the kit; `listen` opens a port for /sync sockets. */
export async function stationKit(opts: { listen?: boolean } = {}): Promise<StationKit> {
  const { url, db } = await freshPg();
  const fx = await createShowFixture(db.$client, { rows: 2, perRow: 4 });
  const other = await createShowFixture(db.$client, { rows: 2, perRow: 4 });
  await db.$client.end();
  const clock = { offsetMs: 0 };
  // Frozen, so waits the tests read (Retry-After) do not depend on the machine's speed.
  const base = Date.now();
  const app = await buildApp(
    loadServerConfig(
      {},
      {
        databaseUrl: url,
        logLevel: 'silent',
        changeLogPollMs: 50,
        // These tests count lockouts, not the per-IP limiter (real time, shared by every call here).
        signInPerIpPerMinute: 10_000,
        signInPerAccountPer15Minutes: 10_000,
      },
    ),
    { now: () => new Date(base + clock.offsetMs) },
  );
  if (opts.listen === true) await app.listen({ host: '127.0.0.1', port: 0 });
  const call: StationKit['call'] = (method, path, auth, payload) =>
    app.inject({
      method,
      url: `/api/v1${path}`,
      headers:
        auth === undefined
          ? {}
          : {
              authorization:
                typeof auth === 'string' ? `Bearer ${auth}` : `Station ${auth.id}:${auth.secret}`,
            },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const pinToken: StationKit['pinToken'] = async (station, staffId, pin) => {
    const res = await call('POST', '/auth/staff/pin', station, { staffId, pin });
    if (res.statusCode !== 200) throw new Error(`PIN exchange failed: ${res.body}`);
    return res.json<{ tokens: { accessToken: string } }>().tokens.accessToken;
  };
  return { app, url, fx, other, clock, call, pinToken };
}

/** The port a listening app is on. */
export function portOf(app: App): number {
  const addr = app.server.address();
  return typeof addr === 'object' && addr !== null ? addr.port : 0;
}
