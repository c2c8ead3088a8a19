// Issue 15: the station tells the server how many writes wait in its outbox, in its hello and in each
// heartbeat ping, so managers see it in the station list. A scripted server records what it is told.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openTestStation, testEngine, waitFor, type TestStation } from './test-kit.js';

const station = { id: randomUUID(), secret: 'fake-secret-0123456789' };
const cinemaId = randomUUID();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Msg = Record<string, unknown>;

/** Welcomes every hello, never acks on its own; `received` holds every message in order. */
async function recordingServer(): Promise<{
  url: string;
  received: Msg[];
  socket: () => WebSocket;
}> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/sync' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const received: Msg[] = [];
  let last: WebSocket | null = null;
  wss.on('connection', (ws) => {
    last = ws;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as Msg;
      received.push(msg);
      if (msg.type !== 'hello') return;
      // An empty snapshot: the station is online and starts sending its outbox.
      for (const reply of [
        {
          type: 'welcome',
          stationId: station.id,
          cinemaId,
          serverTime: new Date().toISOString(),
          protocol: 1,
        },
        { type: 'snapshot-begin', total: 0 },
        { type: 'snapshot-end', cursor: 1 },
      ])
        ws.send(JSON.stringify(reply));
    });
  });
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  );
  return {
    url: `http://127.0.0.1:${String((wss.address() as AddressInfo).port)}`,
    received,
    socket: () => {
      if (last === null) throw new Error('no connection yet');
      return last;
    },
  };
}

describe('the outbox count the station reports', () => {
  let st: TestStation;

  it('is in the hello and in each ping, and follows the outbox as it drains', async () => {
    const server = await recordingServer();
    st = await openTestStation();
    cleanups.push(() => st.remove());
    const { engine } = testEngine(st.db, server.url, station, { heartbeatMs: 50 });
    cleanups.push(() => engine.stop());
    const showId = randomUUID();
    for (let i = 0; i < 3; i += 1) engine.enqueue('deallocate', { showId });
    engine.start();
    const hello = await waitFor(
      'hello',
      () => server.received.find((m) => m.type === 'hello'),
      5000,
    );
    expect(hello.pending).toBe(3);
    await waitFor(
      'a ping with 3',
      () => server.received.some((m) => m.type === 'ping' && m.pending === 3),
      5000,
    );
    // The server acks the first write it was sent: two are left, and the next pings say so.
    const sent = await waitFor(
      'a write sent',
      () => server.received.find((m) => m.type === 'mutate'),
      5000,
    );
    server.socket().send(JSON.stringify({ type: 'ack', id: sent.id, result: {} }));
    await waitFor(
      'a ping with 2',
      () => server.received.some((m) => m.type === 'ping' && m.pending === 2),
      5000,
    );
    expect(engine.status().pendingCount).toBe(2);
  });
});
