// Station replica schema (SQLite): the tables shared with db/pg keep the same columns (the parity
// test checks it); station-only tables are in schema-station.ts.
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { bool, json, ts } from './columns.js';

export const cinemas = sqliteTable('cinemas', {
  id: text().primaryKey(),
  chainId: text().notNull(),
  cityId: text().notNull(),
  name: text().notNull(),
  address: text().notNull(),
  timeZone: text().notNull(),
  currency: text().notNull(),
  locale: text().notNull(),
  /** Till close is blind (expected amounts shown only after the count is entered). */
  blindClose: bool().notNull().default(true),
  /** A till variance above this (minor units, either way) needs a manager's PIN and a note. */
  tillVarianceLimitMinor: integer().notNull().default(1000),
  taxIds: json<string[]>().notNull().default([]),
  adsMinutes: integer().notNull().default(0),
  /** When the cinema day starts (local "HH:MM"), as on the server (reports, Z-report days). */
  dayStartsAt: text().notNull().default('06:00'),
});

export const screens = sqliteTable('screens', {
  id: text().primaryKey(),
  cinemaId: text().notNull(),
  name: text().notNull(),
  cleaningMinutes: integer().notNull().default(15),
});

export const seatCategories = sqliteTable('seat_categories', {
  id: text().primaryKey(),
  screenId: text().notNull(),
  code: text().notNull(),
  name: text().notNull(),
  rank: integer().notNull(),
  color: text().notNull(),
});

export const seatLayouts = sqliteTable('seat_layouts', {
  id: text().primaryKey(),
  screenId: text().notNull(),
  name: text().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  active: bool().notNull().default(true),
  version: integer().notNull().default(1),
  supersedesId: text(),
  createdAt: ts()
    .notNull()
    .default(sql`0`),
  blocks: json<{ kind: 'pillar'; x: number; y: number }[]>().notNull().default([]),
});

export const layoutRows = sqliteTable('layout_rows', {
  id: text().primaryKey(),
  layoutId: text().notNull(),
  label: text().notNull(),
  sortOrder: integer().notNull(),
  y: integer().notNull(),
  numbering: text().notNull().default('ltr'),
});

export const seats = sqliteTable('seats', {
  id: text().primaryKey(),
  layoutId: text().notNull(),
  rowId: text().notNull(),
  rowLabel: text().notNull(),
  number: integer().notNull(),
  label: text().notNull(),
  categoryId: text().notNull(),
  kind: text().notNull().default('standard'),
  restrictedView: bool().notNull().default(false),
  x: integer().notNull(),
  y: integer().notNull(),
});

export const movies = sqliteTable('movies', {
  id: text().primaryKey(),
  chainId: text().notNull().default(''),
  title: text().notNull(),
  synopsis: text().notNull(),
  genres: json<string[]>().notNull(),
  languages: json<string[]>().notNull(),
  certification: text().notNull(),
  cast: json<string[]>().notNull(),
  durationMinutes: integer().notNull(),
  ratingTenths: integer(),
  releaseDate: text().notNull(),
  closeDate: text(),
  posterUrl: text(),
  updatedAt: ts()
    .notNull()
    .default(sql`0`),
});

export const formats = sqliteTable('formats', {
  id: text().primaryKey(),
  code: text().notNull(),
  name: text().notNull(),
  multiplierBp: integer().notNull(),
});

export const shows = sqliteTable(
  'shows',
  {
    id: text().primaryKey(),
    cinemaId: text().notNull(),
    screenId: text().notNull(),
    layoutId: text().notNull(),
    movieId: text().notNull(),
    formatId: text().notNull(),
    language: text().notNull(),
    startsAt: ts().notNull(),
    endsAt: ts().notNull(),
    status: text().notNull().default('on_sale'),
    priceCardId: text(),
    webQuota: integer(),
    kioskQuota: integer(),
    adsMinutes: integer().notNull().default(0),
  },
  (t) => [index('shows_start_idx').on(t.startsAt)],
);

export const showPrices = sqliteTable(
  'show_prices',
  {
    showId: text().notNull(),
    categoryId: text().notNull(),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.categoryId] })],
);

