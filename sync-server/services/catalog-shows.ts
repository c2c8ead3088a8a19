// Public show reads: the list of shows with availability, and one show with its prices.
import { BoError } from '../../common/errors.js';
import type { PgDb } from '../../db/pg/client.js';
import { cinemas, movies } from '../../db/pg/schema.js';
import {
  assertExists,
  EFFECTIVE_STATE_SQL,
  localIso,
  priceCategories,
  type ShowPrice,
} from './catalog-common.js';
import { getLayout } from './catalog-layout.js';
import type { Page, ShowDetails, ShowItem, ShowQuery, TicketTypeItem } from './catalog-schemas.js';

type ListRow = Omit<ShowItem, 'startsAt' | 'endsAt' | 'local' | 'availability' | 'id'> & {
  total: number;
  /** null on the single row that only carries the total of an empty page. */
  id: string | null;
  starts_at: Date;
  ends_at: Date;
  wall: string;
  available: number;
  total_seats: number;
};

// The SQL of one combination of filters; each combination is its own prepared statement.
function listShowsSql(query: ShowQuery): { name: string; text: string; values: unknown[] } {
  const values: unknown[] = [query.limit, query.offset];
  const param = (v: unknown): string => `$${values.push(v)}`;
  const conds = [`s.status NOT IN ('cancelled', 'draft')`];
  if (query.cinemaId !== undefined) conds.push(`s.cinema_id = ${param(query.cinemaId)}::uuid`);
  if (query.movieId !== undefined) conds.push(`s.movie_id = ${param(query.movieId)}::uuid`);
  if (query.date === undefined) conds.push('s.starts_at >= now()');
  else {
    // Local midnight read AT TIME ZONE is the UTC instant the local day starts, DST included.
    const d = param(query.date);
    conds.push(
      `s.starts_at >= (${d}::date)::timestamp AT TIME ZONE c.time_zone`,
      `s.starts_at < (${d}::date + 1)::timestamp AT TIME ZONE c.time_zone`,
    );
  }
  const name = `catalog_shows_${query.cinemaId === undefined ? '' : 'c'}${query.movieId === undefined ? '' : 'm'}${query.date === undefined ? '' : 'd'}`;
  // The page is cut first, so seats are only counted for the shows on it; the outer LEFT JOIN keeps
  // one row carrying the total when the page is empty.
  const text = `WITH f AS (
    SELECT s.id, s.starts_at, sc.name AS screen_name FROM shows s
    JOIN cinemas c ON c.id = s.cinema_id JOIN screens sc ON sc.id = s.screen_id
    WHERE ${conds.join(' AND ')}),
  p AS (SELECT id FROM f ORDER BY starts_at, screen_name, id LIMIT $1 OFFSET $2)
  SELECT t.total, s.id, s.cinema_id AS "cinemaId", s.movie_id AS "movieId", m.title AS "movieTitle", s.screen_id AS "screenId",
    sc.name AS "screenName", fm.code AS "formatCode", s.language, s.starts_at, s.ends_at, s.status, c.time_zone AS "timeZone",
    to_char(s.starts_at AT TIME ZONE c.time_zone, 'YYYY-MM-DD"T"HH24:MI:SS') AS wall, a.available, a.total_seats
  FROM (SELECT count(*)::int AS total FROM f) t
  LEFT JOIN (p JOIN shows s ON s.id = p.id) ON true
  LEFT JOIN cinemas c ON c.id = s.cinema_id
  LEFT JOIN movies m ON m.id = s.movie_id
  LEFT JOIN screens sc ON sc.id = s.screen_id
  LEFT JOIN formats fm ON fm.id = s.format_id
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS total_seats, count(*) FILTER (WHERE (${EFFECTIVE_STATE_SQL}) = 'available')::int AS available
    FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = s.id) a ON true
  ORDER BY s.starts_at, sc.name, s.id`;
  return { name, text, values };
}

/**
 * Shows ordered by start, not cancelled, filtered by cinema, movie and the local day of their own
 * cinema; without a date, the shows not yet started. Each carries its seat availability.
 */
