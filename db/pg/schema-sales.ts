// Central schema: orders, tickets (one valid ticket per seat of a show), items and payments (DESIGN §3, §7).
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { cinemas, seats, shows, ticketTypes, concessionItems } from './schema-catalog.js';

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey(),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    showId: uuid().references(() => shows.id),
    /** counter | kiosk | web */
    channel: text().notNull(),
    stationId: uuid(),
    staffId: uuid(),
    /** Per-station running number printed on receipts. */
    saleNumber: integer(),
    /** pending | paid | void | refunded | partially_refunded | expired */
    status: text().notNull(),
    currency: text().notNull(),
    subtotalMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    taxMinor: integer().notNull(),
    totalMinor: integer().notNull(),
    discountCode: text(),
    /** An online booking's reference (bookings.reference), for pick-up at the counter; null for counter sales. */
    reference: text(),
    training: boolean().notNull().default(false),
    offline: boolean().notNull().default(false),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('orders_show_idx').on(t.showId)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid().primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    seatId: uuid()
      .notNull()
      .references(() => seats.id),
    ticketTypeId: uuid()
      .notNull()
      .references(() => ticketTypes.id),
    priceMinor: integer().notNull(),
    taxMinor: integer().notNull(),
    /** valid | void | refunded */
    status: text().notNull().default('valid'),
    code: text(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    // The last line of defence of DESIGN §3: a seat of a show has at most one valid ticket.
    uniqueIndex('tickets_valid_seat_uq')
      .on(t.showId, t.seatId)
      .where(sql`status = 'valid'`),
    index('tickets_order_idx').on(t.orderId),
  ],
);

export const orderItems = pgTable('order_items', {
  id: uuid().primaryKey(),
  orderId: uuid()
    .notNull()
    .references(() => orders.id),
  concessionItemId: uuid()
    .notNull()
    .references(() => concessionItems.id),
  quantity: smallint().notNull(),
  unitPriceMinor: integer().notNull(),
  taxMinor: integer().notNull(),
  /** What the line cost: quantity × unit price, less its share of a discount, plus added taxes (like tickets.price_minor). The default only lets the column be added to existing tables; every writer sets it. */
  totalMinor: integer().notNull().default(0),
});

export const payments = pgTable('payments', {
  id: uuid().primaryKey(),
  orderId: uuid()
    .notNull()
    .references(() => orders.id),
  /** cash | card | voucher | online */
  tender: text().notNull(),
  amountMinor: integer().notNull(),
  currency: text().notNull(),
  /** Card terminal reference, voucher number or provider payment id. */
  reference: text(),
  provider: text(),
  /** pending | succeeded | failed | refunded */
  status: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
});
