// What a real server does not do on purpose: malformed messages, "busy" rejects, a silent link, a
// snapshot cut off halfway. A scripted WebSocket server plays the server's side.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openTestStation, testEngine, waitFor, type TestStation } from './test-kit.js';

type Script = {
  wss: WebSocketServer;
  url: string;
  sockets: WebSocket[];
  received: Record<string, unknown>[];
  close(): Promise<void>;
};

const station = { id: randomUUID(), secret: 'fake-secret-0123456789' };
const cinemaId = randomUUID();
const showId = randomUUID();
const seatId = randomUUID();

/** A server that says welcome to every hello and hands each message to `onMessage`. */
async function scriptedServer(
  onMessage: (ws: WebSocket, msg: Record<string, unknown>) => void,
  welcomeTo: () => string | null,
): Promise<Script> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/sync' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const script: Script = {
    wss,
    url: `http://127.0.0.1:${String((wss.address() as AddressInfo).port)}`,
    sockets: [],
    received: [],
    close: () =>
      new Promise<void>((r) => {
        for (const s of script.sockets) s.terminate();
        wss.close(() => r());
      }),
  };
  wss.on('connection', (ws) => {
    script.sockets.push(ws);
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      script.received.push(msg);
      const cinema = welcomeTo();
      if (msg.type === 'hello' && cinema !== null)
        ws.send(
          JSON.stringify({
            type: 'welcome',
            stationId: station.id,
            cinemaId: cinema,
            serverTime: new Date().toISOString(),
            protocol: 1,
          }),
        );
      onMessage(ws, msg);
    });
  });
  return script;
}

const seatChange = (state: string, version: number, seq: number) => ({
  type: 'changes',
  cursor: seq,
  more: false,
  changes: [
    {
      seq,
      entity: 'show_seats',
      entityId: showId,
      op: 'upsert',
      data: { showId, seats: [{ seatId, state, stationId: null, version }] },
    },
  ],
});

const cleanups: (() => Promise<void> | void)[] = [];
let st: TestStation;
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(
  onMessage: (ws: WebSocket, msg: Record<string, unknown>) => void,
  over: Parameters<typeof testEngine>[3] = {},
  welcomeTo: () => string | null = () => cinemaId,
) {
  const server = await scriptedServer(onMessage, welcomeTo);
  cleanups.push(() => server.close());
  st = await openTestStation();
  cleanups.push(() => st.remove());
  const made = testEngine(st.db, server.url, station, over);
  cleanups.push(() => made.engine.stop());
  return { server, ...made };
}

