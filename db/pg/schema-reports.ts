// Central schema of the back office (issue 17, DESIGN §15): the stations' tills and Z-reports as
// uploaded, the report aggregates kept up to date as sales happen, customers' feedback, and the
// backups and restores of the central database.
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { bookings } from './schema-bookings.js';
import { cinemas, shows } from './schema-catalog.js';
import { stations } from './schema-seats.js';

/** A till session of a station as it last uploaded it (a `till` mutation): float, counts, Z-report. */
export const tills = pgTable(
  'tills',
  {
    /** The station's own id of the till. */
    id: uuid().primaryKey(),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    stationId: uuid()
      .notNull()
      .references(() => stations.id),
    staffId: uuid().notNull(),
    openedAt: ts().notNull(),
    closedAt: ts(),
    /** The cinema day the till opened on (the cinema's day start, default 06:00). */
    businessDate: date({ mode: 'string' }).notNull(),
    training: boolean().notNull().default(false),
    currency: text().notNull(),
    /** Float per tender in minor units. */
    float: jsonb().$type<Record<string, number>>().notNull(),
    /** Counted per tender at close. */
    counted: jsonb().$type<Record<string, number>>(),
    closedBy: uuid(),
    varianceApprovedBy: uuid(),
    varianceNote: text(),
    /** The Z-report the station printed at close (common/contract/station.ts ZReport). */
    zReport: jsonb().$type<Record<string, unknown>>(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('tills_cinema_day_idx').on(t.cinemaId, t.businessDate),
    index('tills_station_idx').on(t.stationId, t.openedAt),
  ],
);

/** Cash taken out of a till during the session (a drop to the safe). */
export const tillDrops = pgTable(
  'till_drops',
  {
    id: uuid().primaryKey(),
    tillId: uuid()
      .notNull()
      .references(() => tills.id),
    tender: text().notNull(),
    amountMinor: integer().notNull(),
    staffId: uuid(),
    at: ts().notNull(),
  },
  (t) => [index('till_drops_till_idx').on(t.tillId)],
);

/**
 * What each sale, void and refund adds to the reports, written by triggers in the same
 * transaction as the change (migration 0011). Rows are folded into `report_daily` by the rollup and
 * read together with it, so a report is always current without scanning tickets.
 */
const reportGrain = {
  cinemaId: uuid().notNull(),
  /** The cinema day of the transaction (cinema's time zone, day from its `day_starts_at`). */
  businessDate: date({ mode: 'string' }).notNull(),
  /** counter | kiosk | web */
  channel: text().notNull(),
  showId: uuid(),
  movieId: uuid(),
  screenId: uuid(),
  formatId: uuid(),
  categoryId: uuid(),
  ticketTypeId: uuid(),
  /** A concession line's item (the ticket columns above are then null). */
  concessionItemId: uuid(),
};
const reportMeasures = {
  /** Tickets or items sold, and what they took (taxes included) and the taxes within. */
  qty: integer().notNull().default(0),
  grossMinor: bigint({ mode: 'number' }).notNull().default(0),
  taxMinor: bigint({ mode: 'number' }).notNull().default(0),
  /** Voided (a counter sale taken back in its session): as if never sold. */
  voidQty: integer().notNull().default(0),
  voidMinor: bigint({ mode: 'number' }).notNull().default(0),
  voidTaxMinor: bigint({ mode: 'number' }).notNull().default(0),
  /** Refunded: the ticket's value given back (a refund fee kept is `feeMinor`). */
  refundQty: integer().notNull().default(0),
  refundMinor: bigint({ mode: 'number' }).notNull().default(0),
  refundTaxMinor: bigint({ mode: 'number' }).notNull().default(0),
  /**
   * What a web refund kept of the value given back (the refund policy's fee), less any goodwill
   * money a manager added: value of the tickets and food given back − money refunded.
   */
  feeMinor: bigint({ mode: 'number' }).notNull().default(0),
};

export const reportDeltas = pgTable(
  'report_deltas',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ...reportGrain,
    ...reportMeasures,
  },
  (t) => [
    index('report_deltas_cinema_day_idx').on(t.cinemaId, t.businessDate),
    index('report_deltas_show_idx').on(t.showId),
  ],
);

export const reportDaily = pgTable(
  'report_daily',
  {
    ...reportGrain,
    ...reportMeasures,
  },
  (t) => [
    unique('report_daily_grain_uq')
      .on(
        t.cinemaId,
        t.businessDate,
        t.channel,
        t.showId,
        t.categoryId,
        t.ticketTypeId,
        t.concessionItemId,
      )
      .nullsNotDistinct(),
    index('report_daily_day_idx').on(t.businessDate, t.cinemaId),
    index('report_daily_show_idx').on(t.showId),
  ],
);