export const ticketTypes = sqliteTable('ticket_types', {
  id: text().primaryKey(),
  chainId: text().notNull(),
  code: text().notNull(),
  name: text().notNull(),
  multiplierBp: integer().notNull(),
  sortOrder: integer().notNull(),
});

export const taxes = sqliteTable('taxes', {
  id: text().primaryKey(),
  cinemaId: text().notNull(),
  name: text().notNull(),
  rateBp: integer().notNull(),
  inclusive: bool().notNull(),
  itemClass: text().notNull(),
});

export const discounts = sqliteTable('discounts', {
  id: text().primaryKey(),
  chainId: text().notNull(),
  code: text().notNull(),
  name: text().notNull(),
  kind: text().notNull(),
  value: integer().notNull(),
  currency: text(),
  validFrom: ts(),
  validTo: ts(),
  maxUses: integer(),
  uses: integer().notNull().default(0),
  /** The channels the code may be used on: counter, kiosk, web. */
  channels: json<string[]>().notNull().default(['counter', 'kiosk', 'web']),
  minSpendMinor: integer(),
  active: bool().notNull().default(true),
  updatedAt: ts()
    .notNull()
    .default(sql`0`),
});

export const concessionItems = sqliteTable('concession_items', {
  id: text().primaryKey(),
  cinemaId: text().notNull(),
  name: text().notNull(),
  category: text().notNull(),
  priceMinor: integer().notNull(),
  currency: text().notNull(),
  comboOf: json<string[]>(),
  active: bool().notNull().default(true),
});

export const showSeats = sqliteTable(
  'show_seats',
  {
    showId: text().notNull(),
    seatId: text().notNull(),
    state: text().notNull().default('available'),
    /** Always null on a station: hold ids never leave the server (kept for parity with PostgreSQL). */
    holdId: text(),
    stationId: text(),
    ticketId: text(),
    blockReason: text(),
    version: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.showId, t.seatId] })],
);

export const staff = sqliteTable('staff', {
  id: text().primaryKey(),
  chainId: text().notNull(),
  cinemaId: text(),
  name: text().notNull(),
  role: text().notNull(),
  pinHash: text().notNull(),
  active: bool().notNull().default(true),
});

export const orders = sqliteTable('orders', {
  id: text().primaryKey(),
  cinemaId: text().notNull(),
  showId: text(),
  channel: text().notNull(),
  stationId: text(),
  staffId: text(),
  saleNumber: integer(),
  status: text().notNull(),
  currency: text().notNull(),
  subtotalMinor: integer().notNull(),
  discountMinor: integer().notNull().default(0),
  taxMinor: integer().notNull(),
  totalMinor: integer().notNull(),
  discountCode: text(),
  /** An online booking's reference (bookings.reference), for pick-up at the counter; null for counter sales. */
  reference: text(),
  training: bool().notNull().default(false),
  offline: bool().notNull().default(false),
  createdAt: ts().notNull(),
});

export const tickets = sqliteTable(
  'tickets',
  {
    id: text().primaryKey(),
    orderId: text().notNull(),
    showId: text().notNull(),
    seatId: text().notNull(),
    ticketTypeId: text().notNull(),
    priceMinor: integer().notNull(),
    taxMinor: integer().notNull(),
    status: text().notNull().default('valid'),
    code: text(),
    createdAt: ts().notNull(),
  },
  (t) => [
    uniqueIndex('tickets_valid_seat_uq')
      .on(t.showId, t.seatId)
      .where(sql`status = 'valid'`),
    index('tickets_order_idx').on(t.orderId),
  ],
);

export const orderItems = sqliteTable('order_items', {
  id: text().primaryKey(),
  orderId: text().notNull(),
  concessionItemId: text().notNull(),
  quantity: integer().notNull(),
  unitPriceMinor: integer().notNull(),
  taxMinor: integer().notNull(),
  /** Line total as charged (see db/pg/schema-sales.ts). */
  totalMinor: integer().notNull().default(0),
});

export const payments = sqliteTable('payments', {
  id: text().primaryKey(),
  orderId: text().notNull(),
  tender: text().notNull(),
  amountMinor: integer().notNull(),
  currency: text().notNull(),
  reference: text(),
  provider: text(),
  status: text().notNull(),
  createdAt: ts().notNull(),
});

export * from './schema-station.js';
export * from './schema-pickup.js';