export async function listShows(db: PgDb, query: ShowQuery): Promise<Page<ShowItem>> {
  const res = await db.$client.query<ListRow>(listShowsSql(query));
  const total = res.rows[0]?.total ?? 0;
  if (total === 0) {
    if (query.cinemaId !== undefined) await assertExists(db, cinemas, query.cinemaId, 'cinema');
    if (query.movieId !== undefined) await assertExists(db, movies, query.movieId, 'movie');
  }
  const items: ShowItem[] = [];
  for (const {
    id,
    total: _t,
    starts_at: startsAt,
    ends_at: endsAt,
    wall,
    available,
    total_seats: seats,
    ...r
  } of res.rows) {
    if (id === null) continue;
    const local = localIso(wall, startsAt);
    items.push({
      id,
      ...r,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      local,
      availability: { available, total: seats },
    });
  }
  return { items, total, limit: query.limit, offset: query.offset };
}

type ShowRow = Omit<
  ShowDetails,
  'startsAt' | 'endsAt' | 'local' | 'ticketTypes' | 'categories' | 'availability'
> & {
  starts_at: Date;
  ends_at: Date;
  wall: string;
  layout_id: string;
  prices: ShowPrice[];
  ticket_types: TicketTypeItem[];
  available: number;
  total: number;
};

// One round trip for the whole page of a show; the layout's categories come from memory.
const SHOW_SQL = `SELECT s.id, s.status, s.language, s.starts_at, s.ends_at, s.layout_id, c.time_zone AS "timeZone",
  to_char(s.starts_at AT TIME ZONE c.time_zone, 'YYYY-MM-DD"T"HH24:MI:SS') AS wall,
  json_build_object('id', m.id, 'title', m.title, 'synopsis', m.synopsis, 'genres', m.genres, 'languages', m.languages,
    'certification', m.certification, 'cast', m.cast, 'durationMinutes', m.duration_minutes, 'ratingTenths', m.rating_tenths,
    'releaseDate', m.release_date, 'closeDate', m.close_date, 'posterUrl', m.poster_url) AS movie,
  json_build_object('id', c.id, 'name', c.name, 'address', c.address, 'timeZone', c.time_zone, 'currency', c.currency,
    'locale', c.locale, 'city', json_build_object('id', ci.id, 'name', ci.name, 'country', ci.country)) AS cinema,
  json_build_object('id', sc.id, 'name', sc.name) AS screen,
  json_build_object('id', f.id, 'code', f.code, 'name', f.name, 'multiplierBp', f.multiplier_bp) AS format,
  (SELECT coalesce(json_agg(json_build_object('categoryId', sp.category_id, 'amountMinor', sp.amount_minor, 'currency', sp.currency)), '[]')
     FROM show_prices sp WHERE sp.show_id = s.id) AS prices,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'multiplierBp', t.multiplier_bp)
     ORDER BY t.sort_order, t.id), '[]') FROM ticket_types t WHERE t.chain_id = c.chain_id) AS ticket_types,
  a.available, a.total
FROM shows s
JOIN cinemas c ON c.id = s.cinema_id
JOIN cities ci ON ci.id = c.city_id
JOIN movies m ON m.id = s.movie_id
JOIN screens sc ON sc.id = s.screen_id
JOIN formats f ON f.id = s.format_id
CROSS JOIN LATERAL (
  SELECT count(*)::int AS total, count(*) FILTER (WHERE (${EFFECTIVE_STATE_SQL}) = 'available')::int AS available
  FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = s.id) a
WHERE s.id = $1 AND s.status <> 'draft'`;

/** One show with its movie, cinema, screen, format, prices per category and ticket type; cancelled ones too. */
export async function getShow(db: PgDb, showId: string): Promise<ShowDetails> {
  const res = await db.$client.query<ShowRow>({
    name: 'catalog_show',
    text: SHOW_SQL,
    values: [showId],
  });
  const r = res.rows[0];
  if (r === undefined)
    throw new BoError('BO_SHOW_NOT_FOUND', `No show with id ${showId}.`, { showId });
  const layout = await getLayout(db, r.layout_id);
  const {
    starts_at: startsAt,
    ends_at: endsAt,
    wall,
    layout_id: _layout,
    prices,
    ticket_types: ticketTypes,
    available,
    total,
    ...show
  } = r;
  return {
    ...show,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    local: localIso(wall, startsAt),
    ticketTypes,
    categories: priceCategories(
      layout?.categories ?? [],
      prices,
      ticketTypes,
      r.format.multiplierBp,
      r.cinema.currency,
    ),
    availability: { available, total },
  };
}
