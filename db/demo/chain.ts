// Turns the chain spec into rows: chain, cities, cinemas, screens and their layouts.
import { buildLayout } from './layouts.js';
import type { Rng } from './rng.js';
import { CHAIN_NAME, CINEMAS, CITIES, type CinemaSpec, type ScreenSpec } from './chain-spec.js';
import type { CategoryCode, DemoData } from './types.js';

/** A built screen with the ids the schedule and pricing need. */
export type BuiltScreen = {
  id: string;
  spec: ScreenSpec;
  layoutId: string;
  categories: { id: string; code: CategoryCode }[];
  seats: { id: string; categoryId: string; rowLabel: string; number: number; kind: string }[];
};

/** A built cinema with its screens. */
export type BuiltCinema = { id: string; spec: CinemaSpec; screens: BuiltScreen[] };

/** The chain's rows plus the structure later steps walk. */
export type BuiltChain = {
  chainId: string;
  cinemas: BuiltCinema[];
  rows: Pick<
    DemoData,
    | 'chains'
    | 'cities'
    | 'cinemas'
    | 'screens'
    | 'seatCategories'
    | 'seatLayouts'
    | 'layoutRows'
    | 'seats'
  >;
};

/** Builds the chain, its cities, cinemas, screens and one active layout per screen. */
export function buildChain(rng: Rng, createdAt: Date): BuiltChain {
  const chainId = rng.uuid();
  const rows: BuiltChain['rows'] = {
    chains: [{ id: chainId, name: CHAIN_NAME, createdAt }],
    cities: [],
    cinemas: [],
    screens: [],
    seatCategories: [],
    seatLayouts: [],
    layoutRows: [],
    seats: [],
  };
  const cityIds = new Map<string, string>();
  for (const city of CITIES) {
    const id = rng.uuid();
    cityIds.set(city.key, id);
    rows.cities.push({ id, chainId, name: city.name, country: city.country });
  }
  const cinemas = CINEMAS.map((spec): BuiltCinema => {
    // Each cinema has its own stream so editing one cinema's screens leaves the others' ids alone.
    const crng = rng.fork(`cinema:${spec.key}`);
    const id = crng.uuid();
    const { name, address, timeZone, currency, locale } = spec;
    rows.cinemas.push({
      id,
      chainId,
      cityId: cityIds.get(spec.city) ?? '',
      name,
      address,
      timeZone,
      currency,
      locale,
    });
    const screens = spec.screens.map((screen): BuiltScreen => {
      const screenId = crng.uuid();
      rows.screens.push({
        id: screenId,
        cinemaId: id,
        name: screen.name,
        cleaningMinutes: screen.cleaningMinutes,
      });
      const built = buildLayout(crng, screenId, screen.name, screen.layout);
      rows.seatCategories.push(...built.seatCategories);
      rows.seatLayouts.push(...built.seatLayouts);
      rows.layoutRows.push(...built.layoutRows);
      rows.seats.push(...built.seats);
      return {
        id: screenId,
        spec: screen,
        layoutId: built.seatLayouts[0]?.id ?? '',
        categories: built.categories,
        seats: built.seats.map((s) => ({
          id: s.id,
          categoryId: s.categoryId,
          rowLabel: s.rowLabel,
          number: s.number,
          kind: s.kind ?? 'standard',
        })),
      };
    });
    return { id, spec, screens };
  });
  return { chainId, cinemas, rows };
}
