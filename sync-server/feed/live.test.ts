// Live seat maps across two server processes on one PostgreSQL; slow readers are dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';
import { blockSeats, unblockSeats } from '../services/allocation.js';
import { withTx } from '../services/tx.js';

let a: App;
let b: App;
let fx: ShowFixture;
const sockets: TestSocket[] = [];
const wsUrl = (app: App) => {
  const addr = app.server.address();
  return `ws://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}`;
};

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 20, perRow: 20 });
  await db.$client.end();
  // Two processes' worth of servers: separate pools, feeds and hubs, one database.
  a = await buildApp(loadServerConfig({}, { databaseUrl: url, logLevel: 'silent' }));
  b = await buildApp(
    loadServerConfig(
      {},
      { databaseUrl: url, logLevel: 'silent', liveSocketMaxBufferedBytes: 64 * 1024 },
    ),
  );
  await a.listen({ host: '127.0.0.1', port: 0 });
  await b.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await a.close();
  await b.close();
});

async function live(app: App): Promise<TestSocket> {
  const s = await openSocket(`${wsUrl(app)}/api/v1/live?showId=${fx.showId}`);
  sockets.push(s);
  await s.next((m) => m.type === 'snapshot');
  return s;
}

describe('live seat maps', () => {
  it('sends a snapshot of every seat, then batched changes', async () => {
    const s = await live(a);
    const snap = s.messages[0] as { seats: unknown[] };
    expect(snap.seats).toHaveLength(400);
    const res = await a.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { showId: fx.showId, seatIds: [fx.rows[0]?.[0], fx.rows[0]?.[1]] },
    });
    expect(res.statusCode).toBe(201);
    const m = await s.next<{ seats: { seatId: string; state: string }[] }>(
      (x) => x.type === 'seats',
    );
    expect(m.seats.map((x) => x.state)).toEqual(['held', 'held']);
    // A hold id is a capability to release the hold: it never reaches the public.
    expect(JSON.stringify(s.messages)).not.toContain('holdId');
    expect(JSON.stringify(s.messages)).not.toContain(res.json<{ holdId: string }>().holdId);
  });

  it('reaches the subscribers and stations of another server process', async () => {
    const onB = await live(b);
    const station = await openSocket(`${wsUrl(b)}/sync`);
    sockets.push(station);
    station.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      device: fx.station.id,
      secret: fx.station.secret,
      cursor: 0,
    });
    await station.next((m) => m.type === 'snapshot-end');
    const from = station.messages.length;
    const t0 = Date.now();
    const res = await a.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { showId: fx.showId, seatIds: [fx.rows[3]?.[3]] },
    });
    expect(res.statusCode).toBe(201);
    const seen = await onB.next<{ seats: { seatId: string }[] }>(
      (x) =>
        x.type === 'seats' &&
        (x.seats as { seatId: string }[]).some((st) => st.seatId === fx.rows[3]?.[3]),
      3000,
    );
    expect(seen).toBeDefined();
    await station.next((m) => m.type === 'changes', 3000, from);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('drops a reader that does not keep up while fast readers keep up', async () => {
    const fast = await live(b);
    const slow = await live(b);
    // Stop reading: the server's send buffer for this socket can only grow.
    const raw = (slow.ws as unknown as { _socket: { pause(): void } })._socket;
    raw.pause();
    const seats = fx.seatIds.slice(100);
    const admin = { kind: 'staff' as const, id: null, channel: 'admin' as const };
    const before = b.ctx.live.size();
    const deadline = Date.now() + 25_000;
    let rounds = 0;
    // Churn until the server gives up on the reader that stopped reading.
    while (b.ctx.live.size() >= before && Date.now() < deadline) {
      await withTx(b.ctx.db.$client, (tx) =>
        blockSeats(
          tx,
          { showId: fx.showId, seatIds: seats, reason: `churn ${String(rounds)}` },
          admin,
        ),
      );
      b.ctx.feed.wake();
      await withTx(b.ctx.db.$client, (tx) =>
        unblockSeats(tx, { showId: fx.showId, seatIds: seats }, admin),
      );
      b.ctx.feed.wake();
      rounds++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(b.ctx.live.size()).toBe(before - 1);
    expect(fast.ws.readyState).toBe(fast.ws.OPEN);
    // Once it reads again it learns it was dropped (with 4008 if the close frame got through).
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect([4008, 1006]).toContain((await slow.closed).code);
    const n = fast.messages.length;
    await withTx(b.ctx.db.$client, (tx) =>
      blockSeats(tx, { showId: fx.showId, seatIds: seats.slice(0, 1), reason: 'last' }, admin),
    );
    b.ctx.feed.wake();
    await fast.next(
      (m) =>
        m.type === 'seats' && (m.seats as { state: string }[]).some((x) => x.state === 'blocked'),
      3000,
      n,
    );
  }, 30_000);
});
