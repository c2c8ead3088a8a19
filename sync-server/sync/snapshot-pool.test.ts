// Stations with cursor 0 that never read (issue 12, item 2): their snapshots used to hold a pool
// connection each while waiting for the reader, so pool size + 2 of them hung every database route
// and /health. Now a snapshot is read whole, the connection released, and then sent under a
// deadline by a capped number of senders; the rest wait in a queue holding no connection. (These
// stations share one credential, so each new one also replaces the one before: all are dropped.)
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { until } from '../../test/support/stack.js';
import { serverSockets, startSyncServer, type SyncServer } from '../../test/support/sync-server.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import { readSnapshot } from './snapshot.js';

const POOL = 4;
let srv: SyncServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  srv = await startSyncServer(
    {
      pgPoolSize: POOL,
      snapshotConcurrency: 2,
      snapshotSendSeconds: 1,
      // Only the snapshot deadline may drop these readers.
      heartbeatMs: 600_000,
    },
    // 120 shows of 400 seats: a snapshot larger than the kernel's socket buffers take at once.
    { rows: 20, perRow: 20, shows: 120 },
  );
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await srv.app.close();
});

describe('snapshots and the pool', () => {
  it('keeps serving while pool size + 2 stations never read their snapshots, and drops them', async () => {
    const snap = await readSnapshot(srv.app.ctx.db.$client, srv.fx.cinemaId);
    // Bigger than loopback buffers, so a non-reader really does stall its sender.
    expect(snap.bytes).toBeGreaterThan(6 * 1024 * 1024);
    const { id, secret } = srv.fx.station;
    for (let i = 0; i < POOL + 2; i++) {
      const s = await openSocket(`${srv.base}/sync`);
      sockets.push(s);
      s.send({ type: 'hello', protocol: PROTOCOL_VERSION, device: id, secret, cursor: 0 });
      (s.ws as unknown as { _socket: Socket })._socket.pause();
    }
    // A sender is stuck on a reader that does not read.
    await until(
      () => serverSockets(srv.app).some((c) => c.bufferedAmount > 0),
      20_000,
      'a stalled sender',
    );
    const health = await srv.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    const seats = await srv.app.inject({
      method: 'GET',
      url: `/api/v1/shows/${srv.fx.showId}/seats`,
    });
    expect(seats.statusCode).toBe(200);
    expect(srv.app.ctx.db.$client.waitingCount).toBe(0);
    // Each gets the send deadline, then is dropped; a station would resync from its cursor.
    await until(() => serverSockets(srv.app).length === 0, 60_000, 'every reader dropped');
  }, 90_000);
});
