// Writes generated demo rows inside one transaction: typed batched inserts, and unnest() for show seats.
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PgDb } from '../pg/client.js';
import * as s from '../pg/schema.js';
import type { DemoData, DemoShowSeat } from './types.js';

/** A transaction handle of the central database. */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** Anything that can insert and execute: a transaction, or a drizzle handle on one checked-out client. */
export type PgWriter = Pick<PgTx, 'insert' | 'execute'>;

/** Demo rows with staff PINs and station secrets already hashed. */
export type HashedDemo = Omit<DemoData, 'staff' | 'stations'> & {
  staff: (typeof s.staff.$inferInsert)[];
  stations: (typeof s.stations.$inferInsert)[];
};

/** Called after every batch with the rows written so far and the step's name. */
export type Tick = (rows: number, step: string) => void;

// PostgreSQL takes at most 65535 bind parameters per statement; 1000 rows of ≤ 12 columns stays far below.
const ROWS_PER_INSERT = 1000;
// show_seats goes through unnest() with one array parameter per column, so batches only bound progress steps.
const SHOW_SEATS_PER_INSERT = 10_000;

/** Inserts rows in batches of a few hundred to a thousand. */
async function insertAll<T extends PgTable>(
  tx: PgWriter,
  table: T,
  rows: T['$inferInsert'][],
  step: string,
  tick: Tick,
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const batch = rows.slice(i, i + ROWS_PER_INSERT);
    await tx.insert(table).values(batch);
    tick(batch.length, step);
  }
}

/** Inserts show seats as column arrays: one statement per 10k rows instead of 40k bind parameters. */
async function insertShowSeats(tx: PgWriter, rows: DemoShowSeat[], tick: Tick): Promise<void> {
  for (let i = 0; i < rows.length; i += SHOW_SEATS_PER_INSERT) {
    const batch = rows.slice(i, i + SHOW_SEATS_PER_INSERT);
    const showIds = sql.param(batch.map((r) => r.showId));
    const seatIds = sql.param(batch.map((r) => r.seatId));
    const states = sql.param(batch.map((r) => r.state));
    const reasons = sql.param(batch.map((r) => r.blockReason));
    await tx.execute(sql`
      INSERT INTO show_seats (show_id, seat_id, state, block_reason)
      SELECT * FROM unnest(${showIds}::uuid[], ${seatIds}::uuid[], ${states}::text[], ${reasons}::text[])`);
    tick(batch.length, 'Show seats');
  }
}

/** Writes shows, their prices and one show_seats row per seat; the seed and the roll-forward share it. */
export async function writeShows(
  tx: PgWriter,
  d: Pick<DemoData, 'shows' | 'showPrices' | 'showSeats'>,
  tick: Tick,
): Promise<void> {
  await insertAll(tx, s.shows, d.shows, 'Shows', tick);
  await insertAll(tx, s.showPrices, d.showPrices, 'Show prices', tick);
  await insertShowSeats(tx, d.showSeats, tick);
}

/** Writes every demo table in foreign-key order. */
export async function writeDemo(tx: PgTx, d: HashedDemo, tick: Tick): Promise<void> {
  await insertAll(tx, s.chains, d.chains, 'Chain', tick);
  await insertAll(tx, s.cities, d.cities, 'Cities', tick);
  await insertAll(tx, s.cinemas, d.cinemas, 'Cinemas', tick);
  await insertAll(tx, s.screens, d.screens, 'Screens', tick);
  await insertAll(tx, s.seatCategories, d.seatCategories, 'Seat categories', tick);
  await insertAll(tx, s.seatLayouts, d.seatLayouts, 'Seat layouts', tick);
  await insertAll(tx, s.layoutRows, d.layoutRows, 'Layout rows', tick);
  await insertAll(tx, s.seats, d.seats, 'Seats', tick);
  await insertAll(tx, s.movies, d.movies, 'Movies', tick);
  await insertAll(tx, s.formats, d.formats, 'Formats', tick);
  await insertAll(tx, s.screenFormats, d.screenFormats, 'Screen formats', tick);
  await insertAll(tx, s.ticketTypes, d.ticketTypes, 'Ticket types', tick);
  await insertAll(tx, s.taxes, d.taxes, 'Taxes', tick);
  await insertAll(tx, s.priceCards, d.priceCards, 'Price cards', tick);
  await insertAll(tx, s.discounts, d.discounts, 'Discounts', tick);
  await insertAll(tx, s.concessionItems, d.concessionItems, 'Concessions', tick);
  await writeShows(tx, d, tick);
  await insertAll(tx, s.staff, d.staff, 'Staff', tick);
  const postings = d.staff.flatMap((p) =>
    p.cinemaId ? [{ staffId: p.id, cinemaId: p.cinemaId }] : [],
  );
  await insertAll(tx, s.staffCinemas, postings, 'Staff postings', tick);
  await insertAll(tx, s.stations, d.stations, 'Stations', tick);
}
