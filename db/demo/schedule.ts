// A week of shows per cinema, planned in the cinema's local time, never overlapping on a screen.
import type { BuiltCinema, BuiltScreen } from './chain.js';
import { CITIES, type FormatCode } from './chain-spec.js';
import type { BuiltMovie } from './movies.js';
import type { Rng } from './rng.js';
import { addDays, localDate, zonedTime } from './time-zone.js';
import type { DemoData } from './types.js';

/** Days of shows, starting with the cinema's local today. */
export const SCHEDULE_DAYS = 7;
/** First show of the day, minutes after local midnight. */
export const OPENING_MINUTES = 10 * 60;
/** No show starts at or after this local time. */
export const LAST_START_MINUTES = 23 * 60 + 30;
/** Screens start a few minutes apart so the lobby is not flooded at once. */
const STAGGER_MINUTES = 15;

/** A planned show with the local date and time its prices depend on. */
export type PlannedShow = {
  row: DemoData['shows'][number] & { id: string; startsAt: Date; endsAt: Date };
  screen: BuiltScreen;
  date: string;
  startMinutes: number;
};

/** The format a show is projected in: a screen's premium format when the film has it. */
function chooseFormat(rng: Rng, screen: BuiltScreen, movie: BuiltMovie): FormatCode {
  const can = (f: FormatCode): boolean =>
    screen.spec.formats.includes(f) && movie.spec.formats.includes(f);
  if (can('IMAX')) return 'IMAX';
  if (can('4DX')) return rng.next() < 0.75 ? '4DX' : can('3D') ? '3D' : '2D';
  if (can('3D')) return rng.next() < 0.5 ? '3D' : '2D';
  return '2D';
}

/** How likely a film is to get the next slot on a screen. */
function weight(screen: BuiltScreen, movie: BuiltMovie, previous: BuiltMovie | undefined): number {
  const premium = screen.spec.formats.some(
    (f) => (f === 'IMAX' || f === '4DX') && movie.spec.formats.includes(f),
  );
  return movie.spec.popularity * (premium ? 4 : 1) * (movie === previous ? 0.4 : 1);
}

/** The local dates of the SCHEDULE_DAYS days that start with the local day of `from` in a time zone. */
export function scheduleDates(from: Date, timeZone: string): string[] {
  const first = localDate(from, timeZone);
  return Array.from({ length: SCHEDULE_DAYS }, (_, day) => addDays(first, day));
}

/**
 * Plans the shows of the given local dates on every screen of a cinema. Each date and screen draws
 * from its own stream forked from `rng`, so a day planned alone (the roll-forward) is the same day
 * the seed would have planned in its week. Shows that end by `now` are marked finished.
 */
export function planShows(
  rng: Rng,
  cinema: BuiltCinema,
  movies: BuiltMovie[],
  formatIds: Record<FormatCode, string>,
  dates: string[],
  now: Date,
): PlannedShow[] {
  const tz = cinema.spec.timeZone;
  const country = CITIES.find((c) => c.key === cinema.spec.city)?.country ?? '';
  const languagesOf = (m: BuiltMovie): string[] =>
    m.spec.languages.filter((l) => cinema.spec.languages.includes(l));
  const shows: PlannedShow[] = [];
  for (const date of dates) {
    const onRelease = movies.filter(
      (m) =>
        m.spec.markets.includes(country) &&
        languagesOf(m).length > 0 &&
        m.releaseDate <= date &&
        (m.closeDate === null || m.closeDate >= date),
    );
    if (onRelease.length === 0) continue;
    cinema.screens.forEach((screen, index) => {
      const day = rng.fork(`${date}/${screen.id}`);
      let previous: BuiltMovie | undefined;
      let previousEnd = 0;
      let minutes = OPENING_MINUTES + index * STAGGER_MINUTES;
      while (minutes < LAST_START_MINUTES) {
        const movie = day.weighted(onRelease, (m) => weight(screen, m, previous));
        const languages = languagesOf(movie);
        // The original version gets most shows; dubbed versions fill the rest.
        const language = day.weighted(languages, (l) => (l === languages[0] ? 3 : 1));
        const startsAt = zonedTime(date, minutes, tz);
        const busyMinutes = movie.spec.durationMinutes + screen.spec.cleaningMinutes;
        const endsAt = new Date(startsAt.getTime() + busyMinutes * 60_000);
        if (startsAt.getTime() < previousEnd)
          throw new Error(`Demo schedule overlaps on ${screen.spec.name} at ${date}`);
        shows.push({
          row: {
            id: day.uuid(),
            cinemaId: cinema.id,
            screenId: screen.id,
            layoutId: screen.layoutId,
            movieId: movie.id,
            formatId: formatIds[chooseFormat(day, screen, movie)],
            language,
            startsAt,
            endsAt,
            status: endsAt.getTime() <= now.getTime() ? 'finished' : 'on_sale',
          },
          screen,
          date,
          startMinutes: minutes,
        });
        previous = movie;
        previousEnd = endsAt.getTime();
        // Next show on the next 5-minute mark after cleaning, sometimes a little later for ads and ushers.
        minutes = Math.ceil((minutes + busyMinutes) / 5) * 5 + day.pick([0, 0, 5, 10]);
      }
    });
  }
  return shows;
}
