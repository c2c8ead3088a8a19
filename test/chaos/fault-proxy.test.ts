// The chaos run's fault proxy does what it says to real WebSocket traffic: duplicates and reorders
// the station's mutations (and nothing else), cuts a connection mid-message, and partitions.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

type Server = { port: number; received: string[]; close(): Promise<void> };

async function echoServer(): Promise<Server> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const received: string[] = [];
  wss.on('connection', (ws) => ws.on('message', (d: Buffer) => received.push(d.toString())));
  const addr = wss.address();
  return {
    port: typeof addr === 'object' && addr !== null ? addr.port : 0,
    received,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

async function connect(proxy: FaultProxy): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${String(proxy.port)}/sync`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

const mutate = (n: number) =>
  JSON.stringify({ type: 'mutate', id: `m${String(n)}`, payload: 'x'.repeat(n * 100) });
const ping = JSON.stringify({ type: 'ping' });

describe('fault proxy', () => {
  let server: Server;
  let proxy: FaultProxy;
  afterEach(async () => {
    await proxy.close();
    await server.close();
  });
  const start = async () => {
    server = await echoServer();
    proxy = await startFaultProxy({ upstreams: () => [server.port], random: () => 0 });
  };

  it('passes traffic through untouched when healthy, large frames included', async () => {
    await start();
    const ws = await connect(proxy);
    ws.send(mutate(700));
    ws.send(ping);
    await until(() => server.received.length === 2);
    expect(server.received).toEqual([mutate(700), ping]);
    ws.close();
  });

  it('duplicates mutations and only mutations', async () => {
    await start();
    proxy.set({ duplicate: 1 });
    const ws = await connect(proxy);
    ws.send(mutate(1));
    ws.send(ping);
    await until(() => server.received.length === 3);
    expect(server.received).toEqual([mutate(1), mutate(1), ping]);
    expect(proxy.stats.duplicated).toBe(1);
    ws.close();
  });

  it('sends a held-back mutation after the next frame', async () => {
    await start();
    proxy.set({ reorder: 1 });
    const ws = await connect(proxy);
    ws.send(mutate(1));
    ws.send(ping);
    await until(() => server.received.length === 2);
    expect(server.received).toEqual([ping, mutate(1)]);
    ws.close();
  });

  it('cuts the connection in the middle of a frame: the server never gets it', async () => {
    await start();
    proxy.set({ cut: 1 });
    const ws = await connect(proxy);
    const closed = new Promise((r) => ws.once('close', r));
    ws.send(mutate(5));
    await closed;
    expect(server.received).toEqual([]);
    expect(proxy.stats.cut).toBe(1);
  });

  it('partitions: open connections drop and new ones are refused until healed', async () => {
    await start();
    const ws = await connect(proxy);
    const closed = new Promise((r) => ws.once('close', r));
    proxy.set({ partitioned: true });
    await closed;
    await expect(connect(proxy)).rejects.toThrow();
    proxy.set({ partitioned: false });
    const again = await connect(proxy);
    again.send(ping);
    await until(() => server.received.length === 1);
    expect(server.received).toEqual([ping]);
    again.close();
  });
});
