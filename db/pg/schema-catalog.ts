// Central schema: the chain, its cinemas, screens, layouts, films, shows and prices (DESIGN §3, §6).
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

export const chains = pgTable('chains', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
});

export const cities = pgTable('cities', {
  id: uuid().primaryKey(),
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  name: text().notNull(),
  country: text().notNull(),
});

export const cinemas = pgTable('cinemas', {
  id: uuid().primaryKey(),
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  cityId: uuid()
    .notNull()
    .references(() => cities.id),
  name: text().notNull(),
  address: text().notNull(),
  timeZone: text().notNull(),
  currency: text().notNull(),
  locale: text().notNull(),
  /** Till close is blind (expected amounts shown only after the count is entered). */
  blindClose: boolean().notNull().default(true),
  /** A till variance above this (minor units, either way) needs a manager's PIN and a note. */
  tillVarianceLimitMinor: integer().notNull().default(1000),
  /** Tax registrations printed on tickets and receipts, e.g. "VAT GB 123 4567 89". */
  taxIds: jsonb().$type<string[]>().notNull().default([]),
  /** Advertising and trailers before the film: a show's block on a screen starts with them. */
  adsMinutes: integer().notNull().default(0),
  /** When the cinema day starts (local "HH:MM"): reports put 00:00–05:59 sales on the day before. */
  dayStartsAt: text().notNull().default('06:00'),
});

export const screens = pgTable('screens', {
  id: uuid().primaryKey(),
  cinemaId: uuid()
    .notNull()
    .references(() => cinemas.id),
  name: text().notNull(),
  /** Minutes between shows for cleaning; a show's end includes it. */
  cleaningMinutes: integer().notNull().default(15),
});

export const seatCategories = pgTable('seat_categories', {
  id: uuid().primaryKey(),
  screenId: uuid()
    .notNull()
    .references(() => screens.id),
  code: text().notNull(),
  name: text().notNull(),
  /** Higher ranks are the better seats; best-available tries them in order. */
  rank: integer().notNull(),
  color: text().notNull(),
});

export const seatLayouts = pgTable('seat_layouts', {
  id: uuid().primaryKey(),
  screenId: uuid()
    .notNull()
    .references(() => screens.id),
  name: text().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  /** The layout new shows of the screen use; older versions stay for the shows that have them. */
  active: boolean().notNull().default(true),
  /** 1 for a new layout; each save of a layout that shows already use makes the next version. */
  version: integer().notNull().default(1),
  /** The version this one replaced (null for version 1). */
  supersedesId: uuid(),
  createdAt: ts().notNull().defaultNow(),
  /** Things in the room that are not seats, drawn on the map: pillars, in layout units. */
  blocks: jsonb().$type<{ kind: 'pillar'; x: number; y: number }[]>().notNull().default([]),
});

export const layoutRows = pgTable('layout_rows', {
  id: uuid().primaryKey(),
  layoutId: uuid()
    .notNull()
    .references(() => seatLayouts.id),
  label: text().notNull(),
  sortOrder: integer().notNull(),
  y: integer().notNull(),
  /** ltr: seat 1 is on the left as seen from the audience; rtl: on the right. */
  numbering: text().notNull().default('ltr'),
});

export const seats = pgTable(
  'seats',
  {
    id: uuid().primaryKey(),
    layoutId: uuid()
      .notNull()
      .references(() => seatLayouts.id),
    rowId: uuid()
      .notNull()
      .references(() => layoutRows.id),
    rowLabel: text().notNull(),
    number: integer().notNull(),
    label: text().notNull(),
    categoryId: uuid()
      .notNull()
      .references(() => seatCategories.id),
    /** standard | wheelchair | companion */
    kind: text().notNull().default('standard'),
    /** A pillar or the balcony edge hides part of the screen: sold with a warning, taken last. */
    restrictedView: boolean().notNull().default(false),
    x: integer().notNull(),
    y: integer().notNull(),
  },
  (t) => [uniqueIndex('seats_layout_label_uq').on(t.layoutId, t.label)],
);

export const movies = pgTable('movies', {
  id: uuid().primaryKey(),
  /** Films are the chain's: every cinema of the chain can schedule them. */
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  title: text().notNull(),
  synopsis: text().notNull(),
  genres: jsonb().$type<string[]>().notNull(),
  languages: jsonb().$type<string[]>().notNull(),
  certification: text().notNull(),
  cast: jsonb().$type<string[]>().notNull(),
  durationMinutes: integer().notNull(),
  /** Rating in tenths (78 = 7.8/10), never a float. */
  ratingTenths: integer(),
  releaseDate: date({ mode: 'string' }).notNull(),
  closeDate: date({ mode: 'string' }),
  /** Path of the poster on the server (/api/v1/media/{id}), or null. */
  posterUrl: text(),
  updatedAt: ts().notNull().defaultNow(),
});

