// Central schema: admissions at the doors (issue 18). A door's admission is a fact that happened,
// offline or not: the first of a ticket counts, a later one (another door, offline) is kept as a
// conflict pointing at the first, never refused and never lost.
import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { cinemas, shows } from './schema-catalog.js';
import { stations } from './schema-seats.js';

export const admissions = pgTable(
  'admissions',
  {
    /** The door's nonce for this admission (the `admit` mutation's admissionId). */
    id: uuid().primaryKey(),
    /** The ticket let in; no foreign key: a ticket sold offline elsewhere may not have arrived yet. */
    ticketId: uuid().notNull(),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    stationId: uuid()
      .notNull()
      .references(() => stations.id),
    door: text().notNull(),
    /** When the door let the ticket in, by its clock. */
    admittedAt: ts().notNull(),
    receivedAt: ts().notNull().defaultNow(),
    /** For a conflict: the admission of the same ticket that came first. */
    firstId: uuid(),
  },
  (t) => [
    uniqueIndex('admissions_ticket_first_uq')
      .on(t.ticketId)
      .where(sql`first_id IS NULL`),
    index('admissions_show_idx').on(t.showId),
    index('admissions_conflicts_idx')
      .on(t.cinemaId, t.receivedAt)
      .where(sql`first_id IS NOT NULL`),
  ],
);
