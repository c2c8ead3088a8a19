// Central schema: stations, holds, seat states per show, staff (DESIGN §3, §10).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { chains, cinemas, seats, shows } from './schema-catalog.js';

export const stations = pgTable('stations', {
  id: uuid().primaryKey(),
  cinemaId: uuid()
    .notNull()
    .references(() => cinemas.id),
  name: text().notNull(),
  /** counter | kiosk */
  kind: text().notNull(),
  /** scrypt hash of the device secret: salt$hash, hex; null until the station is enrolled. */
  secretHash: text(),
  /** Ed25519 public key (hex) the server certifies for offline ticket codes. */
  publicKey: text(),
  lastSeenAt: ts(),
  createdAt: ts().notNull().defaultNow(),
  /** The staff member who created the station (null for seeded ones). */
  createdBy: uuid(),
  /** When a manager revoked it: its credential, sessions and staff tokens stop working. */
  revokedAt: ts(),
  /** Sales and other writes waiting in the station's outbox, as it last reported (sync hello/ping). */
  pendingCount: integer(),
  pendingReportedAt: ts(),
});

export const holds = pgTable(
  'holds',
  {
    /** Unguessable capability token. */
    id: text().primaryKey(),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    /** web | station */
    channel: text().notNull(),
    stationId: uuid(),
    /** The signed-in customer who owns a web hold; null for anonymous and station holds. */
    customerId: uuid(),
    /** SHA-256 of an anonymous web hold's secret, given once when the hold is made. */
    secretHash: text(),
    /** active | released | expired | sold */
    status: text().notNull().default('active'),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    extended: boolean().notNull().default(false),
    /**
     * Who a web hold counts against for the per-client caps: `customer:<id>`, or `address:` and the
     * SHA-256 of the caller's address for anonymous holds (DESIGN §16); null for station holds.
     */
    clientKey: text(),
  },
  (t) => [
    index('holds_active_expiry_idx')
      .on(t.expiresAt)
      .where(sql`status = 'active'`),
    index('holds_active_client_idx')
      .on(t.clientKey, t.showId)
      .where(sql`status = 'active' AND client_key IS NOT NULL`),
  ],
);

export const showSeats = pgTable(
  'show_seats',
  {
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    seatId: uuid()
      .notNull()
      .references(() => seats.id),
    /** available | held | sold | blocked | allocated */
    state: text().notNull().default('available'),
    /** The hold that holds the seat; never sent to stations or the public (DESIGN §10). */
    holdId: text(),
    /** Station the seat is escrowed to (state allocated), or that holds it. */
    stationId: uuid(),
    ticketId: uuid(),
    blockReason: text(),
    /** Bumped on every change, so readers can tell which version they have. */
    version: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.showId, t.seatId] }), index('show_seats_hold_idx').on(t.holdId)],
);

export const staff = pgTable('staff', {
  id: uuid().primaryKey(),
  chainId: uuid()
    .notNull()
    .references(() => chains.id),
  cinemaId: uuid().references(() => cinemas.id),
  name: text().notNull(),
  /** cashier | manager | admin */
  role: text().notNull(),
  /** scrypt hash of the PIN: salt$hash, hex. */
  pinHash: text().notNull(),
  active: boolean().notNull().default(true),
});
