import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import type { App } from '../app.js';
import {
  buildCatalogApp,
  insertCatalogFixture,
  type CatalogFixture,
} from '../services/catalog.fixture.js';
import { showDetails } from '../services/catalog-schemas.js';

type Item = Record<string, unknown>;
type PageBody = { items: Item[]; total: number; limit: number; offset: number };

let app: App;
let db: PgDb;
let fx: CatalogFixture;

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await app.inject({ method: 'GET', url: `/api/v1${url}` });
  return { status: res.statusCode, body: res.json() };
}

async function page(url: string): Promise<PageBody> {
  const res = await get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as PageBody;
}

const names = (p: PageBody, key = 'name'): unknown[] => p.items.map((i) => i[key]);

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

describe('GET /cities and /cinemas', () => {
  it('lists cities by name, paginated', async () => {
    expect(names(await page('/cities'))).toEqual(['London', 'Mumbai', 'New York']);
    const second = await page('/cities?limit=1&offset=1');
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(names(second)).toEqual(['Mumbai']);
    expect(await page('/cities?offset=10')).toEqual({ items: [], total: 3, limit: 50, offset: 10 });
  });

  it('lists cinemas with time zone, currency, locale and city, filtered by city', async () => {
    const all = await page('/cinemas');
    expect(all.total).toBe(4);
    expect(all.items[0]).toEqual({
      id: fx.cinemas.andheri,
      name: 'Marquee Andheri',
      address: '1 Marquee Andheri Street',
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      locale: 'en-IN',
      city: { id: fx.cities.mumbai, name: 'Mumbai', country: 'IN' },
    });
    expect(names(await page(`/cinemas?cityId=${fx.cities.mumbai}`))).toEqual([
      'Marquee Andheri',
      'Marquee Bandra',
    ]);
    expect(names(await page(`/cinemas?cityId=${fx.cities.mumbai}&limit=1&offset=1`))).toEqual([
      'Marquee Bandra',
    ]);
  });

  it('answers an unknown city with 404 and a malformed one with 400', async () => {
    expect(await get('/cinemas?cityId=3f1c1a52-7a54-4a57-9f51-2b1a6f1c0d11')).toMatchObject({
      status: 404,
      body: { error: { code: 'BO_NOT_FOUND' } },
    });
    expect(await get('/cinemas?cityId=mumbai')).toMatchObject({
      status: 400,
      body: { error: { code: 'BO_VALIDATION' } },
    });
  });
});

describe('GET /movies', () => {
  it('counts a show on the local day of its own cinema', async () => {
    // UTC 10 June would hold the Mumbai 00:30 show of 11 June and miss the New York 23:30 show.
    expect(names(await page('/movies?date=2030-06-10'), 'title')).toEqual([
      'Monsoon Ledger',
      'Paper Moons',
      'Quiet Orbit',
    ]);
    expect(names(await page('/movies?date=2030-06-11'), 'title')).toEqual([
      'Monsoon Ledger',
      'Quiet Orbit',
    ]);
    expect(
      names(await page(`/movies?cinemaId=${fx.cinemas.bandra}&date=2030-06-10`), 'title'),
    ).toEqual([]);
    expect(
      names(await page(`/movies?cinemaId=${fx.cinemas.bandra}&date=2030-06-11`), 'title'),
    ).toEqual(['Monsoon Ledger']);
    expect(
      names(await page(`/movies?cinemaId=${fx.cinemas.chelsea}&date=2030-06-10`), 'title'),
    ).toEqual(['Paper Moons']);
  });

  it('without a date lists movies with upcoming shows only', async () => {
    // Old Reel only had a show in 2020; Paper Moons' cancelled show does not count but its others do.
    expect(names(await page('/movies'), 'title')).toEqual([
      'Monsoon Ledger',
      'Paper Moons',
      'Quiet Orbit',
    ]);
  });

  it('filters by genre and show language, case-insensitively, and paginates', async () => {
    expect(names(await page('/movies?genre=drama'), 'title')).toEqual([
      'Monsoon Ledger',
      'Quiet Orbit',
    ]);
    expect(names(await page('/movies?language=hindi'), 'title')).toEqual(['Monsoon Ledger']);
    expect(names(await page('/movies?language=English&date=2030-06-11'), 'title')).toEqual([
      'Quiet Orbit',
    ]);
    expect(names(await page('/movies?genre=Western'), 'title')).toEqual([]);
    const p = await page('/movies?limit=2&offset=1');
    expect(p).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(names(p, 'title')).toEqual(['Paper Moons', 'Quiet Orbit']);
    expect(p.items[0]).toMatchObject({
      genres: ['Comedy'],
      durationMinutes: 120,
      ratingTenths: 75,
      releaseDate: '2020-01-01',
      closeDate: null,
    });
  });

  it('answers an unknown cinema with 404', async () => {
    expect(await get('/movies?cinemaId=3f1c1a52-7a54-4a57-9f51-2b1a6f1c0d11')).toMatchObject({
      status: 404,
      body: { error: { code: 'BO_NOT_FOUND' } },
    });
  });
});

