// Station-only tables: sync state, outbox, review items, tills and the print queue.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, json, ts } from './columns.js';

/** Key/value state of the replica: sync cursor, device id, last sync time. */
export const syncState = sqliteTable('sync_state', {
  key: text().primaryKey(),
  value: text().notNull(),
});

/** Mutations written before they are sent (DESIGN §4); removed on ack. */
export const outbox = sqliteTable('outbox', {
  seq: integer().primaryKey({ autoIncrement: true }),
  id: text().notNull().unique(),
  kind: text().notNull(),
  payload: json<unknown>().notNull(),
  createdAt: ts().notNull(),
  offline: bool().notNull(),
  attempts: integer().notNull().default(0),
  lastError: text(),
});

/** Mutations the server rejected; a manager resolves each one. */
export const reviewItems = sqliteTable('review_items', {
  id: text().primaryKey(),
  kind: text().notNull(),
  payload: json<unknown>().notNull(),
  code: text().notNull(),
  message: text().notNull(),
  createdAt: ts().notNull(),
  rejectedAt: ts().notNull(),
  resolvedAt: ts(),
  resolvedBy: text(),
  resolution: text(),
});

export const tills = sqliteTable('tills', {
  id: text().primaryKey(),
  staffId: text().notNull(),
  openedAt: ts().notNull(),
  closedAt: ts(),
  training: bool().notNull().default(false),
  /** Float per tender in minor units, e.g. {"cash": 10000}. */
  float: json<Record<string, number>>().notNull(),
  counted: json<Record<string, number>>(),
  /** Who counted and closed it: the owner, or a manager closing for them. */
  closedBy: text(),
  /** The manager who signed off a variance over the cinema's limit, and their note. */
  varianceApprovedBy: text(),
  varianceNote: text(),
});

export const tillEvents = sqliteTable(
  'till_events',
  {
    id: text().primaryKey(),
    tillId: text().notNull(),
    /** sale | refund | void | drop | open | close */
    kind: text().notNull(),
    tender: text(),
    amountMinor: integer().notNull(),
    orderId: text(),
    reference: text(),
    /** The staff member who did it (a sale, void, refund or drop always names one). */
    staffId: text(),
    /** The manager who approved it (refunds, voids of money), when one had to. */
    approvedBy: text(),
    /** For sales and voids: taxes per component and tickets per type, for the Z-report. */
    details: json<{
      taxes?: { name: string; amountMinor: number }[];
      ticketTypes?: { name: string; count: number; amountMinor: number }[];
    }>(),
    at: ts().notNull(),
  },
  (t) => [index('till_events_till_idx').on(t.tillId)],
);

/**
 * Tickets that were voided or refunded anywhere in the chain for this cinema's shows: a door scan
 * refuses them even when the ticket itself was sold elsewhere (web, another station).
 */
export const revokedTickets = sqliteTable(
  'revoked_tickets',
  {
    ticketId: text().primaryKey(),
    showId: text().notNull(),
    /** void | refunded */
    status: text().notNull(),
    revokedAt: ts().notNull(),
  },
  (t) => [index('revoked_tickets_show_idx').on(t.showId)],
);

/**
 * Tickets let in at a door of this cinema (issue 18): this station's own admissions and those other
 * doors sent through the server, so a second scan anywhere says when and where it was first let in.
 */
export const admissions = sqliteTable(
  'admissions',
  {
    /** The admission's nonce: the `admit` mutation's admissionId. */
    id: text().primaryKey(),
    ticketId: text().notNull(),
    showId: text().notNull(),
    door: text().notNull(),
    admittedAt: ts().notNull(),
    /** The station that let the ticket in (this one for its own). */
    stationId: text().notNull(),
    /** Set when the server answered that another door had let the ticket in first. */
    conflictDoor: text(),
    conflictAt: ts(),
  },
  (t) => [
    uniqueIndex('admissions_ticket_uq').on(t.ticketId),
    index('admissions_show_idx').on(t.showId),
  ],
);

/** Every code scanned at this door, let in or not, for the staff's list (issue 18). */
export const doorScans = sqliteTable(
  'door_scans',
  {
    seq: integer().primaryKey({ autoIncrement: true }),
    at: ts().notNull(),
    /** admitted | a refusal reason (common/contract/door-types.ts). */
    result: text().notNull(),
    ticketId: text(),
    showId: text(),
    message: text().notNull(),
  },
  (t) => [index('door_scans_at_idx').on(t.at)],
);

export const printJobs = sqliteTable('print_jobs', {
  seq: integer().primaryKey({ autoIncrement: true }),
  id: text().notNull().unique(),
  /** ticket | receipt | zreport | test */
  kind: text().notNull(),
  payload: json<unknown>().notNull(),
  /** queued | printing | printed | failed */
  status: text().notNull(),
  reprint: integer().notNull().default(0),
  attempts: integer().notNull().default(0),
  lastError: text(),
  createdAt: ts().notNull(),
  printedAt: ts(),
});

/**
 * Wrong-PIN count and lockout per staff member (DESIGN §10): one person's mistakes, or someone
 * guessing their PIN, never lock anyone else out. Kept on disk so a restart does not lift a lockout.
 * Not the server's pin_lockouts (its PIN exchange): each counter counts its own tries, offline too.
 */
export const stationPinLockouts = sqliteTable('station_pin_lockouts', {
  staffId: text().primaryKey(),
  /** Wrong PINs since the last right one (or the last manager unlock). */
  failures: integer().notNull().default(0),
  /** Until when no PIN of this person is tried, ms since the epoch; null when not locked. */
  lockedUntil: ts(),
});

/**
 * This device's credential from enrollment (DESIGN §10): at most one row. Kept in the replica so a
 * station enrolled once by a code stays enrolled across restarts; config STATION_ID/STATION_SECRET win.
 * revokedAt/revokedReason: the server refused the credential; the station waits for a new code.
 */
export const device = sqliteTable('device', {
  /** Always 1: one device per replica. */
  slot: integer().primaryKey(),
  stationId: text().notNull(),
  /** Sensitive: never logged, never sent to the renderer. */
  secret: text().notNull(),
  cinemaId: text().notNull(),
  name: text().notNull(),
  kind: text().notNull(),
  serverUrl: text().notNull(),
  enrolledAt: ts().notNull(),
  revokedAt: ts(),
  revokedReason: text(),
});
