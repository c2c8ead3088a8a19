// Station table for booking pick-up (issue 18): which web bookings were collected, here or at another
// station of the cinema (as the server relayed it), so their tickets print once.
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, ts } from './columns.js';

/** A web booking whose tickets were printed at a counter or kiosk of this cinema. */
export const orderCollections = sqliteTable('order_collections', {
  /** The booking's order: collected once. */
  orderId: text().primaryKey(),
  /** The collection's nonce: the `collect` mutation's collectionId. */
  collectionId: text().notNull(),
  /** The station that printed the tickets (this one for its own). */
  stationId: text().notNull(),
  staffId: text(),
  collectedAt: ts().notNull(),
  /** Collected at a kiosk (self-service) rather than a counter. */
  kiosk: bool().notNull().default(false),
});
