// Central schema: the change log, applied mutations, the audit log and server settings (DESIGN §4).
import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts, xid8 } from './columns.js';

export const changeLog = pgTable(
  'change_log',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    /** The writing transaction: readers stop below the oldest one still running (DESIGN §4). */
    txId: xid8()
      .notNull()
      .default(sql`pg_current_xact_id()`),
    cinemaId: uuid().notNull(),
    showId: uuid(),
    entity: text().notNull(),
    entityId: text().notNull(),
    /** upsert | delete */
    op: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('change_log_cinema_pos_idx').on(t.cinemaId, t.txId, t.seq),
    index('change_log_pos_idx').on(t.txId, t.seq),
  ],
);

export const appliedMutations = pgTable('applied_mutations', {
  id: uuid().primaryKey(),
  stationId: uuid().notNull(),
  kind: text().notNull(),
  /** ack | reject */
  outcome: text().notNull(),
  result: jsonb().$type<unknown>(),
  /** SHA-256 of the mutation's kind and payload: the same id with another payload is refused. */
  payloadHash: text(),
  appliedAt: ts().notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: ts().notNull().defaultNow(),
    /** station | staff | customer | system */
    actorKind: text().notNull(),
    actorId: text(),
    /** web | station | admin | system */
    channel: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

/** Keeps the server's settings that must survive restarts, such as the demo seed marker. */
export const serverMeta = pgTable('server_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
});