describe('GET /shows', () => {
  it('returns a late show on its local day, not its UTC day', async () => {
    const late = await page(`/shows?cinemaId=${fx.cinemas.chelsea}&date=2030-06-10`);
    expect(late.items).toEqual([
      {
        id: fx.shows.nyLate,
        cinemaId: fx.cinemas.chelsea,
        movieId: fx.movies.moons,
        movieTitle: 'Paper Moons',
        screenId: fx.screens.chelsea.screenId,
        screenName: 'Screen 1',
        formatCode: '2D',
        language: 'English',
        startsAt: '2030-06-11T03:30:00.000Z',
        endsAt: '2030-06-11T05:45:00.000Z',
        local: '2030-06-10T23:30:00-04:00',
        timeZone: 'America/New_York',
        status: 'on_sale',
        availability: { available: 12, total: 12 },
      },
    ]);
    expect(
      names(await page(`/shows?cinemaId=${fx.cinemas.chelsea}&date=2030-06-11`), 'id'),
    ).toEqual([fx.shows.nyMorning]);
  });

  it('returns an early show on its local day although UTC says the day before', async () => {
    const early = await page(`/shows?cinemaId=${fx.cinemas.bandra}&date=2030-06-11`);
    expect(names(early, 'id')).toEqual([fx.shows.mumbaiEarly]);
    expect(early.items[0]).toMatchObject({
      startsAt: '2030-06-10T19:00:00.000Z',
      local: '2030-06-11T00:30:00+05:30',
    });
    expect(await page(`/shows?cinemaId=${fx.cinemas.bandra}&date=2030-06-10`)).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('gets the local day right on a daylight-saving day', async () => {
    const dst = await page(`/shows?cinemaId=${fx.cinemas.soho}&date=2030-03-31`);
    expect(dst.items).toMatchObject([
      { id: fx.shows.londonDst, local: '2030-03-31T23:30:00+01:00' },
    ]);
    expect((await page(`/shows?cinemaId=${fx.cinemas.soho}&date=2030-04-01`)).total).toBe(0);
  });

  it('orders by start across cinemas, leaves cancelled shows out and paginates', async () => {
    const day = await page('/shows?date=2030-06-10');
    expect(names(day, 'id')).toEqual([fx.shows.mumbaiEvening, fx.shows.london, fx.shows.nyLate]);
    const p = await page('/shows?date=2030-06-10&limit=1&offset=2');
    expect(p).toMatchObject({ total: 3, limit: 1, offset: 2 });
    expect(names(p, 'id')).toEqual([fx.shows.nyLate]);
    expect(await page('/shows?date=2030-06-10&offset=3')).toMatchObject({ items: [], total: 3 });
  });

  it('filters by movie; without a date lists only shows not yet started', async () => {
    const ledger = await page(`/shows?movieId=${fx.movies.ledger}`);
    expect(names(ledger, 'id')).toEqual([fx.shows.mumbaiEvening, fx.shows.mumbaiEarly]);
    expect((await page(`/shows?movieId=${fx.movies.reel}`)).total).toBe(0);
    expect(names(await page(`/shows?movieId=${fx.movies.reel}&date=2020-01-01`), 'id')).toEqual([
      fx.shows.past,
    ]);
  });

  it('answers unknown ids with 404 and malformed input with 400', async () => {
    const unknown = '3f1c1a52-7a54-4a57-9f51-2b1a6f1c0d11';
    expect(await get(`/shows?movieId=${unknown}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'BO_NOT_FOUND' } },
    });
    expect(await get(`/shows?cinemaId=${unknown}&date=2030-06-10`)).toMatchObject({
      status: 404,
      body: { error: { code: 'BO_NOT_FOUND' } },
    });
    for (const bad of [
      'date=2030-02-30',
      'date=2030-6-1',
      'date=0000-01-01',
      'date=tomorrow',
      'limit=0',
      'limit=201',
      'limit=abc',
      'offset=-1',
      'offset=1.5',
      'movieId=42',
      'limit=1&limit=2',
    ]) {
      expect(await get(`/shows?${bad}`), bad).toMatchObject({
        status: 400,
        body: { error: { code: 'BO_VALIDATION' } },
      });
    }
  });
});

describe('GET /shows/{showId}', () => {
  it('returns the show with movie, cinema, screen, format and prices per category and ticket type', async () => {
    const res = await get(`/shows/${fx.shows.mumbaiEvening}`);
    expect(res.status).toBe(200);
    const show = showDetails.parse(res.body);
    expect(show).toMatchObject({
      id: fx.shows.mumbaiEvening,
      status: 'on_sale',
      language: 'English',
      startsAt: '2030-06-10T15:30:00.000Z',
      local: '2030-06-10T21:00:00+05:30',
      timeZone: 'Asia/Kolkata',
      movie: { id: fx.movies.ledger, title: 'Monsoon Ledger' },
      cinema: {
        id: fx.cinemas.andheri,
        currency: 'INR',
        locale: 'en-IN',
        city: { name: 'Mumbai' },
      },
      screen: { id: fx.screens.andheri.screenId, name: 'Screen 1' },
      format: { code: '3D', multiplierBp: 13000 },
      availability: { available: 400, total: 400 },
    });
    expect(show.ticketTypes.map((t) => t.code)).toEqual(['ADULT', 'CHILD', 'SENIOR']);
    expect(
      show.categories.map((c) => [c.code, c.basePriceMinor, c.prices.map((p) => p.amountMinor)]),
    ).toEqual([
      ['PRM', 35000, [45500, 31850, 36400]],
      ['STD', 25000, [32500, 22750, 26000]],
    ]);
  });

  it('still shows a cancelled show, with its status', async () => {
    expect(await get(`/shows/${fx.shows.cancelled}`)).toMatchObject({
      status: 200,
      body: { status: 'cancelled' },
    });
  });

  it('answers an unknown show with 404 and a malformed id with 400', async () => {
    expect(await get('/shows/3f1c1a52-7a54-4a57-9f51-2b1a6f1c0d11')).toMatchObject({
      status: 404,
      body: { error: { code: 'BO_SHOW_NOT_FOUND' } },
    });
    expect(await get('/shows/not-a-uuid')).toMatchObject({
      status: 400,
      body: { error: { code: 'BO_VALIDATION' } },
    });
  });
});

describe('the catalog API as a whole', () => {
  it('lists every catalog route in /openapi.json with a summary, tags and its responses', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json<{
      paths: Record<
        string,
        {
          get?: {
            summary?: string;
            tags?: string[];
            responses?: Record<string, unknown>;
            parameters?: { name: string }[];
          };
        }
      >;
    }>();
    const expected: Record<string, string[]> = {
      '/api/v1/cities': ['limit', 'offset'],
      '/api/v1/cinemas': ['limit', 'offset', 'cityId'],
      '/api/v1/movies': ['limit', 'offset', 'cinemaId', 'genre', 'language', 'date'],
      '/api/v1/shows': ['limit', 'offset', 'cinemaId', 'movieId', 'date'],
      '/api/v1/shows/{showId}': ['showId'],
      '/api/v1/shows/{showId}/seats': ['showId'],
    };
    for (const [path, params] of Object.entries(expected)) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op?.summary, path).toBeTruthy();
      expect(op?.tags, path).toEqual(['catalog']);
      expect(Object.keys(op?.responses ?? {}), path).toEqual(
        expect.arrayContaining(['200', '400']),
      );
      expect(op?.parameters?.map((p) => p.name).sort(), path).toEqual([...params].sort());
    }
    expect(Object.keys(doc.paths['/api/v1/shows/{showId}/seats']?.get?.responses ?? {})).toContain(
      '404',
    );
  });

  it('never answers odd input with a 5xx', async () => {
    const show = fx.shows.nyLate;
    const urls = [
      '/movies?genre=%00',
      '/movies?language=a%00b',
      '/movies?genre=',
      '/movies?genre=%E2%80%8B',
      '/movies?genre=%27%3B%20DROP%20TABLE%20movies%3B--',
      `/movies?date=9999-12-31&cinemaId=${fx.cinemas.chelsea}`,
      '/movies?date=0001-01-01',
      '/shows?date=2030-13-01',
      '/shows?offset=99999999999999999999',
      '/shows?limit=1e2',
      '/shows?limit=%20',
      '/cities?limit[]=1',
      '/cinemas?cityId=%00',
      `/shows/${show.toUpperCase()}`,
      `/shows/${show}/seats?x=1`,
      '/shows/%00',
      '/shows/00000000-0000-0000-0000-000000000000/seats',
      `/shows/${show}%20`,
      '/shows/ffffffff-ffff-ffff-ffff-ffffffffffff',
    ];
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url: `/api/v1${url}` });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400)
        expect(res.json(), url).toMatchObject({
          error: { code: expect.stringMatching(/^BO_/) as unknown },
        });
    }
  });
});
