// Central schema: web bookings collected at a counter or kiosk (issue 18). The first collection of
// a booking counts; the station that reports it and when are kept for the managers.
import { boolean, index, pgTable, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { cinemas } from './schema-catalog.js';
import { orders } from './schema-sales.js';
import { stations } from './schema-seats.js';

export const bookingCollections = pgTable(
  'booking_collections',
  {
    orderId: uuid()
      .primaryKey()
      .references(() => orders.id),
    /** The station's nonce for this collection (the `collect` mutation's collectionId). */
    collectionId: uuid().notNull().unique(),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    stationId: uuid()
      .notNull()
      .references(() => stations.id),
    /** The cashier who handed the tickets over; null at a kiosk. */
    staffId: uuid(),
    kiosk: boolean().notNull().default(false),
    /** When the station printed the tickets, by its clock (offline collections arrive later). */
    collectedAt: ts().notNull(),
    receivedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('booking_collections_cinema_idx').on(t.cinemaId, t.collectedAt)],
);