/** The sums every takings report shows, kept per row of the coarser aggregates below. */
const takingsSums = {
  /** Tickets sold less voided and refunded. */
  admissions: bigint({ mode: 'number' }).notNull().default(0),
  ticketsGross: bigint({ mode: 'number' }).notNull().default(0),
  concessionsGross: bigint({ mode: 'number' }).notNull().default(0),
  voids: bigint({ mode: 'number' }).notNull().default(0),
  refunds: bigint({ mode: 'number' }).notNull().default(0),
  fees: bigint({ mode: 'number' }).notNull().default(0),
  tax: bigint({ mode: 'number' }).notNull().default(0),
  ticketsNet: bigint({ mode: 'number' }).notNull().default(0),
  concessionsNet: bigint({ mode: 'number' }).notNull().default(0),
};

/**
 * Takings per cinema day and channel, folded by the rollup: what the summary and the breakdowns by
 * day, week, month, cinema and channel read (a year of a cinema is about a thousand rows).
 */
export const reportDays = pgTable(
  'report_days',
  {
    cinemaId: uuid().notNull(),
    businessDate: date({ mode: 'string' }).notNull(),
    channel: text().notNull(),
    ...takingsSums,
  },
  (t) => [primaryKey({ columns: [t.cinemaId, t.businessDate, t.channel] })],
);

/**
 * Takings per cinema day by film, format, seat category and ticket type (food and drink, and
 * refund fees, in rows of their own kind), folded by the rollup: what the breakdowns by film,
 * format, category and ticket type and the distributor report read.
 */
export const reportFilmDays = pgTable(
  'report_film_days',
  {
    cinemaId: uuid().notNull(),
    businessDate: date({ mode: 'string' }).notNull(),
    /** ticket | food | fee */
    kind: text().notNull(),
    movieId: uuid(),
    formatId: uuid(),
    categoryId: uuid(),
    ticketTypeId: uuid(),
    ...takingsSums,
  },
  (t) => [
    unique('report_film_days_grain_uq')
      .on(t.cinemaId, t.businessDate, t.kind, t.movieId, t.formatId, t.categoryId, t.ticketTypeId)
      .nullsNotDistinct(),
  ],
);

/** Seats per show and the show's own cinema day, for occupancy (kept by a trigger on show_seats). */
export const reportShows = pgTable(
  'report_shows',
  {
    /** The show (no foreign key: a trigger removes the row when a draft show is deleted). */
    showId: uuid().primaryKey(),
    cinemaId: uuid().notNull(),
    /** The cinema day the show starts on. */
    showDate: date({ mode: 'string' }).notNull(),
    capacity: integer().notNull().default(0),
    /** Tickets sold less given back, and their net takings (folded by the rollup). */
    admissions: integer().notNull().default(0),
    ticketsNet: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [index('report_shows_day_idx').on(t.showDate, t.cinemaId)],
);

/** A customer's rating of a booking's show (1–5 and a comment), and the cinema's reply. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid().primaryKey(),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    /** The signed-in customer who wrote it; null for a guest with the booking's secret. */
    customerId: uuid(),
    rating: smallint().notNull(),
    comment: text().notNull().default(''),
    reply: text(),
    repliedBy: uuid(),
    repliedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_booking_uq').on(t.bookingId),
    index('feedback_cinema_idx').on(t.cinemaId, t.createdAt),
  ],
);

/** Backups and restores of the central database, who asked and how it went. */
export const backups = pgTable(
  'backups',
  {
    id: uuid().primaryKey(),
    /** backup | restore */
    kind: text().notNull(),
    /** running | succeeded | failed */
    status: text().notNull(),
    /** The archive's file name in the backup folder. */
    fileName: text(),
    sizeBytes: bigint({ mode: 'number' }),
    /** SHA-256 of the archive, hex. */
    sha256: text(),
    /** The staff member who asked; null for the daily schedule. */
    requestedBy: uuid(),
    scheduled: boolean().notNull().default(false),
    /** A restore: the backup it restored and the database it restored into. */
    sourceBackupId: uuid(),
    targetDatabase: text(),
    error: text(),
    startedAt: ts().notNull().defaultNow(),
    finishedAt: ts(),
  },
  (t) => [index('backups_started_idx').on(t.startedAt)],
);
