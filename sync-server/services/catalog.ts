// Public catalog reads (no sign-in): cities, cinemas and movies here; shows and seat maps re-exported
// from their own files, so routes import the whole catalog from one place.
import { and, asc, eq, exists, ne, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.js';
import { cinemas, cities, movies, shows } from '../../db/pg/schema.js';
import { assertExists, onLocalDay, pageTotal } from './catalog-common.js';
import type {
  CinemaItem,
  CinemaQuery,
  CityItem,
  MovieItem,
  MovieQuery,
  Page,
  PageQuery,
} from './catalog-schemas.js';

export { clearLayoutCache, getSeatMap, getSeatMapBody } from './catalog-seat-map.js';
export { getShow, listShows } from './catalog-shows.js';

const totalOver = sql<number>`count(*) OVER ()`.mapWith(Number);

/** Cities of the chain by name. */
export async function listCities(db: PgDb, page: PageQuery): Promise<Page<CityItem>> {
  const rows = await db
    .select({ id: cities.id, name: cities.name, country: cities.country, total: totalOver })
    .from(cities)
    .orderBy(asc(cities.name), asc(cities.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await pageTotal(rows, page.offset, async () => db.$count(cities));
  return {
    items: rows.map(({ total: _t, ...city }) => city),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}

/** Cinemas by name, optionally of one city, each with its time zone, currency, locale and city. */
export async function listCinemas(db: PgDb, query: CinemaQuery): Promise<Page<CinemaItem>> {
  const where = query.cityId === undefined ? undefined : eq(cinemas.cityId, query.cityId);
  const rows = await db
    .select({
      id: cinemas.id,
      name: cinemas.name,
      address: cinemas.address,
      timeZone: cinemas.timeZone,
      currency: cinemas.currency,
      locale: cinemas.locale,
      cityName: cities.name,
      cityCountry: cities.country,
      cityId: cities.id,
      total: totalOver,
    })
    .from(cinemas)
    .innerJoin(cities, eq(cities.id, cinemas.cityId))
    .where(where)
    .orderBy(asc(cinemas.name), asc(cinemas.id))
    .limit(query.limit)
    .offset(query.offset);
  const total = await pageTotal(rows, query.offset, async () => db.$count(cinemas, where));
  if (total === 0 && query.cityId !== undefined)
    await assertExists(db, cities, query.cityId, 'city');
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    timeZone: r.timeZone,
    currency: r.currency,
    locale: r.locale,
    city: { id: r.cityId, name: r.cityName, country: r.cityCountry },
  }));
  return { items, total, limit: query.limit, offset: query.offset };
}

/**
 * Movies by title that have at least one show (not cancelled) matching every filter. The date is
 * the local day of each show's own cinema; without a date only shows not yet started count.
 */
export async function listMovies(db: PgDb, query: MovieQuery): Promise<Page<MovieItem>> {
  const showConds: SQL[] = [eq(shows.movieId, movies.id), ne(shows.status, 'cancelled')];
  if (query.cinemaId !== undefined) showConds.push(eq(shows.cinemaId, query.cinemaId));
  if (query.language !== undefined)
    showConds.push(sql`lower(${shows.language}) = lower(${query.language})`);
  showConds.push(
    query.date === undefined
      ? sql`${shows.startsAt} >= now()`
      : onLocalDay(shows.startsAt, query.date, cinemas.timeZone),
  );
  const hasShow = exists(
    db
      .select({ one: sql`1` })
      .from(shows)
      .innerJoin(cinemas, eq(cinemas.id, shows.cinemaId))
      .where(and(...showConds)),
  );
  const genre =
    query.genre === undefined
      ? undefined
      : sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${movies.genres}) AS g(v) WHERE lower(g.v) = lower(${query.genre}))`;
  const where = and(hasShow, genre);
  const rows = await db
    .select({
      id: movies.id,
      title: movies.title,
      synopsis: movies.synopsis,
      genres: movies.genres,
      languages: movies.languages,
      certification: movies.certification,
      cast: movies.cast,
      durationMinutes: movies.durationMinutes,
      ratingTenths: movies.ratingTenths,
      releaseDate: movies.releaseDate,
      closeDate: movies.closeDate,
      posterUrl: movies.posterUrl,
      total: totalOver,
    })
    .from(movies)
    .where(where)
    .orderBy(asc(movies.title), asc(movies.id))
    .limit(query.limit)
    .offset(query.offset);
  const total = await pageTotal(rows, query.offset, async () => db.$count(movies, where));
  if (total === 0 && query.cinemaId !== undefined)
    await assertExists(db, cinemas, query.cinemaId, 'cinema');
  return {
    items: rows.map(({ total: _t, ...movie }) => movie),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}
