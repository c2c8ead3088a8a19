// Central schema: customer and staff accounts, sign-in sessions, station enrollment (DESIGN §10).
// None of these tables replicate to stations: they hold password hashes and token hashes.
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { cinemas, cities } from './schema-catalog.js';
import { staff, stations } from './schema-seats.js';

export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey(),
    /** Normalised (trimmed, lower case); unique. */
    email: text().notNull(),
    /** argon2id PHC string. */
    passwordHash: text().notNull(),
    name: text().notNull(),
    phone: text(),
    homeCityId: uuid().references(() => cities.id),
    /** BCP 47 language tag the customer reads. */
    language: text().notNull().default('en'),
    marketingOptIn: boolean().notNull().default(false),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_email_idx').on(t.email)],
);

/** The cinemas a staff member works at (a manager of two sites, a cashier who covers another). */
export const staffCinemas = pgTable(
  'staff_cinemas',
  {
    staffId: uuid()
      .notNull()
      .references(() => staff.id),
    cinemaId: uuid()
      .notNull()
      .references(() => cinemas.id),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.cinemaId] }),
    index('staff_cinemas_cinema_idx').on(t.cinemaId),
  ],
);

/** Optional password sign-in for staff; kept apart from `staff` so replicas never see the hash. */
export const staffLogins = pgTable(
  'staff_logins',
  {
    staffId: uuid()
      .primaryKey()
      .references(() => staff.id),
    email: text().notNull(),
    passwordHash: text().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_logins_email_idx').on(t.email)],
);

/**
 * One sign-in: a refresh-token family. Access tokens name it (`sid`), so revoking it (logout,
 * reuse of a spent refresh token, a revoked station) ends every token of the family at once.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid().primaryKey(),
    /** customer | staff */
    subjectKind: text().notNull(),
    subjectId: uuid().notNull(),
    /** The station a staff session was opened at with a PIN; null for password sign-in. */
    stationId: uuid().references(() => stations.id),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    revokedAt: ts(),
    /** logout | reuse | password-changed | station-revoked */
    revokedReason: text(),
  },
  (t) => [index('auth_sessions_subject_idx').on(t.subjectKind, t.subjectId)],
);

/** Refresh tokens, stored as SHA-256 of the opaque token; a used one is kept to detect reuse. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text().primaryKey(),
    sessionId: uuid()
      .notNull()
      .references(() => authSessions.id),
    issuedAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    /** Set when the token was exchanged for the next one; presenting it again is reuse. */
    usedAt: ts(),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

/** One-time enrollment codes a manager creates for a new station (single use, 24 h). */
export const stationEnrollments = pgTable(
  'station_enrollments',
  {
    /** SHA-256 of the code. */
    codeHash: text().primaryKey(),
    stationId: uuid()
      .notNull()
      .references(() => stations.id),
    createdBy: uuid().references(() => staff.id),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
  },
  (t) => [index('station_enrollments_station_idx').on(t.stationId)],
);

/** Wrong PINs per staff member on the server's PIN exchange (growing delays, lifted by a manager). */
export const pinLockouts = pgTable('pin_lockouts', {
  staffId: uuid()
    .primaryKey()
    .references(() => staff.id),
  failures: integer().notNull().default(0),
  lockedUntil: ts(),
});
