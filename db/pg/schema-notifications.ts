// Central schema: notifications (DESIGN §9). The events outbox (schema-bookings.ts) is fanned out
// into messages, one per channel and recipient; the worker delivers each message once, with retries.
// Server-only: stations never see these rows.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { customers } from './schema-identity.js';

/** One message to deliver on one channel to one recipient: the delivery outbox. */
export const messages = pgTable(
  'messages',
  {
    /** Stable: the email's Message-ID and the provider's idempotency key, so a retry is one message. */
    id: uuid().primaryKey(),
    /** What makes it unique (event 12 by email, booking X's reminder by SMS…): never queued twice. */
    dedupeKey: text().notNull(),
    /** booking.confirmed | booking.cancelled | … | show.reminder | password.reset */
    kind: text().notNull(),
    /** email | sms | push */
    channel: text().notNull(),
    /** An email address, a phone number (E.164) or, for push, the customer's id. */
    recipient: text().notNull(),
    customerId: uuid(),
    bookingId: uuid(),
    eventId: bigint({ mode: 'number' }),
    /** What the template needs beyond the booking's facts; emptied once the message is done. */
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** pending | sent | dead */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    /** While one process is sending it: nobody else claims it before then. */
    lockedUntil: ts(),
    /** Why the last attempt failed (or why the message is dead). */
    lastError: text(),
    /** The provider's id for it (SMTP answer, SMS id, notification id). */
    providerRef: text(),
    sentAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_dedupe_uq').on(t.dedupeKey),
    index('messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('messages_booking_idx').on(t.bookingId),
    index('messages_dead_idx')
      .on(t.updatedAt)
      .where(sql`status = 'dead'`),
  ],
);

/** A signed-in customer's notification list (GET /me/notifications); new rows are pushed live. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    bookingId: uuid(),
    createdAt: ts().notNull().defaultNow(),
    readAt: ts(),
  },
  (t) => [
    index('notifications_customer_idx').on(t.customerId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.customerId)
      .where(sql`read_at IS NULL`),
  ],
);

/** A customer's choice of channels for one kind of notification; no row: the kind's defaults. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    email: boolean().notNull(),
    sms: boolean().notNull(),
    push: boolean().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.kind] })],
);

/** Addresses that unsubscribed from a kind with the one-click link (guests have no preferences). */
export const notificationOptouts = pgTable(
  'notification_optouts',
  {
    /** Normalised email address. */
    address: text().notNull(),
    kind: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.address, t.kind] })],
);

/** Password-reset tokens sent by email: only their digest is kept; each works once, briefly. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('password_resets_token_uq').on(t.tokenHash),
    index('password_resets_customer_idx').on(t.customerId, t.createdAt),
  ],
);
