// The pure demo-data generator: same seed and same `today`, same rows and ids, without touching a database.
import { buildChain, type BuiltChain, type BuiltCinema } from './chain.js';
import { buildConcessions } from './concessions.js';
import {
  buildDiscounts,
  buildFormats,
  buildMovies,
  buildTicketTypes,
  type BuiltMovie,
} from './movies.js';
import { buildPriceCards, buildTaxes } from './pricing.js';
import { createRng, type Rng } from './rng.js';
import { planShows, scheduleDates } from './schedule.js';
import { buildShowSeats } from './show-seats.js';
import { buildStaff, buildStations } from './staff.js';
import type { DemoData } from './types.js';
import type { FormatCode } from './chain-spec.js';

/** The seed used when none is given; the same default as the server's DEMO_SEED. */
export const DEFAULT_DEMO_SEED = 42;

/** The chain, films and formats that every day of shows is planned from; pure in `seed` and `today`. */
export type DemoBase = {
  root: Rng;
  /** The chain-wide reference stream after the formats; ticket types and discounts continue it. */
  reference: Rng;
  chain: BuiltChain;
  movies: BuiltMovie[];
  movieRows: DemoData['movies'];
  formats: { rows: DemoData['formats']; idOf: Record<FormatCode, string> };
};

/** Builds the demo chain and its films as of the seed's `today` (film release dates are relative to it). */
export function buildDemoBase(seed: number, today: Date): DemoBase {
  const root = createRng(seed);
  const chain = buildChain(root.fork('chain'), today);
  const reference = root.fork('reference');
  const formats = buildFormats(reference);
  const { movies, rows: movieRows } = buildMovies(
    root.fork('movies'),
    today.toISOString().slice(0, 10),
    chain.rows.chains[0]?.id ?? '',
  );
  return { root, reference, chain, movies, movieRows, formats };
}

/** Plans a cinema's shows, prices and show seats for some local dates; the same date always gives the same rows. */
export function planDemoDays(
  base: DemoBase,
  cinema: BuiltCinema,
  dates: string[],
  now: Date,
): Pick<DemoData, 'shows' | 'showPrices' | 'showSeats'> {
  const key = cinema.spec.key;
  const planned = planShows(
    base.root.fork(`schedule:${key}`),
    cinema,
    base.movies,
    base.formats.idOf,
    dates,
    now,
  );
  const { showPrices, showSeats } = buildShowSeats(
    base.root.fork(`show-seats:${key}`),
    cinema,
    planned,
  );
  return { shows: planned.map((p) => p.row), showPrices, showSeats };
}

/** Generates the whole demo data set as plain rows; deterministic in `seed` and `today`. */
export function generateDemo(seed: number, today: Date): DemoData {
  const base = buildDemoBase(seed, today);
  const { root, reference, chain } = base;
  const data: DemoData = {
    seed,
    today: today.toISOString(),
    ...chain.rows,
    movies: base.movieRows,
    formats: base.formats.rows,
    screenFormats: chain.cinemas.flatMap((c) =>
      c.screens.flatMap((screen) =>
        screen.spec.formats.map((code) => ({
          screenId: screen.id,
          formatId: base.formats.idOf[code],
        })),
      ),
    ),
    ticketTypes: buildTicketTypes(reference, chain.chainId),
    taxes: [],
    priceCards: [],
    discounts: buildDiscounts(reference, chain.chainId, today),
    concessionItems: [],
    shows: [],
    showPrices: [],
    showSeats: [],
    staff: buildStaff(root.fork('staff'), chain),
    stations: buildStations(root.fork('stations'), chain),
  };
  for (const cinema of chain.cinemas) {
    const key = cinema.spec.key;
    data.taxes.push(...buildTaxes(root.fork(`taxes:${key}`), cinema.id, cinema.spec));
    data.priceCards.push(
      ...buildPriceCards(root.fork(`price-cards:${key}`), cinema.id, cinema.spec, today),
    );
    data.concessionItems.push(
      ...buildConcessions(root.fork(`concessions:${key}`), cinema.id, cinema.spec),
    );
    const days = planDemoDays(base, cinema, scheduleDates(today, cinema.spec.timeZone), today);
    data.shows.push(...days.shows);
    // A loop, not push(...rows): spreading 100k arguments can overflow the call stack.
    for (const p of days.showPrices) data.showPrices.push(p);
    for (const s of days.showSeats) data.showSeats.push(s);
  }
  return data;
}
