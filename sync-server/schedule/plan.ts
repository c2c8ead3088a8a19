// Checking shows before they are written (issue 16): every planned show is checked against the
// film's run, the screen's formats and layout, the clock, the price cards and every other show on
// its screen (saved or planned in the same batch), and each problem is named with the show it
// clashes with. Nothing here writes.
import type { ShowStatus, SlotConflict } from '../../common/api/admin-schedule.js';
import { isoWeekday, matchPriceCard } from '../../common/price-cards.js';
import { localDateOf } from '../../common/schedule.js';
import { invalid } from '../admin/edit.js';
import { cardsOfCinema, matchable, type CardRow } from '../prices/show-prices.js';
import type { Queryable } from '../services/tx.js';
import type { CinemaFacts } from './read.js';

const MINUTE = 60_000;

export type FilmFacts = {
  id: string;
  title: string;
  durationMinutes: number;
  releaseDate: string;
  closeDate: string | null;
};

export type ScreenFacts = {
  id: string;
  name: string;
  cleaningMinutes: number;
  formats: string[];
  layoutId: string | null;
};

/** A show to check: where and when, and the card asked for (null: the matching one). */
export type Candidate = {
  screenId: string;
  startsAt: Date;
  /** The show being moved, which never clashes with itself. */
  showId?: string;
};

/** A checked show: its block, card and problems. */
export type CheckedSlot = Candidate & {
  endsAt: Date;
  filmEndsAt: Date;
  card: CardRow | null;
  conflicts: SlotConflict[];
};

type Existing = {
  id: string;
  screen_id: string;
  starts_at: Date;
  ends_at: Date;
  film_ends_at: Date;
  status: ShowStatus;
  title: string;
};

/** Everything checking needs, read once for a batch. */
export type PlanContext = {
  cinema: CinemaFacts;
  film: FilmFacts;
  formatCode: string;
  screens: Map<string, ScreenFacts>;
  cards: CardRow[];
  /** The card asked for, or null for each show's matching card. */
  card: CardRow | null;
  now: Date;
};

export async function filmFacts(db: Queryable, chainId: string, id: string): Promise<FilmFacts> {
  const r = await db.query<{
    id: string;
    title: string;
    duration_minutes: number;
    release_date: string;
    close_date: string | null;
  }>(
    'SELECT id, title, duration_minutes, release_date::text, close_date::text FROM movies WHERE id = $1 AND chain_id = $2',
    [id, chainId],
  );
  const f = r.rows[0];
  if (!f) throw invalid({ '/filmId': 'is not a film of this chain' });
  return {
    id: f.id,
    title: f.title,
    durationMinutes: f.duration_minutes,
    releaseDate: f.release_date,
    closeDate: f.close_date,
  };
}

export async function screenFacts(
  db: Queryable,
  cinemaId: string,
): Promise<Map<string, ScreenFacts>> {
  const r = await db.query<{
    id: string;
    name: string;
    cleaning_minutes: number;
    formats: string[];
    layout_id: string | null;
  }>(
    `SELECT s.id, s.name, s.cleaning_minutes,
        COALESCE((SELECT array_agg(f.code) FROM screen_formats sf JOIN formats f ON f.id = sf.format_id WHERE sf.screen_id = s.id), '{}') AS formats,
        (SELECT l.id FROM seat_layouts l WHERE l.screen_id = s.id AND l.active ORDER BY l.version DESC LIMIT 1) AS layout_id
       FROM screens s WHERE s.cinema_id = $1`,
    [cinemaId],
  );
  return new Map(
    r.rows.map((s) => [
      s.id,
      {
        id: s.id,
        name: s.name,
        cleaningMinutes: s.cleaning_minutes,
        formats: s.formats,
        layoutId: s.layout_id,
      },
    ]),
  );
}

export { cardsOfCinema };

/** The block of a show: from its start (ads first) to the end of cleaning. */
export function blockOf(
  startsAt: Date,
  adsMinutes: number,
  film: FilmFacts,
  screen: ScreenFacts,
): { endsAt: Date; filmEndsAt: Date } {
  const filmEnds = startsAt.getTime() + (adsMinutes + film.durationMinutes) * MINUTE;
  return {
    filmEndsAt: new Date(filmEnds),
    endsAt: new Date(filmEnds + screen.cleaningMinutes * MINUTE),
  };
}

