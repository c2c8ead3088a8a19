// Plain row types of the demo data set: what the pure generator returns and the writer inserts.
import type * as s from '../pg/schema.js';

/** A seat category code used across the demo screens. */
export type CategoryCode = 'STD' | 'PRM' | 'RCL';

/** A staff member before hashing: the PIN is demo data, printed at start. */
export type DemoStaff = Omit<typeof s.staff.$inferInsert, 'pinHash'> & {
  pin: string;
  pinSalt: string;
};

/** A station before hashing: the secret is demo data, derived from the seed. */
export type DemoStation = Omit<typeof s.stations.$inferInsert, 'secretHash'> & {
  secret: string;
  secretSalt: string;
};

/** One seat of one show; the demo starts with every seat available except a few house seats. */
export type DemoShowSeat = {
  showId: string;
  seatId: string;
  state: 'available' | 'blocked';
  blockReason: string | null;
};

/** Everything the demo seed inserts, table by table, in insert order. */
export type DemoData = {
  seed: number;
  /** The instant the week of shows was planned from, ISO. */
  today: string;
  chains: (typeof s.chains.$inferInsert)[];
  cities: (typeof s.cities.$inferInsert)[];
  cinemas: (typeof s.cinemas.$inferInsert)[];
  screens: (typeof s.screens.$inferInsert)[];
  seatCategories: (typeof s.seatCategories.$inferInsert)[];
  seatLayouts: (typeof s.seatLayouts.$inferInsert)[];
  layoutRows: (typeof s.layoutRows.$inferInsert)[];
  seats: (typeof s.seats.$inferInsert)[];
  movies: (typeof s.movies.$inferInsert)[];
  formats: (typeof s.formats.$inferInsert)[];
  /** The formats each screen can project (the planner refuses others). */
  screenFormats: (typeof s.screenFormats.$inferInsert)[];
  ticketTypes: (typeof s.ticketTypes.$inferInsert)[];
  taxes: (typeof s.taxes.$inferInsert)[];
  priceCards: (typeof s.priceCards.$inferInsert)[];
  discounts: (typeof s.discounts.$inferInsert)[];
  concessionItems: (typeof s.concessionItems.$inferInsert)[];
  shows: (typeof s.shows.$inferInsert)[];
  showPrices: (typeof s.showPrices.$inferInsert)[];
  showSeats: DemoShowSeat[];
  staff: DemoStaff[];
  stations: DemoStation[];
};
