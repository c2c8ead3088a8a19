// A real server and an open station of the show fixture's cinema, with its manager signed in at
// the counter and an admin-API token for them: the setup of tests that watch a manager's edits
// reach a station (issues 15 and 16).
import pg from 'pg';
import { openSession } from '../../sync-server/identity/sessions.js';
import { createShowFixture, FIXTURE_PINS, type ShowFixture } from './show-fixture.js';
import {
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from './stack.js';

export type AdminStack = {
  server: TestServer & { dbUrl: string };
  pool: pg.Pool;
  fx: ShowFixture;
  st: TestStation;
  /** Calls the server's REST as the fixture's manager: `/admin/…` and the rest under /api/v1. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
};

/** Starts the stack; the station has its staff list and the manager is signed in there. */
export async function startAdminStack(
  fixture: Parameters<typeof createShowFixture>[1],
): Promise<AdminStack> {
  const server = await startTestServer();
  const pool = new pg.Pool({ connectionString: server.dbUrl });
  const fx = await createShowFixture(pool, fixture);
  const st = await startTestStation(server.url, fx.station);
  await until(
    () => st.station.db.$client.prepare('SELECT 1 FROM staff').get() !== undefined,
    10_000,
    'staff list',
  );
  await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
  const app = server.app();
  const s = await openSession(
    app.ctx.db.$client,
    {
      kind: 'staff',
      station: null,
      sub: fx.staff.manager,
      role: 'manager',
      cinemas: [fx.cinemaId],
    },
    await app.ctx.identity.settings('staff'),
    new Date(),
  );
  const token = `Bearer ${s.accessToken}`;
  return {
    server,
    pool,
    fx,
    st,
    api: (method, path, body) =>
      fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { authorization: token, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async stop() {
      await st.stop();
      await server.stop();
      await pool.end();
    },
  };
}
