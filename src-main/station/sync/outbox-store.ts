// The outbox and the review queue in SQLite (DESIGN §4): written before sending, removed on ack,
// moved to review on a final reject. Every function is synchronous and joins the caller's transaction.
import { randomUUID } from 'node:crypto';
import { asc, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { BoError } from '../../../common/errors.js';
import {
  MAX_REPORTED_PENDING,
  mutationPayloads,
  type MutationKind,
} from '../../../common/sync-protocol.js';
import { outbox, reviewItems } from '../../../db/sqlite/schema.js';
import type { LocalDb } from '../local-db.js';
import type { OutboxRow, ReviewItem } from './types.js';

// The server's own check (mutateMsg.id): an id it cannot parse would never be answered.
const mutationId = z.uuid();

/** Parses a mutation's payload with its protocol schema; BO_VALIDATION if it would be refused anyway. */
export function parsePayload(kind: MutationKind, payload: unknown): unknown {
  const schema = Object.hasOwn(mutationPayloads, kind) ? mutationPayloads[kind] : undefined;
  if (schema === undefined) throw new BoError('BO_VALIDATION', `Unknown mutation kind ${kind}.`);
  const r = schema.safeParse(payload);
  if (!r.success) {
    throw new BoError(
      'BO_VALIDATION',
      `Invalid ${kind}: ${r.error.issues
        .map((i) => `${i.path.join('.') || 'payload'} ${i.message}`)
        .join('; ')
        .slice(0, 300)}`,
    );
  }
  return r.data;
}

/** Inserts a mutation at the end of the outbox; BO_CONFLICT if the id is queued already. */
export function insertOutbox(
  db: LocalDb,
  row: { id?: string | undefined; kind: MutationKind; payload: unknown; offline: boolean },
): string {
  const id = row.id ?? randomUUID();
  if (!mutationId.safeParse(id).success)
    throw new BoError('BO_VALIDATION', 'A mutation id must be a UUID.');
  const existing = db.select({ id: outbox.id }).from(outbox).where(eq(outbox.id, id)).get();
  if (existing !== undefined) throw new BoError('BO_CONFLICT', `Mutation ${id} is queued already.`);
  db.insert(outbox)
    .values({
      id,
      kind: row.kind,
      payload: row.payload,
      createdAt: new Date(),
      offline: row.offline,
    })
    .run();
  return id;
}

/** The oldest queued mutation, the only one that may be sent next. */
export function headOutbox(db: LocalDb): OutboxRow | undefined {
  return db.select().from(outbox).orderBy(asc(outbox.seq)).limit(1).get();
}

/** A queued mutation by id. */
export function getOutbox(db: LocalDb, id: string): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** Records one send attempt (and why the last one failed, if it did). */
export function markAttempt(
  db: LocalDb,
  id: string,
  attempts: number,
  lastError: string | null,
): void {
  db.update(outbox).set({ attempts, lastError }).where(eq(outbox.id, id)).run();
}

/** Removes an acknowledged (or withdrawn) mutation. */
export function removeOutbox(db: LocalDb, id: string): void {
  db.delete(outbox).where(eq(outbox.id, id)).run();
}

/** Moves a finally rejected mutation to the review queue, with the server's code and message. */
export function moveToReview(db: LocalDb, row: OutboxRow, code: string, message: string): void {
  db.insert(reviewItems)
    .values({
      id: row.id,
      kind: row.kind,
      payload: row.payload,
      code,
      message,
      createdAt: row.createdAt,
      rejectedAt: new Date(),
    })
    .onConflictDoNothing()
    .run();
  removeOutbox(db, row.id);
}

/** Outbox and unresolved review counts for the status. */
export function queueCounts(db: LocalDb): { pending: number; review: number } {
  const pending = db.select({ n: count() }).from(outbox).get()?.n ?? 0;
  const review =
    db.select({ n: count() }).from(reviewItems).where(isNull(reviewItems.resolvedAt)).get()?.n ?? 0;
  return { pending, review };
}

/**
 * The outbox count a station reports in hello and ping: capped at what the protocol accepts (a
 * bigger figure would get the hello refused), undefined if it cannot be read (the database is
 * closing), so a report never stops the link.
 */
export function reportedPending(db: LocalDb): number | undefined {
  try {
    return Math.min(queueCounts(db).pending, MAX_REPORTED_PENDING);
  } catch {
    return undefined;
  }
}

/** Review items, oldest rejection first. */
export function listReview(db: LocalDb, includeResolved: boolean): ReviewItem[] {
  const q = db.select().from(reviewItems);
  return (includeResolved ? q : q.where(isNull(reviewItems.resolvedAt)))
    .orderBy(asc(reviewItems.rejectedAt), asc(reviewItems.id))
    .all();
}

/**
 * Resolves a review item. 'retry' queues the same kind and payload under a new id (the old id
 * would get the same rejection again) and returns it; 'dismiss' returns null.
 */
export function resolveReviewItem(
  db: LocalDb,
  id: string,
  by: string,
  resolution: 'retry' | 'dismiss',
  note?: string,
): string | null {
  return db.$client.transaction(() => {
    const item = db.select().from(reviewItems).where(eq(reviewItems.id, id)).get();
    if (item === undefined) throw new BoError('BO_NOT_FOUND', 'No such review item.');
    if (item.resolvedAt !== null)
      throw new BoError(
        'BO_CONFLICT',
        `This item was resolved already by ${item.resolvedBy ?? 'someone'}.`,
      );
    let newId: string | null = null;
    if (resolution === 'retry') {
      // Offline-ness is not kept in review_items; a retry is a fresh decision made online.
      newId = insertOutbox(db, {
        kind: item.kind as MutationKind,
        payload: item.payload,
        offline: false,
      });
    }
    const text = [resolution === 'retry' ? `retry as ${newId ?? ''}` : 'dismiss', note]
      .filter((s) => s !== undefined && s !== '')
      .join(': ');
    db.update(reviewItems)
      .set({ resolvedAt: new Date(), resolvedBy: by, resolution: text })
      .where(eq(reviewItems.id, id))
      .run();
    return newId;
  })();
}
