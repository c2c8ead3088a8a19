// A station far behind on changes that are big by themselves (every seat of many new shows) gets all
// of them in batches far larger than the socket budget. (On loopback the kernel takes most of a
// batch at once, so this guards delivery; the drop rule itself is judged before each send.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

const BUDGET = 64 * 1024;
let app: App;
let base: string;
let fx: ShowFixture;
let socket: TestSocket | null = null;

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 20, perRow: 20 });
  await db.$client.end();
  app = await buildApp(
    loadServerConfig(
      {},
      { databaseUrl: url, logLevel: 'silent', changeLogPollMs: 50, liveMaxBufferedBytes: BUDGET },
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  base = `ws://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}`;
});
afterAll(async () => {
  socket?.close();
  await app.close();
});

describe('catch-up of big changes', () => {
  it('delivers a batch far larger than the socket budget to a reading station', async () => {
    const pool = app.ctx.db.$client;
    // A station that has seen one change (a hold) resumes from there by delta, not by snapshot.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/holds',
          payload: { showId: fx.showId, seatIds: [fx.rows[0]?.[0]] },
        })
      ).statusCode,
    ).toBe(201);
    const head = await pool.query<{ seq: string }>(
      'SELECT coalesce(max(seq), 0) AS seq FROM change_log',
    );
    const cursor = Number(head.rows[0]?.seq ?? 0);
    // 250 changes of 400 seats each: about 10 MB in one batch, more than loopback buffers take at once.
    const seats = fx.seatIds.map((seatId, i) => ({
      seatId,
      state: 'available',
      stationId: null,
      version: 1000 + i,
    }));
    await pool.query(
      "INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data) SELECT $1, $2::uuid, 'show_seats', $2::uuid::text, 'upsert', $3::jsonb FROM generate_series(1, 250)",
      [fx.cinemaId, fx.showId, JSON.stringify({ showId: fx.showId, seats })],
    );
    socket = await openSocket(`${base}/sync`);
    socket.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      device: fx.station.id,
      secret: fx.station.secret,
      cursor,
    });
    await socket.next((m) => m.type === 'welcome', 10_000);
    const seen = (): number =>
      socket?.messages.filter((m) => m.type === 'changes').flatMap((m) => m.changes).length ?? 0;
    const deadline = Date.now() + 20_000;
    while (seen() < 250 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen()).toBe(250);
    expect(socket.messages.some((m) => m.type === 'error')).toBe(false);
  });
});
