// Catalog changes after catch-up: a show added on the server (a new day of the schedule, a
// manager's edit) reaches a connected station through the change log, as a snapshot would carry it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../../test/support/show-fixture.js';
import {
  one,
  openTestStation,
  startTestServer,
  testEngine,
  waitFor,
  type TestServer,
  type TestStation,
} from './test-kit.js';
import type { SyncEngine } from './types.js';

let server: TestServer;
let fx: ShowFixture & { showIds: string[] };
let st: TestStation;
let engine: SyncEngine;

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 5 });
  await db.$client.end();
  server = await startTestServer(url);
  st = await openTestStation();
  ({ engine } = testEngine(st.db, server.url, fx.station));
  engine.start();
  await waitFor(
    'catch-up',
    () => engine.status().state === 'online' && engine.status().catchUp === null,
    15_000,
  );
});

afterAll(async () => {
  await engine.stop();
  st.remove();
  await server.dispose();
});

type Row = Record<string, unknown>;
type Client = { query: (text: string, values: unknown[]) => Promise<unknown> };

// The server's change-log row, written in SQL: src-main may not import the sync server (DESIGN §2).
const appendChange = (
  c: Client,
  ch: {
    cinemaId: string;
    showId: string | null;
    entity: string;
    entityId: string;
    op: 'upsert';
    data: Row;
  },
) =>
  c.query(
    'INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data) VALUES ($1, $2, $3, $4, $5, $6)',
    [ch.cinemaId, ch.showId, ch.entity, ch.entityId, ch.op, JSON.stringify(ch.data)],
  );

/** Copies the fixture's show as a new show a day later, with its prices and seats, logging it like the schedule does. */
async function addShowOnServer(): Promise<string> {
  const showId = randomUUID();
  const c = await server.pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      "INSERT INTO shows (id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status) SELECT $2, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at + interval '1 day', ends_at + interval '1 day', status FROM shows WHERE id = $1",
      [fx.showId, showId],
    );
    await c.query(
      'INSERT INTO show_prices (show_id, category_id, amount_minor, currency) SELECT $2, category_id, amount_minor + 100, currency FROM show_prices WHERE show_id = $1',
      [fx.showId, showId],
    );
    await c.query(
      "INSERT INTO show_seats (show_id, seat_id, state) SELECT $2, seat_id, 'available' FROM show_seats WHERE show_id = $1",
      [fx.showId, showId],
    );
    const show = (await c.query<Row>('SELECT * FROM shows WHERE id = $1', [showId])).rows[0] ?? {};
    await appendChange(c, {
      cinemaId: fx.cinemaId,
      showId,
      entity: 'shows',
      entityId: showId,
      op: 'upsert',
      data: show,
    });
    for (const p of (await c.query<Row>('SELECT * FROM show_prices WHERE show_id = $1', [showId]))
      .rows) {
      await appendChange(c, {
        cinemaId: fx.cinemaId,
        showId,
        entity: 'show_prices',
        entityId: `${showId}:${String(p.category_id)}`,
        op: 'upsert',
        data: p,
      });
    }
    const seats = fx.seatIds.map((seatId) => ({
      seatId,
      state: 'available',
      stationId: null,
      version: 0,
    }));
    await appendChange(c, {
      cinemaId: fx.cinemaId,
      showId,
      entity: 'show_seats',
      entityId: showId,
      op: 'upsert',
      data: { showId, seats },
    });
    await c.query('COMMIT');
  } finally {
    c.release();
  }
  return showId;
}

describe('catalog changes reach a connected station', () => {
  it('stores a new show with its prices and every seat, without a resync', async () => {
    const showId = await addShowOnServer();
    await waitFor(
      'new show in the replica',
      () => one(st.db, 'SELECT id FROM shows WHERE id = ?', showId) !== undefined,
      10_000,
    );
    const local = one(st.db, 'SELECT status, starts_at FROM shows WHERE id = ?', showId);
    const original = one(st.db, 'SELECT starts_at FROM shows WHERE id = ?', fx.showId);
    expect(local?.status).toBe('on_sale');
    expect(Number(local?.starts_at) - Number(original?.starts_at)).toBe(86_400_000);
    await waitFor(
      'its seats',
      () =>
        one(st.db, 'SELECT count(*) AS n FROM show_seats WHERE show_id = ?', showId)?.n ===
        fx.seatIds.length,
    );
    const prices = st.db.$client
      .prepare('SELECT amount_minor FROM show_prices WHERE show_id = ? ORDER BY amount_minor')
      .pluck()
      .all(showId);
    expect(prices).toEqual([1100, 1600]);
  });

  it('applies a later edit of the show and skips a row it cannot store without stopping', async () => {
    const c = await server.pool.connect();
    try {
      await c.query('BEGIN');
      // A row missing required columns cannot be stored: skipped and logged, the cursor moves on.
      await appendChange(c, {
        cinemaId: fx.cinemaId,
        showId: null,
        entity: 'shows',
        entityId: 'broken',
        op: 'upsert',
        data: { id: 'broken' },
      });
      await c.query("UPDATE shows SET status = 'cancelled' WHERE id = $1", [fx.showId]);
      const show =
        (await c.query<Row>('SELECT * FROM shows WHERE id = $1', [fx.showId])).rows[0] ?? {};
      await appendChange(c, {
        cinemaId: fx.cinemaId,
        showId: fx.showId,
        entity: 'shows',
        entityId: fx.showId,
        op: 'upsert',
        data: show,
      });
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    await waitFor(
      'cancelled locally',
      () => one(st.db, 'SELECT status FROM shows WHERE id = ?', fx.showId)?.status === 'cancelled',
      10_000,
    );
    expect(one(st.db, "SELECT id FROM shows WHERE id = 'broken'")).toBeUndefined();
    // The show's seats were not touched by replacing its row.
    expect(one(st.db, 'SELECT count(*) AS n FROM show_seats WHERE show_id = ?', fx.showId)?.n).toBe(
      fx.seatIds.length,
    );
    expect(engine.status().state).toBe('online');
  });
});
