import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketUnitPrice } from '../../common/pricing.js';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import type { App } from '../app.js';
import { invalidateShowSeats } from '../routes/catalog.js';
import {
  buildCatalogApp,
  insertCatalogFixture,
  setSeat,
  type CatalogFixture,
} from './catalog.fixture.js';
import { seatMap, type SeatMapResponse } from './catalog-schemas.js';
import { getSeatMap } from './catalog-seat-map.js';

let app: App;
let db: PgDb;
let fx: CatalogFixture;

beforeAll(async () => {
  const pg = await freshPg();
  db = pg.db;
  fx = await insertCatalogFixture(db);
  app = await buildCatalogApp(pg.url);
});

afterAll(async () => {
  await app.close();
  await db.$client.end();
});

async function seats(showId: string): Promise<SeatMapResponse> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/shows/${showId}/seats` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  // The body is stamped onto a cached string, so check it against the schema the docs publish.
  return seatMap.parse(res.json());
}

const seatId = (label: string): string => fx.screens.chelsea.seatIds.get(label) ?? '';
const stateOf = (map: SeatMapResponse, label: string): string | undefined =>
  map.seats.find((s) => s.label === label)?.state;

describe('GET /shows/{showId}/seats', () => {
  it('returns the layout, rows, every seat and the categories with prices per ticket type', async () => {
    const map = await seats(fx.shows.nyLate);
    expect(map).toMatchObject({
      showId: fx.shows.nyLate,
      layoutId: fx.screens.chelsea.layoutId,
      status: 'on_sale',
      currency: 'USD',
      width: 10,
      height: 8,
      availability: { available: 12, total: 12 },
    });
    expect(map.rows).toEqual([
      { label: 'A', sortOrder: 0, y: 1 },
      { label: 'B', sortOrder: 1, y: 3 },
      { label: 'C', sortOrder: 2, y: 5 },
    ]);
    expect(map.seats.map((s) => s.label)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'B1',
      'B2',
      'B3',
      'B4',
      'C1',
      'C2',
      'C3',
      'C4',
    ]);
    expect(map.seats[0]).toEqual({
      id: seatId('A1'),
      label: 'A1',
      row: 'A',
      number: 1,
      categoryId: fx.screens.chelsea.std,
      kind: 'wheelchair',
      x: 2,
      y: 1,
      state: 'available',
    });
    expect(map.ticketTypes.map((t) => t.code)).toEqual(['ADULT', 'CHILD', 'SENIOR']);
    expect(map.categories).toEqual([
      {
        id: fx.screens.chelsea.prm,
        code: 'PRM',
        name: 'Premium',
        rank: 2,
        color: '#d4af37',
        basePriceMinor: 2000,
        currency: 'USD',
        prices: [
          {
            ticketTypeId: fx.ticketTypes.adult,
            ticketTypeCode: 'ADULT',
            amountMinor: 2000,
            currency: 'USD',
          },
          {
            ticketTypeId: fx.ticketTypes.child,
            ticketTypeCode: 'CHILD',
            amountMinor: 1400,
            currency: 'USD',
          },
          {
            ticketTypeId: fx.ticketTypes.senior,
            ticketTypeCode: 'SENIOR',
            amountMinor: 1600,
            currency: 'USD',
          },
        ],
      },
      expect.objectContaining({
        code: 'STD',
        basePriceMinor: 1500,
        prices: expect.arrayContaining([
          expect.objectContaining({ ticketTypeCode: 'CHILD', amountMinor: 1050 }),
        ]) as unknown,
      }),
    ]);
    expect(await getSeatMap(db, fx.shows.nyLate)).toEqual(map);
  });

  it('prices with the one pricing function a sale uses: format × ticket type, rounded once', async () => {
    const map = await seats(fx.shows.london);
    const prm = map.categories.find((c) => c.code === 'PRM');
    // IMAX ×1.5 on 1005: adult 1507.5 → 1508; child ×0.7: 1055.25 → 1055 (rounding after the
    // format first would give 1508 × 0.7 = 1055.6 → 1056, a cent more than the sale charges).
    expect(prm?.prices.map((p) => p.amountMinor)).toEqual([1508, 1055, 1206]);
    expect(prm?.prices.map((p) => p.amountMinor)).toEqual(
      [10000, 7000, 8000].map((bp) => ticketUnitPrice(1005, 15000, bp)),
    );
    expect(map.status).toBe('scheduled');
  });

  it('shows every state, and a held seat whose hold expired or ended as available', async () => {
    const show = fx.shows.nyLate;
    await setSeat(db, show, seatId('A1'), 'held', { status: 'active', expiresInSeconds: 600 });
    await setSeat(db, show, seatId('A2'), 'held', { status: 'active', expiresInSeconds: -5 });
    await setSeat(db, show, seatId('A3'), 'held', { status: 'released', expiresInSeconds: 600 });
    await setSeat(db, show, seatId('A4'), 'held');
    await setSeat(db, show, seatId('B1'), 'sold');
    await setSeat(db, show, seatId('B2'), 'blocked');
    await setSeat(db, show, seatId('B3'), 'allocated');
    // A station's hold on a seat of its escrow lapses back into the escrow, as the arbiter sees it.
    await setSeat(db, show, seatId('B4'), 'held', { status: 'active', expiresInSeconds: -5 });
    await db.$client.query(
      'UPDATE show_seats SET station_id = gen_random_uuid() WHERE show_id = $1 AND seat_id = $2',
      [show, seatId('B4')],
    );
    // Direct SQL writes no change-log row, so tell the cache, as the product's writers do.
    invalidateShowSeats(app, show);
    const map = await seats(show);
    const states = Object.fromEntries(map.seats.map((s) => [s.label, s.state]));
    expect(states).toEqual({
      A1: 'held',
      A2: 'available',
      A3: 'available',
      A4: 'available',
      B1: 'sold',
      B2: 'blocked',
      B3: 'allocated',
      B4: 'allocated',
      C1: 'available',
      C2: 'available',
      C3: 'available',
      C4: 'available',
    });
    expect(map.availability).toEqual({ available: 7, total: 12 });
    expect(map.version).toBe(8);
    // The list and the details count the same way.
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/shows?cinemaId=${fx.cinemas.chelsea}&date=2030-06-10`,
    });
    expect(list.json()).toMatchObject({ items: [{ availability: { available: 7, total: 12 } }] });
    const details = await app.inject({ method: 'GET', url: `/api/v1/shows/${show}` });
    expect(details.json()).toMatchObject({ availability: { available: 7, total: 12 } });
  });

  it('serves the map from memory until this process says the show changed', async () => {
    const show = fx.shows.nyMorning;
    expect(stateOf(await seats(show), 'C4')).toBe('available');
    await setSeat(db, show, seatId('C4'), 'sold');
    // No change-log row and no invalidation: the map in memory is still served, without a query.
    expect(stateOf(await seats(show), 'C4')).toBe('available');
    invalidateShowSeats(app, show);
    expect(stateOf(await seats(show), 'C4')).toBe('sold');
    await setSeat(db, show, seatId('C4'), 'available');
    invalidateShowSeats(app, show);
    expect(stateOf(await seats(show), 'C4')).toBe('available');
  });

  it('shows a seat that has no show_seats row as blocked, since nobody could hold it', async () => {
    const show = fx.shows.londonDst;
    const missing = fx.screens.soho.seatIds.get('B2') ?? '';
    await db.$client.query('DELETE FROM show_seats WHERE show_id = $1 AND seat_id = $2', [
      show,
      missing,
    ]);
    const map = await seats(show);
    expect(stateOf(map, 'B2')).toBe('blocked');
    expect(map.availability).toEqual({ available: 11, total: 12 });
  });

  it('answers an unknown show with 404 and a malformed id with 400', async () => {
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/shows/3f1c1a52-7a54-4a57-9f51-2b1a6f1c0d11/seats',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'BO_SHOW_NOT_FOUND' } });
    const bad = await app.inject({ method: 'GET', url: '/api/v1/shows/42/seats' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'BO_VALIDATION' } });
  });

  // Speed is benchmark P7 (`npm run bench`); this checks 100 concurrent readers get the same full map.
  it('answers 100 concurrent requests for a 400-seat map with the same complete map', async () => {
    const show = fx.shows.mumbaiEvening;
    const one = await seats(show);
    expect(one.seats).toHaveLength(400);
    const all = await Promise.all(
      Array.from({ length: 100 }, () =>
        app.inject({ method: 'GET', url: `/api/v1/shows/${show}/seats` }),
      ),
    );
    expect(all.map((r) => r.statusCode)).toEqual(Array.from({ length: 100 }, () => 200));
    expect(new Set(all.map((r) => r.body)).size).toBe(1);
    expect(all[0]?.json()).toEqual(one);
  });
});
