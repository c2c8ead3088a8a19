// Seat maps served from memory stay true (catalog-seat-cache.ts): writes through this process are
// seen at once, other processes' writes through the change feed, lapsed holds without any write;
// unchanged maps answer If-None-Match with 304.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';
import { invalidateHoldSeats, invalidateShowSeats } from '../routes/catalog.js';
import { insertCatalogFixture, setSeat, type CatalogFixture } from './catalog.fixture.js';
import { seatMap, type SeatMapResponse } from './catalog-schemas.js';
import { seatStatesResponse } from './catalog-seat-states.js';

let app: App;
let other: App;
let db: PgDb;
let fx: CatalogFixture;

// The sweeper is slowed down so that a lapsed hold is seen lapsing by itself, not because it was swept.
async function server(url: string): Promise<App> {
  const a = await buildApp(
    loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', holdSweepMs: 600_000 }),
  );
  await a.ready();
  return a;
}

beforeAll(async () => {
  const pg = await freshPg();
  db = pg.db;
  fx = await insertCatalogFixture(db);
  app = await server(pg.url);
  // A second server process on the same database, as behind a load balancer.
  other = await server(pg.url);
});

afterAll(async () => {
  await other.close();
  await app.close();
  await db.$client.end();
});

async function map(showId: string, on: App = app): Promise<SeatMapResponse> {
  const res = await on.inject({ method: 'GET', url: `/api/v1/shows/${showId}/seats` });
  expect(res.statusCode, res.body).toBe(200);
  return seatMap.parse(res.json());
}

const chelsea = (label: string): string => fx.screens.chelsea.seatIds.get(label) ?? '';
const soho = (label: string): string => fx.screens.soho.seatIds.get(label) ?? '';
const stateOf = (m: SeatMapResponse, seatId: string): string | undefined =>
  m.seats.find((s) => s.id === seatId)?.state;

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${String(timeoutMs)} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - t0;
}

