// The show list's type-to-filter and grouping by film; keyboard order is the order on screen.
import type { ShowListItem } from '../../../common/contract/station.js';

/** Shows whose film, screen, format, language or time contain every typed word. */
export function filterShows(shows: readonly ShowListItem[], filter: string): ShowListItem[] {
  const words = filter
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return [...shows];
  return shows.filter((s) => {
    const text =
      `${s.movieTitle} ${s.screenName} ${s.format} ${s.language} ${s.localTime} ${s.certification}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** A film with its shows of the day, in start order. */
export type MovieGroup = {
  movieId: string;
  title: string;
  certification: string;
  durationMinutes: number;
  posterUrl: string | null;
  shows: ShowListItem[];
};

/** Groups shows by film; films are ordered by their first show. */
export function groupByMovie(shows: readonly ShowListItem[]): MovieGroup[] {
  const groups = new Map<string, MovieGroup>();
  for (const s of shows) {
    const g = groups.get(s.movieId);
    if (g) g.shows.push(s);
    else
      groups.set(s.movieId, {
        movieId: s.movieId,
        title: s.movieTitle,
        certification: s.certification,
        durationMinutes: s.durationMinutes,
        posterUrl: s.posterUrl,
        shows: [s],
      });
  }
  return [...groups.values()];
}