/** The formats a screen can project (a 2D-only room never gets an IMAX show). */
export const screenFormats = pgTable(
  'screen_formats',
  {
    screenId: uuid()
      .notNull()
      .references(() => screens.id),
    formatId: uuid()
      .notNull()
      .references(() => formats.id),
  },
  (t) => [primaryKey({ columns: [t.screenId, t.formatId] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Uploaded images (film posters), served with long cache lifetimes: an id never changes content. */
export const media = pgTable('media', {
  id: uuid().primaryKey(),
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  contentType: text().notNull(),
  bytes: bytea().notNull(),
  byteLength: integer().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  /** SHA-256 hex of the bytes: the ETag. */
  sha256: text().notNull(),
  createdBy: uuid(),
  createdAt: ts().notNull().defaultNow(),
});

export const formats = pgTable('formats', {
  id: uuid().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  /** Price multiplier in basis points: 10000 = ×1.00. */
  multiplierBp: integer().notNull(),
});

export const shows = pgTable(
  'shows',
  {
    id: uuid().primaryKey(),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    screenId: uuid()
      .notNull()
      .references(() => screens.id),
    layoutId: uuid()
      .notNull()
      .references(() => seatLayouts.id),
    movieId: uuid()
      .notNull()
      .references(() => movies.id),
    formatId: uuid()
      .notNull()
      .references(() => formats.id),
    language: text().notNull(),
    startsAt: ts().notNull(),
    /** End of the film plus the screen's cleaning buffer; shows on a screen never overlap. */
    endsAt: ts().notNull(),
    /** draft (planned, seen only by managers) | scheduled | on_sale | cancelled | finished */
    status: text().notNull().default('on_sale'),
    /** The price card the show's prices came from (null: set by hand or by the demo seed). */
    priceCardId: uuid(),
    /** Most seats the web may sell (held or sold); null: no limit beyond the show's seats. */
    webQuota: integer(),
    /** Most seats the kiosks may sell; null: no limit. The rest is kept for the counter. */
    kioskQuota: integer(),
    /** Minutes of ads and trailers before the film when the show was planned. */
    adsMinutes: integer().notNull().default(0),
  },
  (t) => [
    index('shows_cinema_start_idx').on(t.cinemaId, t.startsAt),
    index('shows_screen_start_idx').on(t.screenId, t.startsAt),
  ],
);

export const showPrices = pgTable(
  'show_prices',
  {
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    categoryId: uuid()
      .notNull()
      .references(() => seatCategories.id),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.categoryId] })],
);

/**
 * A price card: the price of each seat category (by code) for the shows it matches, by weekday and
 * local start time window (Veezi's price cards). Ticket types and formats adjust it (DESIGN §6).
 */
export const priceCards = pgTable(
  'price_cards',
  {
    id: uuid().primaryKey(),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    name: text().notNull(),
    currency: text().notNull(),
    /** ISO weekdays it applies on: 1 = Monday … 7 = Sunday. */
    weekdays: jsonb().$type<number[]>().notNull(),
    /** Local start times it applies to: minutes after midnight, from inclusive, to exclusive. */
    fromMinute: integer().notNull(),
    toMinute: integer().notNull(),
    /** Format codes it applies to; empty: every format. */
    formats: jsonb().$type<string[]>().notNull().default([]),
    /** Screens it applies to; empty: every screen. */
    screenIds: jsonb().$type<string[]>().notNull().default([]),
    /** Base (adult) price per seat category code, in minor units of `currency`. */
    prices: jsonb().$type<Record<string, number>>().notNull(),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('price_cards_cinema_idx').on(t.cinemaId)],
);

export const ticketTypes = pgTable('ticket_types', {
  id: uuid().primaryKey(),
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  code: text().notNull(),
  name: text().notNull(),
  /** Multiplier on the seat price in basis points: child 7000 = 70 %. */
  multiplierBp: integer().notNull(),
  sortOrder: integer().notNull(),
});

export const taxes = pgTable('taxes', {
  id: uuid().primaryKey(),
  cinemaId: uuid()
    .notNull()
    .references(() => cinemas.id),
  name: text().notNull(),
  /** Rate in basis points: 900 = 9 %. */
  rateBp: integer().notNull(),
  /** true: the price already includes it; false: it is added on top. */
  inclusive: boolean().notNull(),
  /** ticket | concession */
  itemClass: text().notNull(),
});

export const discounts = pgTable('discounts', {
  id: uuid().primaryKey(),
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  code: text().notNull().unique(),
  name: text().notNull(),
  /** percent (value in basis points) | fixed (value in minor units) */
  kind: text().notNull(),
  value: integer().notNull(),
  currency: text(),
  validFrom: ts(),
  validTo: ts(),
  maxUses: integer(),
  uses: integer().notNull().default(0),
  /** Where the code may be used: counter, kiosk, web. */
  channels: jsonb().$type<string[]>().notNull().default(['counter', 'kiosk', 'web']),
  /** Least order subtotal (minor units of `currency`) the code needs; null: none. */
  minSpendMinor: integer(),
  /** A withdrawn code is refused everywhere but kept for the orders that used it. */
  active: boolean().notNull().default(true),
  updatedAt: ts().notNull().defaultNow(),
});

export const concessionItems = pgTable('concession_items', {
  id: uuid().primaryKey(),
  cinemaId: uuid()
    .notNull()
    .references(() => cinemas.id),
  name: text().notNull(),
  category: text().notNull(),
  priceMinor: integer().notNull(),
  currency: text().notNull(),
  /** For combos: the items it bundles. */
  comboOf: jsonb().$type<string[]>(),
  active: boolean().notNull().default(true),
});
