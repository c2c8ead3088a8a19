// Occupancy and the top-films leaderboard (issue 17): shows are counted on their own cinema day
// (report_shows keeps their seats, day, and admissions and takings as rolled up; the deltas not
// folded in yet are added), admissions are their tickets sold less those given back, whenever
// that happened. Cancelled and draft shows are not counted.
import type { OccupancyReport, LeaderboardReport } from '../../common/api/reports.js';
import type { Queryable } from '../services/tx.js';

/** Shows of cinemas $1 whose day is $2..$3, with admissions, as a WITH list (s, a). */
const SHOWS_WITH = `s AS (
    SELECT rs.show_id, rs.capacity, rs.admissions AS rolled, rs.tickets_net AS rolled_net,
           sh.movie_id, sh.screen_id, sh.starts_at
      FROM report_shows rs JOIN shows sh ON sh.id = rs.show_id
     WHERE rs.cinema_id = ANY($1::uuid[]) AND rs.show_date BETWEEN $2::date AND $3::date
       AND sh.status NOT IN ('cancelled', 'draft')
  ), pending AS (
    SELECT f.show_id, sum(f.qty - f.void_qty - f.refund_qty)::bigint AS admissions,
           sum(f.gross_minor - f.void_minor - f.refund_minor)::bigint AS net
      FROM report_deltas f
     WHERE f.show_id IN (SELECT show_id FROM s) AND f.ticket_type_id IS NOT NULL
     GROUP BY f.show_id
  ), a AS (
    SELECT s.show_id, s.rolled + COALESCE(p.admissions, 0) AS admissions,
           s.rolled_net + COALESCE(p.net, 0) AS net
      FROM s LEFT JOIN pending p ON p.show_id = s.show_id
  )`;

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** Occupancy of shows in a period, by show, film or screen. */
export async function occupancyBy(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
  by: OccupancyReport['by'],
): Promise<OccupancyReport['rows']> {
  const group = {
    show: {
      key: 's.show_id::text',
      label: `min(m.title || ' · ' || sc.name)`,
      starts: 'min(s.starts_at)',
      order: 'starts_at, key',
    },
    film: {
      key: 's.movie_id::text',
      label: 'min(m.title)',
      starts: 'NULL::timestamptz',
      order: 'occ DESC NULLS LAST, label',
    },
    screen: {
      key: 's.screen_id::text',
      label: `min(sc.name)`,
      starts: 'NULL::timestamptz',
      order: 'occ DESC NULLS LAST, label',
    },
  }[by];
  const r = await db.query<{
    key: string;
    label: string;
    starts_at: Date | null;
    shows: number;
    admissions: string;
    capacity: string;
  }>({
    name: `report_occupancy_${by}`,
    text: `WITH ${SHOWS_WITH}
           SELECT ${group.key} AS key, ${group.label} AS label, ${group.starts} AS starts_at,
                  count(*)::int AS shows, COALESCE(sum(a.admissions), 0)::bigint AS admissions,
                  sum(s.capacity)::bigint AS capacity,
                  COALESCE(sum(a.admissions), 0)::float / NULLIF(sum(s.capacity), 0) AS occ
             FROM s LEFT JOIN a ON a.show_id = s.show_id
             JOIN movies m ON m.id = s.movie_id JOIN screens sc ON sc.id = s.screen_id
            GROUP BY 1 ORDER BY ${group.order}
            LIMIT 5000`,
    values: [cinemaIds, from, to],
  });
  return r.rows.map((x) => ({
    key: x.key,
    label: x.label,
    startsAt: x.starts_at === null ? null : x.starts_at.toISOString(),
    shows: x.shows,
    admissions: Number(x.admissions),
    capacity: Number(x.capacity),
    occupancy: ratio(Number(x.admissions), Number(x.capacity)),
  }));
}

/** Occupancy of all shows of the period together (null without shows). */
export async function occupancyTotal(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
): Promise<number | null> {
  const r = await db.query<{ admissions: string | null; capacity: string | null }>({
    name: 'report_occupancy_total',
    text: `WITH ${SHOWS_WITH}
           SELECT sum(a.admissions)::bigint AS admissions, sum(s.capacity)::bigint AS capacity
             FROM s LEFT JOIN a ON a.show_id = s.show_id`,
    values: [cinemaIds, from, to],
  });
  const row = r.rows[0];
  return ratio(Number(row?.admissions ?? 0), Number(row?.capacity ?? 0));
}

/**
 * The top films of a period (seed 004): 40 % takings + 30 % occupancy + 30 % admissions, each
 * against the best film of the period, so the best film on every count scores 100.
 */
export async function leaderboard(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
  opts: { genre?: string | undefined; limit: number },
): Promise<Pick<LeaderboardReport, 'genres' | 'rows'>> {
  const r = await db.query<{
    film_id: string;
    title: string;
    genres: string[];
    net: string;
    admissions: string;
    capacity: string;
  }>({
    name: 'report_leaderboard',
    text: `WITH ${SHOWS_WITH}
           SELECT m.id AS film_id, m.title, m.genres, COALESCE(sum(a.net), 0)::bigint AS net,
                  COALESCE(sum(a.admissions), 0)::bigint AS admissions, sum(s.capacity)::bigint AS capacity
             FROM s LEFT JOIN a ON a.show_id = s.show_id JOIN movies m ON m.id = s.movie_id
            GROUP BY m.id, m.title, m.genres`,
    values: [cinemaIds, from, to],
  });
  const genres = [...new Set(r.rows.flatMap((x) => x.genres))].sort();
  const films = r.rows
    .filter((x) => opts.genre === undefined || x.genres.includes(opts.genre))
    .map((x) => ({
      filmId: x.film_id,
      title: x.title,
      genres: x.genres,
      netMinor: Number(x.net),
      admissions: Number(x.admissions),
      occupancy: ratio(Number(x.admissions), Number(x.capacity)),
    }));
  const best = (f: (x: (typeof films)[number]) => number) => Math.max(0, ...films.map(f));
  const top = {
    net: best((x) => x.netMinor),
    occ: best((x) => x.occupancy ?? 0),
    adm: best((x) => x.admissions),
  };
  const part = (v: number, max: number) => (max > 0 ? Math.max(0, v) / max : 0);
  const rows = films
    .map((x) => ({
      ...x,
      score:
        Math.round(
          1000 *
            (0.4 * part(x.netMinor, top.net) +
              0.3 * part(x.occupancy ?? 0, top.occ) +
              0.3 * part(x.admissions, top.adm)),
        ) / 10,
    }))
    .sort((a, b) => b.score - a.score || b.netMinor - a.netMinor || a.title.localeCompare(b.title))
    .slice(0, opts.limit)
    .map((x, i) => ({ rank: i + 1, ...x }));
  return { genres, rows };
}
