// Reading a cinema's schedule as the planner draws it (issue 16): shows of some local days with
// their film, block (ads, film, cleaning), state, seats sold/held/blocked and price card.
import { BoError } from '../../common/errors.js';
import {
  CINEMA_DAY_START,
  type PlannedShow,
  type ScheduleView,
} from '../../common/api/admin-schedule.js';
import { addDays, zonedInstant } from '../../common/schedule.js';
import type { Queryable } from '../services/tx.js';

/** The cinema facts planning needs. */
export type CinemaFacts = {
  id: string;
  chainId: string;
  timeZone: string;
  currency: string;
  adsMinutes: number;
};

export async function cinemaFacts(db: Queryable, cinemaId: string): Promise<CinemaFacts> {
  const r = await db.query<{
    id: string;
    chain_id: string;
    time_zone: string;
    currency: string;
    ads_minutes: number;
  }>('SELECT id, chain_id, time_zone, currency, ads_minutes FROM cinemas WHERE id = $1', [
    cinemaId,
  ]);
  const c = r.rows[0];
  if (!c) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
  return {
    id: c.id,
    chainId: c.chain_id,
    timeZone: c.time_zone,
    currency: c.currency,
    adsMinutes: c.ads_minutes,
  };
}

/** The instants [from, to) of `days` cinema days from a local date (a cinema day starts at 06:00). */
export function cinemaDays(from: string, days: number, timeZone: string): { from: Date; to: Date } {
  return {
    from: zonedInstant(from, CINEMA_DAY_START, timeZone),
    to: zonedInstant(addDays(from, days), CINEMA_DAY_START, timeZone),
  };
}

type ShowRow = {
  id: string;
  screen_id: string;
  movie_id: string;
  title: string;
  format_code: string;
  language: string;
  starts_at: Date;
  ends_at: Date;
  ads_minutes: number;
  duration_minutes: number;
  status: PlannedShow['status'];
  capacity: number;
  sold: number;
  held: number;
  blocked: number;
  price_card_id: string | null;
  price_card_name: string | null;
  web_quota: number | null;
  kiosk_quota: number | null;
};

const SHOW_SQL = `SELECT s.id, s.screen_id, s.movie_id, m.title, f.code AS format_code, s.language,
    s.starts_at, s.ends_at, s.ads_minutes, m.duration_minutes, s.status, s.price_card_id,
    pc.name AS price_card_name, s.web_quota, s.kiosk_quota,
    COALESCE(n.capacity, 0) AS capacity, COALESCE(n.sold, 0) AS sold,
    COALESCE(n.held, 0) AS held, COALESCE(n.blocked, 0) AS blocked
  FROM shows s
  JOIN movies m ON m.id = s.movie_id
  JOIN formats f ON f.id = s.format_id
  LEFT JOIN price_cards pc ON pc.id = s.price_card_id
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS capacity,
      count(*) FILTER (WHERE ss.state = 'sold')::int AS sold,
      count(*) FILTER (WHERE ss.state = 'held' AND h.status = 'active' AND h.expires_at > now())::int AS held,
      count(*) FILTER (WHERE ss.state = 'blocked')::int AS blocked
    FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = s.id) n ON true`;

const MINUTE = 60_000;

function plannedShow(r: ShowRow): PlannedShow {
  const filmStarts = new Date(r.starts_at.getTime() + r.ads_minutes * MINUTE);
  return {
    id: r.id,
    screenId: r.screen_id,
    filmId: r.movie_id,
    filmTitle: r.title,
    formatCode: r.format_code,
    language: r.language,
    startsAt: r.starts_at.toISOString(),
    filmStartsAt: filmStarts.toISOString(),
    filmEndsAt: new Date(filmStarts.getTime() + r.duration_minutes * MINUTE).toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
    capacity: r.capacity,
    sold: r.sold,
    held: r.held,
    blocked: r.blocked,
    priceCardId: r.price_card_id,
    priceCardName: r.price_card_name,
    webQuota: r.web_quota,
    kioskQuota: r.kiosk_quota,
  };
}

/** Shows by id, in start order. */
export async function plannedShows(db: Queryable, ids: readonly string[]): Promise<PlannedShow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<ShowRow>(
    `${SHOW_SQL} WHERE s.id = ANY($1::uuid[]) ORDER BY s.starts_at, s.screen_id`,
    [ids],
  );
  return r.rows.map(plannedShow);
}

/** One show as the planner sees it; BO_SHOW_NOT_FOUND when there is none. */
export async function plannedShowOf(db: Queryable, id: string): Promise<PlannedShow> {
  const [show] = await plannedShows(db, [id]);
  if (!show) throw new BoError('BO_SHOW_NOT_FOUND', 'There is no such show.');
  return show;
}

/** The schedule of `days` cinema days from `from`, every status, with the cinema's screens. */
export async function readSchedule(
  db: Queryable,
  cinemaId: string,
  q: { from: string; days: number },
): Promise<ScheduleView> {
  const cinema = await cinemaFacts(db, cinemaId);
  const range = cinemaDays(q.from, q.days, cinema.timeZone);
  const screens = await db.query<{
    id: string;
    name: string;
    cleaning_minutes: number;
    formats: string[];
    active_layout_id: string | null;
  }>(
    `SELECT s.id, s.name, s.cleaning_minutes,
        COALESCE((SELECT array_agg(f.code ORDER BY f.code) FROM screen_formats sf JOIN formats f ON f.id = sf.format_id WHERE sf.screen_id = s.id), '{}') AS formats,
        (SELECT l.id FROM seat_layouts l WHERE l.screen_id = s.id AND l.active ORDER BY l.version DESC LIMIT 1) AS active_layout_id
       FROM screens s WHERE s.cinema_id = $1 ORDER BY s.name, s.id`,
    [cinemaId],
  );
  const shows = await db.query<ShowRow>(
    `${SHOW_SQL} WHERE s.cinema_id = $1 AND s.starts_at < $3 AND s.ends_at > $2 ORDER BY s.starts_at, s.screen_id`,
    [cinemaId, range.from, range.to],
  );
  return {
    cinemaId,
    timeZone: cinema.timeZone,
    currency: cinema.currency,
    adsMinutes: cinema.adsMinutes,
    from: q.from,
    days: q.days,
    dayStartsAt: CINEMA_DAY_START,
    screens: screens.rows.map((s) => ({
      id: s.id,
      name: s.name,
      cleaningMinutes: s.cleaning_minutes,
      formats: s.formats,
      activeLayoutId: s.active_layout_id,
    })),
    shows: shows.rows.map(plannedShow),
  };
}
