// The catalog over the demo chain: every shape the generator makes must read back cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { seedDemo } from '../../db/demo/seed.js';
import { freshPg } from '../../test/support/pg.js';
import type { App } from '../app.js';
import { buildCatalogApp } from './catalog.fixture.js';
import {
  cinemaItem,
  movieItem,
  pageOf,
  seatMap,
  showDetails,
  showItem,
} from './catalog-schemas.js';

let app: App;
let db: PgDb;
const today = new Date('2030-06-10T06:00:00Z');

beforeAll(async () => {
  const pg = await freshPg();
  db = pg.db;
  await seedDemo(db, { seed: 42, today });
  app = await buildCatalogApp(pg.url);
});

afterAll(async () => {
  await app.close();
  await db.$client.end();
});

async function body(url: string): Promise<unknown> {
  const res = await app.inject({ method: 'GET', url: `/api/v1${url}` });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
}

describe('catalog over the demo chain', () => {
  it('lists each cinema’s shows of its local day, with maps and prices that parse', async () => {
    const cinemas = pageOf(cinemaItem).parse(await body('/cinemas'));
    expect(cinemas.total).toBe(4);
    expect(new Set(cinemas.items.map((c) => c.timeZone)).size).toBeGreaterThan(1);
    for (const cinema of cinemas.items) {
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: cinema.timeZone }).format(today);
      const shows = pageOf(showItem).parse(
        await body(`/shows?cinemaId=${cinema.id}&date=${date}&limit=200`),
      );
      expect(shows.total, cinema.name).toBeGreaterThan(0);
      expect(shows.items.every((s) => s.local.startsWith(date))).toBe(true);
      const movies = pageOf(movieItem).parse(
        await body(`/movies?cinemaId=${cinema.id}&date=${date}`),
      );
      expect(movies.items.map((m) => m.id).sort()).toEqual(
        [...new Set(shows.items.map((s) => s.movieId))].sort(),
      );

      const biggest = [...shows.items].sort(
        (a, b) => b.availability.total - a.availability.total,
      )[0];
      if (biggest === undefined) continue;
      const details = showDetails.parse(await body(`/shows/${biggest.id}`));
      expect(details.categories.length).toBeGreaterThan(0);
      expect(
        details.categories.every(
          (c) => c.prices.length === details.ticketTypes.length && c.currency === cinema.currency,
        ),
      ).toBe(true);
      const map = seatMap.parse(await body(`/shows/${biggest.id}/seats`));
      expect(map.seats).toHaveLength(biggest.availability.total);
      expect(map.availability).toEqual(biggest.availability);
      expect(map.categories).toEqual(details.categories);
    }
  });

  it('lists the demo cities and upcoming movies', async () => {
    expect(await body('/cities')).toMatchObject({ total: 3 });
    const movies = pageOf(movieItem).parse(await body('/movies?limit=200'));
    expect(movies.total).toBeGreaterThan(0);
    expect(movies.total).toBeLessThanOrEqual(20);
  });
});
