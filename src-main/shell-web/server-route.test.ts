// The admin view reaches the sync server through the shell's /server route (DESIGN §13): only the
// admin API, token refresh, sign-out and media pass; the caller's token goes along; writes from a
// foreign page are refused; a server that cannot be reached answers 503 BO_OFFLINE.
// Real server, PostgreSQL and SQLite.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture, FIXTURE_PINS } from '../../test/support/show-fixture.js';
import {
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';
import type { StaffToken } from '../../common/contract/station.js';
import { forwardable, forwardToServer } from '../station/server-forward.js';
import { buildShellWeb } from './server.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let st: TestStation;
let shell: FastifyInstance;
let base = '';
let cinemaId = '';

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  const fx = await createShowFixture(pool, { rows: 1, perRow: 4, startsInMinutes: 180 });
  cinemaId = fx.cinemaId;
  st = await startTestStation(server.url, fx.station);
  await until(
    () => st.station.db.$client.prepare('SELECT 1 FROM staff').get() !== undefined,
    10_000,
    'staff list',
  );
  await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
  shell = await buildShellWeb(st.station);
  await shell.listen({ host: '127.0.0.1', port: 0 });
  const addr = shell.server.address();
  base = `http://127.0.0.1:${String(typeof addr === 'object' && addr !== null ? addr.port : 0)}`;
});
afterAll(async () => {
  await shell.close();
  await st.stop();
  await server.stop();
  await pool.end();
});

describe('the shell’s /server route', () => {
  it('forwards an admin call with the manager’s own token, and refreshes tokens', async () => {
    const t = await st.call<StaffToken>('auth:staffToken', { pin: FIXTURE_PINS.manager });
    const res = await fetch(`${base}/server/api/v1/admin/cinemas/${cinemaId}/stations`, {
      headers: { authorization: `Bearer ${t.accessToken}` },
    });
    expect(res.status).toBe(200);
    // The station said how much it has waiting when it said hello: managers see it in the list.
    const list = (await res.json()) as {
      id: string;
      pendingCount: number | null;
      lastSeenAt: string | null;
    }[];
    const me = list.find((x) => x.id === st.station.enrollment.credential()?.stationId);
    expect(me).toMatchObject({ pendingCount: 0 });
    expect(me?.lastSeenAt).not.toBeNull();
    // No token: the server's own answer comes back, the station adds no credential of its own.
    const bare = await fetch(`${base}/server/api/v1/admin/cinemas/${cinemaId}/stations`);
    expect(bare.status).toBe(401);
    const refreshed = await fetch(`${base}/server/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ refreshToken: t.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
  });

  it('passes nothing but the admin API, refresh, logout and media', async () => {
    for (const path of [
      '/server/api/v1/holds',
      '/server/api/v1/sync',
      '/server/api/v1/admin/../holds',
      '/server/openapi.json',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
    }
    expect(forwardable('/api/v1/admin/films?q=a')).toBe(true);
    expect(forwardable('/api/v1/media/abc')).toBe(true);
    expect(forwardable('/api/v1/auth/login')).toBe(false);
    expect(forwardable('/api/v1/admin//films')).toBe(false);
  });

  it('refuses a write from a foreign page', async () => {
    const res = await fetch(`${base}/server/api/v1/auth/logout`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BO_FORBIDDEN');
  });

  it('says the server cannot be reached when it cannot, and that a station without one is not enrolled', async () => {
    const unreachable = await forwardToServer(
      { serverUrl: 'http://127.0.0.1:1', stationId: 'x', secret: 'y' },
      { method: 'GET', path: '/api/v1/admin/films', headers: {}, body: null },
    );
    expect(unreachable.status).toBe(503);
    expect(new TextDecoder().decode(unreachable.body)).toContain('BO_OFFLINE');
    const none = await forwardToServer(null, {
      method: 'GET',
      path: '/api/v1/admin/films',
      headers: {},
      body: null,
    });
    expect(none.status).toBe(503);
  });
});
