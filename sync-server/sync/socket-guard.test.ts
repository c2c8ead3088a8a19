// /sync under abuse by a client that holds a station credential (issue 12, item 1): it floods
// messages and never reads, floods faster than any station would, or stops answering pings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig, type ServerConfig } from '../config.js';
import { CLOSE } from './station-session.js';

let url: string;
let fx: ShowFixture;
const apps: App[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const pg = await freshPg();
  url = pg.url;
  fx = await createShowFixture(pg.db.$client, { rows: 2, perRow: 5 });
  await pg.db.$client.end();
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  for (const a of apps) await a.close();
});

/** A listening server with `overrides`; returns it and its /sync URL. */
async function server(overrides: Partial<ServerConfig>): Promise<{ app: App; sync: string }> {
  const app = await buildApp(
    loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', ...overrides }),
  );
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return {
    app,
    sync: `ws://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}/sync`,
  };
}

/** A station that said hello with a good credential and got its welcome. */
async function station(sync: string, cursor = 1): Promise<TestSocket> {
  const s = await openSocket(sync);
  sockets.push(s);
  s.send({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    device: fx.station.id,
    secret: fx.station.secret,
    cursor,
  });
  await s.next((m) => m.type === 'welcome');
  return s;
}

/** Resolves once `cond` holds, checking every 20 ms; false after `deadlineMs`. */
async function waitFor(cond: () => boolean, deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

/** The server side of every open socket, largest unsent buffer first. */
function serverBuffered(app: App): number {
  let most = 0;
  for (const c of app.websocketServer.clients) most = Math.max(most, c.bufferedAmount);
  return most;
}

/** Sends pings in rounds until the socket closes or `deadlineMs` passes; never reads. */
async function floodPings(ws: WebSocket, deadlineMs: number, perRound = 2000): Promise<void> {
  const until = Date.now() + deadlineMs;
  const open = (): boolean => ws.readyState === ws.OPEN;
  while (open() && Date.now() < until) {
    for (let i = 0; i < perRound && open(); i++)
      ws.send(JSON.stringify({ type: 'ping', t: 1.2345678901234567e300 }));
    // Let the client's own socket write (its reads stay paused) and the server run.
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The ws client's TCP socket; pausing it means the client no longer reads anything. */
const tcpOf = (ws: WebSocket): { pause(): void } =>
  (ws as unknown as { _socket: { pause(): void } })._socket;

describe('/sync send budget (issue 12, item 1)', () => {
  it('drops a station that floods pings and never reads, before it pins much more than the budget', async () => {
    const maxBuffered = 64 * 1024;
    const { app, sync } = await server({
      liveMaxBufferedBytes: maxBuffered,
      heartbeatMs: 600_000,
      // The rate limit would stop this flood first; here only the budget is under test.
      syncMessagesPerSecond: 10_000_000,
      syncMessageBurst: 10_000_000,
    });
    const s = await station(sync);
    tcpOf(s.ws).pause();
    let most = 0;
    const sample = setInterval(() => {
      most = Math.max(most, serverBuffered(app));
    }, 2);
    const flooding = floodPings(s.ws, 60_000);
    // The close frame cannot be read (reads are paused): wait for the server to cut the socket.
    const gone = await waitFor(() => app.websocketServer.clients.size === 0, 60_000);
    clearInterval(sample);
    await flooding;
    expect(gone).toBe(true);
    // One reply over the budget at most, plus what arrived while the close was on its way.
    expect(most).toBeLessThan(maxBuffered * 2);
  }, 90_000);

  it('keeps a station that reads, however much it pings', async () => {
    const { app, sync } = await server({ liveMaxBufferedBytes: 64 * 1024, heartbeatMs: 600_000 });
    const s = await station(sync);
    for (let i = 0; i < 500; i++) s.send({ type: 'ping', t: i });
    await s.next((m) => m.type === 'pong' && m.t === 499, 20_000);
    expect(app.websocketServer.clients.size).toBe(1);
  }, 30_000);
});

describe('/sync inbound rate limit (issue 12, item 2)', () => {
  it('answers a flood with BO_RATE_LIMITED and closes it with CLOSE.rateLimited', async () => {
    const { app, sync } = await server({ syncMessagesPerSecond: 5, syncMessageBurst: 20 });
    const s = await station(sync);
    for (let i = 0; i < 300; i++) s.send({ type: 'ping', t: i });
    const err = await s.next<{ code: string; message: string }>((m) => m.type === 'error', 20_000);
    expect(err.code).toBe('BO_RATE_LIMITED');
    expect((await s.closed).code).toBe(CLOSE.rateLimited);
    // Nothing past the burst was answered (queued ones are dropped with the socket).
    expect(s.messages.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(20);
    expect(await waitFor(() => app.websocketServer.clients.size === 0, 10_000)).toBe(true);
  }, 30_000);

  it('lets a station send its burst at once (an outbox flushed at reconnect)', async () => {
    const { app, sync } = await server({ syncMessagesPerSecond: 5, syncMessageBurst: 100 });
    const s = await station(sync);
    // The hello took one token.
    for (let i = 0; i < 99; i++) s.send({ type: 'ping', t: i });
    await s.next((m) => m.type === 'pong' && m.t === 98, 20_000);
    expect(s.messages.some((m) => m.type === 'error')).toBe(false);
    expect(app.websocketServer.clients.size).toBe(1);
  }, 30_000);
});

describe('/sync heartbeats need a pong (issue 12, item 3)', () => {
  it('drops a station that keeps sending but never answers a ping, within two intervals', async () => {
    const heartbeatMs = 50;
    const { app, sync } = await server({ heartbeatMs });
    const ws = new WebSocket(sync, { autoPong: false });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    let pinged = 0;
    ws.on('ping', () => {
      pinged += 1;
    });
    const closed = new Promise<number>((resolve) => {
      ws.once('close', (code) => {
        resolve(code);
      });
    });
    const hello = {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      device: fx.station.id,
      secret: fx.station.secret,
      cursor: 1,
    };
    ws.send(JSON.stringify(hello));
    // Messages keep flowing (well under the rate limit); before the fix each one counted as alive.
    const chatter = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'ping', t: Date.now() }));
    }, heartbeatMs / 5);
    const code = await closed;
    clearInterval(chatter);
    // Cut (1006, no close frame) after the ping it did not answer: the first ping, then the cut.
    expect(code).toBe(1006);
    expect(pinged).toBeLessThanOrEqual(2);
    expect(await waitFor(() => app.websocketServer.clients.size === 0, 10_000)).toBe(true);
  }, 30_000);

  it('keeps a station that answers pings', async () => {
    const heartbeatMs = 50;
    const { app, sync } = await server({ heartbeatMs });
    const s = await station(sync);
    let pinged = 0;
    s.ws.on('ping', () => {
      pinged += 1;
    });
    expect(await waitFor(() => pinged >= 6, 20_000)).toBe(true);
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    expect(app.websocketServer.clients.size).toBe(1);
  }, 30_000);
});
