// Issue 12, item 7: the station's web shell answers only its own loopback host and exact origin
// (no DNS rebinding, no scheme swap), forbids framing and foreign connections by header, and tells
// nobody about the open till before they sign in. Real server, PostgreSQL and SQLite.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StationStatus } from '../../common/contract/station.js';
import { createShowFixture, FIXTURE_PINS } from '../../test/support/show-fixture.js';
import {
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';
import { buildShellWeb } from './server.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let st: TestStation;
let shell: FastifyInstance;
let port = 0;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  const fx = await createShowFixture(pool, { rows: 1, perRow: 4, startsInMinutes: 180 });
  st = await startTestStation(server.url, fx.station);
  await until(
    () => st.station.db.$client.prepare('SELECT 1 FROM staff').get() !== undefined,
    10_000,
    'staff list',
  );
  // A cashier signs in and opens a till on the station's own test session.
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await st.call('till:open', { float: { cash: 5000 } });
  shell = await buildShellWeb(st.station);
  await shell.listen({ host: '127.0.0.1', port: 0 });
  const addr = shell.server.address();
  port = typeof addr === 'object' && addr !== null ? addr.port : 0;
});
afterAll(async () => {
  // Also proves a refused upgrade leaves no socket behind: close waits for every connection.
  await shell.close();
  await st.stop();
  await server.stop();
  await pool.end();
});

/** Opens /contract with the given Host and Origin; resolves with how it ended or the socket. */
function contract(
  host: string,
  origin?: string,
): Promise<{ socket: WebSocket } | { closed: number } | { refused: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${String(port)}/contract`, {
      headers: { host },
      ...(origin === undefined ? {} : { origin }),
    });
    socket.on('unexpected-response', (req, res) => {
      // A listener here owns the refused request: end it, or it keeps the connection open.
      req.destroy();
      resolve({ refused: res.statusCode ?? 0 });
    });
    socket.on('close', (code) => {
      resolve({ closed: code });
    });
    socket.on('error', () => undefined);
    socket.on('open', () => {
      // A refused origin is closed at once; give the close a moment to arrive before calling it open.
      setTimeout(() => {
        if (socket.readyState === socket.OPEN) resolve({ socket });
      }, 100);
    });
  });
}

/** One contract call over an open socket. */
function call<T>(socket: WebSocket, channel: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const id = 1;
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as {
        t: string;
        id?: number;
        result?: { ok: boolean; value?: T };
      };
      if (frame.t !== 'result' || frame.id !== id) return;
      if (frame.result?.ok === true) resolve(frame.result.value as T);
      else reject(new Error(JSON.stringify(frame.result)));
    });
    socket.send(JSON.stringify({ t: 'call', id, channel, input: {} }));
  });
}

describe('host and origin', () => {
  it('refuses any Host but its own loopback names (DNS rebinding)', async () => {
    const foreign = await shell.inject({
      method: 'GET',
      url: '/health',
      headers: { host: `evil.example:${String(port)}` },
    });
    expect(foreign.statusCode).toBe(421);
    expect(foreign.json()).toMatchObject({ error: { code: 'BO_FORBIDDEN_HOST' } });
    for (const host of [`127.0.0.1:${String(port)}`, `localhost:${String(port)}`]) {
      const own = await shell.inject({ method: 'GET', url: '/health', headers: { host } });
      expect(own.statusCode).toBe(200);
    }
    // The rebinding attack proper: foreign Host and matching foreign Origin on the contract socket.
    const evil = `evil.example:${String(port)}`;
    expect(await contract(evil, `http://${evil}`)).toEqual({ refused: 421 });
  });

  it('accepts the contract socket only from its exact origin, scheme included', async () => {
    const host = `127.0.0.1:${String(port)}`;
    expect(await contract(host, `https://${host}`)).toEqual({ closed: 1008 });
    expect(await contract(host, 'http://evil.example')).toEqual({ closed: 1008 });
    const ok = await contract(host, `http://${host}`);
    expect('socket' in ok).toBe(true);
    if ('socket' in ok) ok.socket.close();
  });
});

describe('headers', () => {
  it('forbids framing and connections to anything but itself', async () => {
    const res = await shell.inject({
      method: 'GET',
      url: '/',
      headers: { host: `127.0.0.1:${String(port)}` },
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${String(port)}`);
    expect(csp).not.toMatch(/ws:(;| )/);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('station:status before sign-in', () => {
  it('says nothing about the open till or its owner', async () => {
    const host = `127.0.0.1:${String(port)}`;
    const opened = await contract(host, `http://${host}`);
    if (!('socket' in opened)) throw new Error('contract socket refused');
    const status = await call<StationStatus>(opened.socket, 'station:status').finally(() => {
      opened.socket.close();
    });
    expect(status.staff).toBeNull();
    expect(status.till).toBeNull();
    // The signed-in session still sees its till.
    const mine = await st.call<StationStatus>('station:status');
    expect(mine.till?.float).toEqual({ cash: 5000 });
  });
});
