// /api/v1/live under abuse (issue 12, item 3): silent peers are cut by the heartbeat, connection
// caps refuse with a reason a browser can read, and a socket that stops reading is terminated.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig, type ServerConfig } from '../config.js';
import { blockSeats, unblockSeats } from '../services/allocation.js';
import { withTx } from '../services/tx.js';
import { LIVE_CLOSE_FULL, LIVE_CLOSE_TOO_MANY } from './live-guard.js';
import { sendLive, SLOW_READER_CLOSE } from './live-hub.js';
import type { Socket } from './socket.js';

type Msg = Record<string, unknown> & { type?: string };
type Client = {
  ws: WebSocket;
  messages: Msg[];
  closed: Promise<{ code: number; reason: string }>;
  pings: () => number;
};

let dbUrl = '';
let fx: ShowFixture;
const apps: App[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  const { url, db } = await freshPg();
  dbUrl = url;
  fx = await createShowFixture(db.$client, { rows: 20, perRow: 20 });
  await db.$client.end();
});
afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  for (const a of apps) await a.close();
});
afterEach(() => {
  vi.useRealTimers();
});

async function start(overrides: Partial<ServerConfig>): Promise<App> {
  const app = await buildApp(
    loadServerConfig({}, { databaseUrl: dbUrl, logLevel: 'silent', ...overrides }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  apps.push(app);
  return app;
}

/** Opens a live socket from `localAddress` (all of 127.0.0.0/8 is loopback on Linux). */
async function connect(
  app: App,
  opts: { localAddress?: string; autoPong?: boolean } = {},
): Promise<Client> {
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const ws = new WebSocket(`ws://127.0.0.1:${String(port)}/api/v1/live?showId=${fx.showId}`, {
    localAddress: opts.localAddress ?? '127.0.0.1',
    autoPong: opts.autoPong ?? true,
  });
  const messages: Msg[] = [];
  let pings = 0;
  ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString('utf8')) as Msg));
  ws.on('ping', () => {
    pings += 1;
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  const c = { ws, messages, closed, pings: () => pings };
  clients.push(c);
  return c;
}

/** Waits for a condition with a generous deadline (no timing is asserted). */
async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const hasSnapshot = (c: Client) => c.messages.some((m) => m.type === 'snapshot');

describe('live socket heartbeats', () => {
  it('cuts a peer that does not answer pings', async () => {
    const app = await start({ heartbeatMs: 50 });
    const silent = await connect(app, { autoPong: false });
    // Terminated, not closed: there is no close frame, the TCP connection just ends. (It may be cut
    // before its snapshot even arrives: two intervals are 100 ms here.)
    expect((await silent.closed).code).toBe(1006);
    await until('the silent peer counted out', () => app.ctx.live.connections() === 0);
    expect(app.ctx.live.size()).toBe(0);
  });

  it('keeps a peer that answers pings', async () => {
    // Long enough that a busy test machine never delays a pong past two intervals.
    const app = await start({ heartbeatMs: 500 });
    const good = await connect(app);
    await until('a few pings answered', () => good.pings() >= 4, 20_000);
    expect(hasSnapshot(good)).toBe(true);
    expect(good.ws.readyState).toBe(WebSocket.OPEN);
    expect(app.ctx.live.connections()).toBe(1);
  }, 30_000);
});

describe('live connection caps', () => {
  it('refuses over the per-address cap with a readable reason; other addresses are fine', async () => {
    const app = await start({ liveMaxPerAddress: 2, liveMaxConnections: 4 });
    const a1 = await connect(app, { localAddress: '127.0.0.1' });
    const a2 = await connect(app, { localAddress: '127.0.0.1' });
    await until('two snapshots', () => hasSnapshot(a1) && hasSnapshot(a2));
    const a3 = await connect(app, { localAddress: '127.0.0.1' });
    const refused = await a3.closed;
    expect(refused.code).toBe(LIVE_CLOSE_TOO_MANY);
    expect(a3.messages).toEqual([
      expect.objectContaining({ type: 'error', code: 'BO_RATE_LIMITED' }) as unknown,
    ]);
    const b1 = await connect(app, { localAddress: '127.0.0.2' });
    const c1 = await connect(app, { localAddress: '127.0.0.3' });
    await until('snapshots from other addresses', () => hasSnapshot(b1) && hasSnapshot(c1));
    // The process is full now (4): a fresh address is refused too, with another code.
    const d1 = await connect(app, { localAddress: '127.0.0.4' });
    expect((await d1.closed).code).toBe(LIVE_CLOSE_FULL);
    expect(d1.messages[0]).toMatchObject({ type: 'error', code: 'BO_UNAVAILABLE' });
    // A closed socket frees its place.
    a1.ws.close();
    await until('a1 counted out', () => app.ctx.live.connections() === 3);
    const a4 = await connect(app, { localAddress: '127.0.0.1' });
    await until('a4 snapshot', () => hasSnapshot(a4));
    expect(app.ctx.live.connections()).toBe(4);
  });
});

describe('live slow readers', () => {
  it('terminates a socket that stopped reading (it never finishes a close handshake)', async () => {
    // A long heartbeat, so only the byte budget can drop the reader here.
    const app = await start({ liveSocketMaxBufferedBytes: 16 * 1024, heartbeatMs: 600_000 });
    const slow = await connect(app);
    const fast = await connect(app);
    await until('snapshots', () => hasSnapshot(slow) && hasSnapshot(fast));
    // What a 400-seat snapshot weighs, the reason for the budget's default (256 kB).
    const snapshotBytes = JSON.stringify(slow.messages[0]).length;
    expect(snapshotBytes).toBeLessThan(64 * 1024);
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const admin = { kind: 'staff' as const, id: null, channel: 'admin' as const };
    const seats = fx.seatIds.slice(0, 300);
    const deadline = Date.now() + 25_000;
    for (let round = 0; app.ctx.live.connections() > 1 && Date.now() < deadline; round++) {
      await withTx(app.ctx.db.$client, (tx) =>
        blockSeats(
          tx,
          { showId: fx.showId, seatIds: seats, reason: `churn ${String(round)}` },
          admin,
        ),
      );
      app.ctx.feed.wake();
      await withTx(app.ctx.db.$client, (tx) =>
        unblockSeats(tx, { showId: fx.showId, seatIds: seats }, admin),
      );
      app.ctx.feed.wake();
      await new Promise((r) => setTimeout(r, 20));
    }
    // The server's 'close' came although the peer never read its close frame: it was cut.
    expect(app.ctx.live.connections()).toBe(1);
    expect(app.ctx.live.size()).toBe(1);
    expect(fast.ws.readyState).toBe(WebSocket.OPEN);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect([SLOW_READER_CLOSE, 1006]).toContain((await slow.closed).code);
  }, 30_000);

  it('checks the budget before any send, the snapshot included, and cuts the socket after a grace', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const socket: Socket = {
      readyState: 1,
      OPEN: 1,
      bufferedAmount: 10_000,
      send: () => calls.push('send'),
      close: (code) => calls.push(`close ${String(code)}`),
      terminate: () => calls.push('terminate'),
      ping: () => calls.push('ping'),
      on: () => undefined,
    };
    sendLive(socket, { type: 'snapshot', showId: fx.showId, seats: [] }, 4096);
    expect(calls).toEqual([`close ${String(SLOW_READER_CLOSE)}`]);
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([`close ${String(SLOW_READER_CLOSE)}`, 'terminate']);
  });
});