async function hold(
  on: App,
  showId: string,
  seatIds: string[],
): Promise<{ holdId: string; holdSecret: string }> {
  const res = await on.inject({
    method: 'POST',
    url: '/api/v1/holds',
    payload: { showId, seatIds },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ holdId: string; holdSecret: string }>();
}

describe('seat maps in memory', () => {
  it('shows a hold made through this process on the very next read, and its release too', async () => {
    const show = fx.shows.nyLate;
    const seat = chelsea('B2');
    expect(stateOf(await map(show), seat)).toBe('available');
    const { holdId, holdSecret } = await hold(app, show, [seat]);
    // What routes/holds.ts does after its commit, before answering.
    invalidateShowSeats(app, show);
    expect(stateOf(await map(show), seat)).toBe('held');
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/v1/holds/${holdId}`,
      headers: { 'hold-secret': holdSecret },
    });
    expect(res.statusCode).toBe(204);
    invalidateHoldSeats(app, holdId);
    expect(stateOf(await map(show), seat)).toBe('available');
  });

  it('finds the show of a hold released by id, without the change feed', async () => {
    const show = fx.shows.london;
    const seat = soho('C3');
    await setSeat(db, show, seat, 'held', { status: 'active', expiresInSeconds: 600 });
    invalidateShowSeats(app, show);
    expect(stateOf(await map(show), seat)).toBe('held');
    const r = await db.$client.query<{ hold_id: string }>(
      'SELECT hold_id FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [show, seat],
    );
    const holdId = r.rows[0]?.hold_id ?? '';
    // Released behind the feed's back (no change-log row): only the hold id tells the cache.
    await db.$client.query("UPDATE holds SET status = 'released' WHERE id = $1", [holdId]);
    expect(stateOf(await map(show), seat)).toBe('held');
    invalidateHoldSeats(app, holdId);
    expect(stateOf(await map(show), seat)).toBe('available');
  });

  it('sees a hold made through another server process once the change feed delivers it', async () => {
    const show = fx.shows.mumbaiEarly;
    const seat = fx.screens.bandra.seatIds.get('A2') ?? '';
    expect(stateOf(await map(show), seat)).toBe('available');
    await hold(other, show, [seat]);
    // Well before the 5 s backstop (maxAgeMs): the change feed told this process.
    await eventually(async () => stateOf(await map(show), seat) === 'held', 3000);
  });

  it('sees a direct SQL change once a change-log row for its show is delivered', async () => {
    const show = fx.shows.londonDst;
    const seat = soho('A4');
    expect(stateOf(await map(show), seat)).toBe('available');
    await setSeat(db, show, seat, 'blocked');
    // Served from memory: no change-log row yet, so nothing says the show changed.
    expect(stateOf(await map(show), seat)).toBe('available');
    await db.$client.query(
      `INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data)
       VALUES ($1, $2::uuid, 'show_seats', $2::text, 'upsert', $3)`,
      [
        fx.cinemas.soho,
        show,
        JSON.stringify({
          showId: show,
          seats: [{ seatId: seat, state: 'blocked', stationId: null, version: 1 }],
        }),
      ],
    );
    // The feed's poll finds the row (every 250 ms by default), as it would one from any process.
    await eventually(async () => stateOf(await map(show), seat) === 'blocked', 3000);
  });

  it('shows a held seat as available once its hold lapses, with no write at all', async () => {
    const show = fx.shows.nyMorning;
    const seat = chelsea('A3');
    const written = performance.now();
    await setSeat(db, show, seat, 'held', { status: 'active', expiresInSeconds: 0.6 });
    invalidateShowSeats(app, show);
    expect(stateOf(await map(show), seat)).toBe('held');
    // Well before the 5 s backstop (maxAgeMs), and not before the hold's end.
    await eventually(async () => stateOf(await map(show), seat) === 'available', 3000);
    expect(performance.now() - written).toBeGreaterThan(550);
    const row = await db.$client.query<{ status: string }>(
      'SELECT h.status FROM holds h JOIN show_seats ss ON ss.hold_id = h.id WHERE ss.show_id = $1 AND ss.seat_id = $2',
      [show, seat],
    );
    // Nobody swept it: the cached map lapsed by itself.
    expect(row.rows[0]?.status).toBe('active');
  });
});

describe('ETag and the compact states', () => {
  it('answers If-None-Match with 304 until the map changes', async () => {
    const show = fx.shows.mumbaiEvening;
    const url = `/api/v1/shows/${show}/seats`;
    const first = await app.inject({ method: 'GET', url });
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    if (typeof etag !== 'string') return;
    for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'if-none-match': header } });
      expect(res.statusCode, header).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers.etag).toBe(etag);
    }
    // Another process's server computes the same tag for the same map.
    expect((await other.inject({ method: 'GET', url })).headers.etag).toBe(etag);
    await setSeat(db, show, fx.screens.andheri.seatIds.get('A5') ?? '', 'sold');
    invalidateShowSeats(app, show);
    const changed = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(seatMap.parse(changed.json()).availability).toEqual({ available: 399, total: 400 });
  });

  it('reads an upper-case show id as the same show, so it sees the same changes', async () => {
    const show = fx.shows.mumbaiEvening;
    const upper = `/api/v1/shows/${show.toUpperCase()}/seats`;
    const before = seatMap.parse((await app.inject({ method: 'GET', url: upper })).json());
    await setSeat(db, show, fx.screens.andheri.seatIds.get('A6') ?? '', 'sold');
    invalidateShowSeats(app, show);
    const after = seatMap.parse((await app.inject({ method: 'GET', url: upper })).json());
    expect(after.availability.available).toBe(before.availability.available - 1);
  });

  it('serves the states alone in the seat order of the full map, with their own ETag', async () => {
    const show = fx.shows.mumbaiEvening;
    const full = await map(show);
    const res = await app.inject({ method: 'GET', url: `/api/v1/shows/${show}/seat-states` });
    expect(res.statusCode).toBe(200);
    const compact = seatStatesResponse.parse(res.json());
    expect(compact).toMatchObject({
      showId: show,
      layoutId: full.layoutId,
      version: full.version,
      status: full.status,
      availability: full.availability,
    });
    expect(compact.states).toEqual(full.seats.map((s) => s.state));
    expect(res.rawPayload.length).toBeLessThan(6000);
    const again = await app.inject({
      method: 'GET',
      url: `/api/v1/shows/${show}/seat-states`,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/shows/3f1c1a52-7a54-4a57-9f51-2b1a6f1c0d11/seat-states',
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'BO_SHOW_NOT_FOUND' } });
  });

  it('sends gzip to clients that accept it, compressed once, with its own ETag', async () => {
    const url = `/api/v1/shows/${fx.shows.mumbaiEvening}/seats`;
    const plain = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip;q=0, br' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(zipped.rawPayload.length * 4).toBeLessThan(plain.rawPayload.length);
    const tag = String(zipped.headers.etag);
    expect(tag).not.toBe(plain.headers.etag);
    const again = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': tag },
    });
    expect(again.statusCode).toBe(304);
    // The gzip tag does not validate the plain representation.
    expect(
      (await app.inject({ method: 'GET', url, headers: { 'if-none-match': tag } })).statusCode,
    ).toBe(200);
  });

  it('documents the states route and the 304 answers in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { get?: { responses?: Record<string, unknown> } }>;
    }>();
    for (const path of ['/api/v1/shows/{showId}/seats', '/api/v1/shows/{showId}/seat-states']) {
      expect(Object.keys(doc.paths[path]?.get?.responses ?? {}), path).toEqual(
        expect.arrayContaining(['200', '304', '400', '404']),
      );
    }
  });
});