async function existingShows(
  db: Queryable,
  screenIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Existing[]> {
  const r = await db.query<Existing>(
    `SELECT s.id, s.screen_id, s.starts_at, s.ends_at, s.status, m.title,
            s.starts_at + make_interval(mins => s.ads_minutes + m.duration_minutes) AS film_ends_at
       FROM shows s JOIN movies m ON m.id = s.movie_id
      WHERE s.screen_id = ANY($1::uuid[]) AND s.status <> 'cancelled' AND s.starts_at < $3 AND s.ends_at > $2`,
    [screenIds, from, to],
  );
  return r.rows;
}

function clashOf(
  c: { startsAt: Date; endsAt: Date; filmEndsAt: Date },
  o: {
    id: string | null;
    title: string;
    startsAt: Date;
    endsAt: Date;
    filmEndsAt: Date;
    status: ShowStatus | null;
  },
  screen: ScreenFacts,
): SlotConflict | null {
  if (!(o.startsAt < c.endsAt && c.startsAt < o.endsAt)) return null;
  const films = o.startsAt < c.filmEndsAt && c.startsAt < o.filmEndsAt;
  const when = `${o.title} ${o.id === null ? 'planned in this batch' : 'already'} on ${screen.name}`;
  return {
    kind: films ? 'overlap' : 'buffer',
    message: films
      ? `Overlaps ${when}.`
      : `Leaves less than the ${String(screen.cleaningMinutes)} minutes of cleaning after or before ${when}.`,
    clash: {
      id: o.id,
      filmTitle: o.title,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
      status: o.status,
    },
  };
}

/** Checks every candidate; later candidates are also checked against earlier ones of the batch. */
export async function checkSlots(
  db: Queryable,
  ctx: PlanContext,
  candidates: readonly Candidate[],
): Promise<CheckedSlot[]> {
  const { cinema, film } = ctx;
  const blocks = candidates.map((c) => {
    const screen = ctx.screens.get(c.screenId);
    return screen ? blockOf(c.startsAt, cinema.adsMinutes, film, screen) : null;
  });
  const starts = candidates.map((c) => c.startsAt.getTime());
  const ends = blocks.map((b, i) => b?.endsAt.getTime() ?? starts[i] ?? 0);
  const existing =
    candidates.length === 0
      ? []
      : await existingShows(
          db,
          [...new Set(candidates.map((c) => c.screenId))],
          new Date(Math.min(...starts)),
          new Date(Math.max(...ends)),
        );
  const out: CheckedSlot[] = [];
  candidates.forEach((c, i) => {
    const screen = ctx.screens.get(c.screenId);
    const block = blocks[i];
    const conflicts: SlotConflict[] = [];
    if (!screen || !block) {
      out.push({
        ...c,
        endsAt: c.startsAt,
        filmEndsAt: c.startsAt,
        card: null,
        conflicts: [
          { kind: 'no_layout', message: 'This screen is not one of the cinema’s.', clash: null },
        ],
      });
      return;
    }
    const slot = { startsAt: c.startsAt, ...block };
    const date = localDateOf(c.startsAt, cinema.timeZone);
    if (screen.layoutId === null)
      conflicts.push({
        kind: 'no_layout',
        message: `${screen.name} has no seat layout yet.`,
        clash: null,
      });
    if (!screen.formats.includes(ctx.formatCode))
      conflicts.push({
        kind: 'format',
        message: `${screen.name} cannot show ${ctx.formatCode}.`,
        clash: null,
      });
    if (date < film.releaseDate)
      conflicts.push({
        kind: 'film_closed',
        message: `${film.title} opens on ${film.releaseDate}.`,
        clash: null,
      });
    if (film.closeDate !== null && date > film.closeDate)
      conflicts.push({
        kind: 'film_closed',
        message: `${film.title} closed on ${film.closeDate}.`,
        clash: null,
      });
    if (c.startsAt <= ctx.now)
      conflicts.push({ kind: 'past', message: 'This time has passed.', clash: null });
    const card =
      ctx.card ??
      matchPriceCard(ctx.cards.map(matchable), {
        currency: cinema.currency,
        weekday: isoWeekday(date),
        startMinute: minutesInDay(c.startsAt, cinema.timeZone),
        screenId: screen.id,
        formatCode: ctx.formatCode,
      });
    const row = card === null ? null : (ctx.cards.find((x) => x.id === card.id) ?? ctx.card);
    if (row === null)
      conflicts.push({
        kind: 'no_price',
        message: 'No price card matches this day, time, screen and format: choose one.',
        clash: null,
      });
    for (const o of existing) {
      if (o.screen_id !== c.screenId || o.id === c.showId) continue;
      const clash = clashOf(
        slot,
        {
          id: o.id,
          title: o.title,
          startsAt: o.starts_at,
          endsAt: o.ends_at,
          filmEndsAt: o.film_ends_at,
          status: o.status,
        },
        screen,
      );
      if (clash) conflicts.push(clash);
    }
    for (const prev of out) {
      if (prev.screenId !== c.screenId) continue;
      const clash = clashOf(
        slot,
        {
          id: null,
          title: film.title,
          startsAt: prev.startsAt,
          endsAt: prev.endsAt,
          filmEndsAt: prev.filmEndsAt,
          status: null,
        },
        screen,
      );
      if (clash) conflicts.push(clash);
    }
    out.push({ ...c, ...block, card: row, conflicts });
  });
  return out;
}

function minutesInDay(at: Date, timeZone: string): number {
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .split(':')
    .map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