describe('sync engine against a scripted server', () => {
  it('logs and ignores malformed messages, and keeps applying good ones', async () => {
    const { engine, logs } = await setUp((ws, msg) => {
      if (msg.type !== 'hello') return;
      ws.send('not json at all');
      ws.send(JSON.stringify({ type: 'changes', changes: 'nope' }));
      ws.send(JSON.stringify({ type: 'who-knows' }));
      ws.send(JSON.stringify({ type: 'ack', id: 'not-a-uuid', result: 1 }));
      ws.send(
        JSON.stringify({
          type: 'snapshot-chunk',
          table: 'show_seats',
          rows: [{ show_id: showId }],
        }),
      );
      ws.send(
        JSON.stringify({
          ...seatChange('held', 3, 7),
          changes: [
            {
              seq: 6,
              entity: 'show_seats',
              entityId: showId,
              op: 'upsert',
              data: { showId: 'bad' },
            },
            { seq: 6, entity: 'future_thing', entityId: 'x', op: 'upsert', data: {} },
            ...seatChange('held', 3, 7).changes,
          ],
        }),
      );
    });
    engine.start();
    await waitFor(
      'good change applied',
      () =>
        st.db.$client
          .prepare('SELECT state FROM show_seats WHERE seat_id = ?')
          .pluck()
          .get(seatId) === 'held',
    );
    expect(engine.status()).toMatchObject({ state: 'online', cursor: 7 });
    expect(
      logs.filter(
        (l) =>
          l.msg.includes('malformed') ||
          l.msg.includes('not JSON') ||
          l.msg.includes('without snapshot-begin'),
      ).length,
    ).toBeGreaterThanOrEqual(5);
    expect(logs.some((l) => l.msg === 'change of an unknown entity ignored')).toBe(true);
  });

  it('keeps a BO_UNAVAILABLE mutation queued and sends it again on its own timer', async () => {
    let tries = 0;
    const { engine } = await setUp((ws, msg) => {
      if (msg.type !== 'mutate') return;
      tries += 1;
      ws.send(
        JSON.stringify(
          tries < 3
            ? { type: 'reject', id: msg.id, code: 'BO_UNAVAILABLE', message: 'busy' }
            : { type: 'ack', id: msg.id, result: { ok: 1 } },
        ),
      );
    });
    engine.start();
    await waitFor('online', () => engine.isOnline());
    const outcomes: string[] = [];
    engine.onOutcome((o) => outcomes.push(`${o.outcome}:${o.mutation.id}`));
    const id = engine.enqueue('release', { holdId: 'h_abcdefghijklmnopqrstuvwx' });
    await waitFor('acked', () => engine.status().pendingCount === 0, 5000);
    expect(tries).toBe(3);
    expect(outcomes).toEqual([`ack:${id}`]);
    expect(engine.reviewItems()).toHaveLength(0);
  });

  it('treats a silent link as dead and reconnects', async () => {
    let hellos = 0;
    const { engine } = await setUp(
      (_ws, msg) => {
        // Never answers pings: after deadAfterMs the station drops the link and says hello again.
        if (msg.type === 'hello') hellos += 1;
      },
      { heartbeatMs: 100, deadAfterMs: 400, reconnectMaxMs: 100 },
    );
    engine.start();
    await waitFor('second hello', () => hellos >= 2, 3000);
    expect(hellos).toBeGreaterThanOrEqual(2);
  });

  it('leaves the replica untouched when a snapshot is cut off, and pings on its heartbeat', async () => {
    let cut = true;
    const { engine, server } = await setUp(
      (ws, msg) => {
        if (msg.type !== 'hello') return;
        ws.send(JSON.stringify({ type: 'snapshot-begin', total: 2 }));
        ws.send(
          JSON.stringify({
            type: 'snapshot-chunk',
            table: 'cinemas',
            rows: [
              {
                id: cinemaId,
                chain_id: randomUUID(),
                city_id: randomUUID(),
                name: 'New',
                address: 'x',
                time_zone: 'UTC',
                currency: 'EUR',
                locale: 'en',
              },
            ],
          }),
        );
        if (cut) {
          cut = false;
          setTimeout(() => ws.terminate(), 50);
          return;
        }
        ws.send(JSON.stringify({ type: 'snapshot-end', cursor: 9 }));
      },
      { heartbeatMs: 50 },
    );
    st.db.$client
      .prepare(
        "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES (?, 'c', 'c', 'Old', 'x', 'UTC', 'EUR', 'en')",
      )
      .run(randomUUID());
    const seen: string[] = [];
    engine.onStatus((s) => seen.push(`${s.state}:${String(s.catchUp?.total ?? '-')}`));
    engine.start();
    await waitFor('cut off', () => seen.some((s) => s.startsWith('offline')) || null, 3000);
    expect(st.db.$client.prepare('SELECT name FROM cinemas').pluck().all()).toEqual(['Old']);
    await waitFor('snapshot swapped in', () => engine.status().cursor === 9, 3000);
    expect(st.db.$client.prepare('SELECT name FROM cinemas').pluck().all()).toEqual(['New']);
    await waitFor('a heartbeat ping', () => server.received.some((m) => m.type === 'ping'), 2000);
  });

  it('says to update the station when the server speaks another protocol, and keeps retrying', async () => {
    let hellos = 0;
    const { engine } = await setUp(
      (ws, msg) => {
        if (msg.type !== 'hello') return;
        hellos += 1;
        ws.send(
          JSON.stringify({
            type: 'error',
            code: 'BO_PROTOCOL_VERSION',
            message:
              'This server speaks sync protocol 2; the station speaks 1. Update the station.',
          }),
        );
        ws.close(4426, 'protocol version');
      },
      { reconnectMaxMs: 150 },
      () => null,
    );
    engine.start();
    await waitFor(
      'lastError',
      () => engine.status().lastError?.includes('Update the station'),
      3000,
    );
    expect(engine.status().state).not.toBe('online');
    await waitFor('a later attempt', () => hellos >= 2, 3000);
  });

  it('starts over with a snapshot when the replica belongs to another cinema', async () => {
    const hellos: number[] = [];
    const { engine } = await setUp((_ws, msg) => {
      if (msg.type === 'hello') hellos.push(msg.cursor as number);
    });
    st.db.$client
      .prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', '41'), ('cinemaId', ?)")
      .run(randomUUID());
    engine.start();
    await waitFor('hello with cursor 0', () => hellos.includes(0), 3000);
    expect(hellos[0]).toBe(41);
    expect(
      st.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'cinemaId'").pluck().get(),
    ).toBe(cinemaId);
  });
});
