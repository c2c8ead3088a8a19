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
  const can = (f: FormatCode): boolean => screen.spec.formats.includes(f) && movie.spec.formats.includes(f);
  if (can('IMAX')) return 'IMAX';
  if (can('4DX')) return rng.next() < 0.75 ? '4DX' : can('3D') ? '3D' : '2D';
  if (can('3D')) return rng.next() < 0.5 ? '3D' : '2D';
  return '2D';
}

/** How likely a film is to get the next slot on a screen. */
function weight(screen: BuiltScreen, movie: BuiltMovie, previous: BuiltMovie | undefined): number {
  const premium = screen.spec.formats.some((f) => (f === 'IMAX' || f === '4DX') && movie.spec.formats.includes(f));
  return movie.spec.popularity * (premium ? 4 : 1) * (movie === previous ? 0.4 : 1);
}

/** Plans a week of shows in every screen of a cinema from its local opening time. */
export function planShows(rng: Rng, cinema: BuiltCinema, movies: BuiltMovie[], formatIds: Record<FormatCode, string>, today: Date): PlannedShow[] {
  const tz = cinema.spec.timeZone;
  const country = CITIES.find((c) => c.key === cinema.spec.city)?.country ?? '';
  const languagesOf = (m: BuiltMovie): string[] => m.spec.languages.filter((l) => cinema.spec.languages.includes(l));
  const first = localDate(today, tz);
  const shows: PlannedShow[] = [];
  cinema.screens.forEach((screen, index) => {
    let previous: BuiltMovie | undefined;
    let previousEnd = 0;
    for (let day = 0; day < SCHEDULE_DAYS; day++) {
      const date = addDays(first, day);
      const onRelease = movies.filter(
        (m) =>
          m.spec.markets.includes(country) &&
          languagesOf(m).length > 0 &&
          m.releaseDate <= date &&
          (m.closeDate === null || m.closeDate >= date),
      );
      if (onRelease.length === 0) continue;
      let minutes = OPENING_MINUTES + index * STAGGER_MINUTES;
      while (minutes < LAST_START_MINUTES) {
        const movie = rng.weighted(onRelease, (m) => weight(screen, m, previous));
        const languages = languagesOf(movie);
        // The original version gets most shows; dubbed versions fill the rest.
        const language = rng.weighted(languages, (l) => (l === languages[0] ? 3 : 1));
        const startsAt = zonedTime(date, minutes, tz);
        const busyMinutes = movie.spec.durationMinutes + screen.spec.cleaningMinutes;
        const endsAt = new Date(startsAt.getTime() + busyMinutes * 60_000);
        if (startsAt.getTime() < previousEnd) throw new Error(`Demo schedule overlaps on ${screen.spec.name} at ${date}`);
        shows.push({
          row: {
            id: rng.uuid(),
            cinemaId: cinema.id,
            screenId: screen.id,
            layoutId: screen.layoutId,
            movieId: movie.id,
            formatId: formatIds[chooseFormat(rng, screen, movie)],
            language,
            startsAt,
            endsAt,
            status: endsAt.getTime() <= today.getTime() ? 'finished' : 'on_sale',
          },
          screen,
          date,
          startMinutes: minutes,
        });
        previous = movie;
        previousEnd = endsAt.getTime();
        // Next show on the next 5-minute mark after cleaning, sometimes a little later for ads and ushers.
        minutes = Math.ceil((minutes + busyMinutes) / 5) * 5 + rng.pick([0, 0, 5, 10]);
      }
    }
  });
  return shows;
}
