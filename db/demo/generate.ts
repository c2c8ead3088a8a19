// The pure demo-data generator: same seed and same `today`, same rows and ids, without touching a database.
import { buildChain } from './chain.js';
import { buildConcessions } from './concessions.js';
import { buildDiscounts, buildFormats, buildMovies, buildTicketTypes } from './movies.js';
import { buildTaxes } from './pricing.js';
import { createRng } from './rng.js';
import { planShows } from './schedule.js';
import { buildShowSeats } from './show-seats.js';
import { buildStaff, buildStations } from './staff.js';
import type { DemoData } from './types.js';

/** The seed used when none is given; the same default as the server's DEMO_SEED. */
export const DEFAULT_DEMO_SEED = 42;

/** Generates the whole demo data set as plain rows; deterministic in `seed` and `today`. */
export function generateDemo(seed: number, today: Date): DemoData {
  const root = createRng(seed);
  const chain = buildChain(root.fork('chain'), today);
  const reference = root.fork('reference');
  const formats = buildFormats(reference);
  const ticketTypes = buildTicketTypes(reference, chain.chainId);
  const discounts = buildDiscounts(reference, chain.chainId, today);
  const { movies, rows: movieRows } = buildMovies(root.fork('movies'), today.toISOString().slice(0, 10));
  const data: DemoData = {
    seed,
    today: today.toISOString(),
    ...chain.rows,
    movies: movieRows,
    formats: formats.rows,
    ticketTypes,
    taxes: [],
    discounts,
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
    data.concessionItems.push(...buildConcessions(root.fork(`concessions:${key}`), cinema.id, cinema.spec));
    const planned = planShows(root.fork(`schedule:${key}`), cinema, movies, formats.idOf, today);
    data.shows.push(...planned.map((p) => p.row));
    const { showPrices, showSeats } = buildShowSeats(root.fork(`show-seats:${key}`), cinema, planned);
    // A loop, not push(...rows): spreading 100k arguments can overflow the call stack.
    for (const p of showPrices) data.showPrices.push(p);
    for (const s of showSeats) data.showSeats.push(s);
  }
  return data;
}
