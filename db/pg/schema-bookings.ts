// Central schema: online bookings, their payments and refunds, provider webhooks, idempotency keys
// and the events outbox (DESIGN §7, §9, §12). Server-only: stations see a confirmed booking as its
// order and tickets (schema-sales.ts), never these rows.
import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { cinemas, shows } from './schema-catalog.js';

/** A booking's priced basket, fixed when it is made: what confirming it writes as tickets and items. */
export type BookingLines = {
  tickets: {
    ticketId: string;
    seatId: string;
    ticketTypeId: string;
    priceMinor: number;
    taxMinor: number;
  }[];
  concessions: {
    orderItemId: string;
    itemId: string;
    quantity: number;
    unitPriceMinor: number;
    taxMinor: number;
    totalMinor: number;
  }[];
};

export const bookings = pgTable(
  'bookings',
  {
    /** Also the id of the order that confirming the booking writes. */
    id: uuid().primaryKey(),
    /** Short human reference in unambiguous capital letters, e.g. KTRWHXM. */
    reference: text().notNull(),
    /** SHA-256 of the booking secret that guest links carry. */
    secretHash: text().notNull(),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    /** web (kiosk bookings may join later). */
    channel: text().notNull().default('web'),
    /** The signed-in customer who booked; null for a guest checkout. */
    customerId: uuid(),
    /** Where confirmations go: the customer's email at booking time, or the guest's. */
    email: text().notNull(),
    phone: text(),
    name: text(),
    /** The hold whose seats the booking takes; never shown to anyone. */
    holdId: text().notNull(),
    /** pending | confirmed | expired | cancelled */
    status: text().notNull(),
    currency: text().notNull(),
    subtotalMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    taxMinor: integer().notNull(),
    totalMinor: integer().notNull(),
    discountCode: text(),
    lines: jsonb().$type<BookingLines>().notNull(),
    /** When a pending booking lapses (its hold's expiry, moved once when payment starts). */
    expiresAt: ts().notNull(),
    paymentStartedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    confirmedAt: ts(),
    cancelledAt: ts(),
    /** When the reminder before the show was queued (once per booking; notifications/reminders.ts). */
    remindedAt: ts(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookings_reference_uq').on(t.reference),
    index('bookings_to_remind_idx')
      .on(t.showId)
      .where(sql`status = 'confirmed' AND reminded_at IS NULL`),
    index('bookings_customer_idx').on(t.customerId, t.createdAt),
    index('bookings_show_idx').on(t.showId),
    index('bookings_pending_expiry_idx')
      .on(t.expiresAt)
      .where(sql`status = 'pending'`),
  ],
);

export const bookingPayments = pgTable(
  'booking_payments',
  {
    id: uuid().primaryKey(),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id),
    /** test | stripe */
    provider: text().notNull(),
    /** The provider's id for the payment (a PaymentIntent id); null until the provider answered. */
    providerRef: text(),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    /**
     * pending (created, the buyer has not finished) | processing (the provider is still deciding) |
     * succeeded | failed | cancelled. Only the provider's word makes a payment failed.
     */
    status: text().notNull(),
    /** What has been given back of it so far (succeeded refunds). */
    refundedMinor: integer().notNull().default(0),
    failureReason: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('booking_payments_ref_uq').on(t.provider, t.providerRef),
    index('booking_payments_booking_idx').on(t.bookingId),
    index('booking_payments_open_idx')
      .on(t.updatedAt)
      .where(sql`status IN ('pending', 'processing')`),
  ],
);

export const bookingRefunds = pgTable(
  'booking_refunds',
  {
    id: uuid().primaryKey(),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id),
    paymentId: uuid()
      .notNull()
      .references(() => bookingPayments.id),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    /** A cancellation fee kept back from this refund. */
    feeMinor: integer().notNull().default(0),
    /** customer_cancel | manager | show_cancelled | late_payment | duplicate_payment */
    reason: text().notNull(),
    /** The tickets this refund gave back; empty for a money-only refund. */
    ticketIds: jsonb().$type<string[]>().notNull().default([]),
    /** pending (recorded, not yet accepted by the provider) | succeeded | failed */
    status: text().notNull(),
    providerRef: text(),
    failureReason: text(),
    /** Who asked for it: customer:<id>, guest, staff:<id> or system. */
    requestedBy: text().notNull(),
    attempts: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('booking_refunds_booking_idx').on(t.bookingId),
    index('booking_refunds_pending_idx')
      .on(t.updatedAt)
      .where(sql`status = 'pending'`),
  ],
);

/** Every provider event seen, by id: a duplicate is answered and ignored (DESIGN §12). */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    receivedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

/** Stored answers of POST/DELETE requests made with an Idempotency-Key, kept 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key it is (customer:<id>, staff:<id>, or anon: and a digest of the secrets sent). */
    scope: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, route and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    /** running | done */
    state: text().notNull(),
    responseStatus: integer(),
    responseBody: text(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('idempotency_created_idx').on(t.createdAt),
  ],
);

/**
 * The events outbox: every state change of a booking, payment or show writes one row in the same
 * transaction; notifications are delivered from here, never from inside a transaction (DESIGN §9).
 */
export const events = pgTable(
  'events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** booking.confirmed | booking.cancelled | booking.refunded | booking.expired | payment.failed | show.cancelled … */
    type: text().notNull(),
    bookingId: uuid(),
    showId: uuid(),
    cinemaId: uuid(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: ts().notNull().defaultNow(),
    /** Set by the notifications worker once every message of the event is delivered. */
    processedAt: ts(),
  },
  (t) => [
    index('events_unprocessed_idx')
      .on(t.id)
      .where(sql`processed_at IS NULL`),
    index('events_booking_idx').on(t.bookingId),
  ],
);

/** The built-in test gateway's own ledger, a stand-in for a provider's servers: its payment intents. */
export const testGatewayIntents = pgTable('test_gateway_intents', {
  id: text().primaryKey(),
  amountMinor: integer().notNull(),
  currency: text().notNull(),
  /** requires_payment | processing | succeeded | failed | cancelled */
  status: text().notNull(),
  refundedMinor: integer().notNull().default(0),
  description: text().notNull(),
  metadata: jsonb().$type<Record<string, string>>().notNull(),
  createdAt: ts().notNull().defaultNow(),
});

/** Webhooks the test gateway owes the server, delivered when due and retried until accepted. */
export const testGatewayWebhooks = pgTable(
  'test_gateway_webhooks',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    eventId: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    dueAt: ts().notNull(),
    attempts: integer().notNull().default(0),
    deliveredAt: ts(),
  },
  (t) => [
    index('test_gateway_webhooks_due_idx')
      .on(t.dueAt)
      .where(sql`delivered_at IS NULL`),
  ],
);
