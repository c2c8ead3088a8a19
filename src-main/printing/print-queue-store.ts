// print_jobs reads and writes. Every function is synchronous (better-sqlite3), so a caller can
// queue a job inside the same transaction as the sale it prints, and no await ever splits a
// read from the write that depends on it.
import type { RunResult } from 'better-sqlite3';
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { randomUUID } from 'node:crypto';
import * as schema from '../../db/sqlite/schema.js';
import type {
  PrintJob,
  PrintJobDetail,
  PrintJobError,
  PrintJobErrorCode,
  PrintJobKind,
  PrintJobStatus,
} from './print-queue-types.js';
import { printJobKinds } from './print-queue-types.js';

const { printJobs } = schema;

/** The station database or a transaction on it. */
export type SyncDb = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

/** A print_jobs row as stored. */
export type PrintJobRow = typeof printJobs.$inferSelect;

/** Inserts a queued job and returns its id. */
export function insertPrintJob(
  db: SyncDb,
  kind: PrintJobKind,
  payload: unknown,
  now = new Date(),
): string {
  const id = randomUUID();
  db.insert(printJobs).values({ id, kind, payload, status: 'queued', createdAt: now }).run();
  return id;
}

/**
 * Inserts a queued copy of `sourceId` and returns its id, or null when there is no such job. The
 * reprint number counts every earlier print of the same document (same kind and payload text), so
 * reprinting the original or any of its reprints gives the next number. One statement, so two
 * quick reprints cannot get the same number.
 */
export function insertReprint(db: SyncDb, sourceId: string, now = new Date()): string | null {
  const id = randomUUID();
  const result = db.run(sql`
    INSERT INTO print_jobs (id, kind, payload, status, reprint, attempts, created_at)
    SELECT ${id}, src.kind, src.payload, 'queued',
      (SELECT max(other.reprint) FROM print_jobs other WHERE other.kind = src.kind AND other.payload = src.payload) + 1,
      0, ${now.getTime()}
    FROM print_jobs src WHERE src.id = ${sourceId}`);
  return result.changes === 1 ? id : null;
}

/**
 * Inserts a queued copy of a ticket job that prints only the tickets `keep` accepts (the valid ones
 * of a sale some of whose tickets went back), or null when there is no such job or nothing is kept.
 * Its number follows every earlier print of the whole job and of this same subset, so the copies of
 * a sale keep counting up.
 */
export function insertPartialReprint(
  db: SyncDb,
  sourceId: string,
  keep: (item: unknown) => boolean,
  now = new Date(),
): string | null {
  const src = db.select().from(printJobs).where(eq(printJobs.id, sourceId)).get();
  if (!src || !Array.isArray(src.payload)) return null;
  const items = (src.payload as unknown[]).filter(keep);
  if (items.length === 0) return null;
  const id = randomUUID();
  const payload = JSON.stringify(items);
  db.run(sql`
    INSERT INTO print_jobs (id, kind, payload, status, reprint, attempts, created_at)
    SELECT ${id}, src.kind, ${payload}, 'queued',
      (SELECT max(other.reprint) FROM print_jobs other WHERE other.kind = src.kind AND other.payload IN (src.payload, ${payload})) + 1,
      0, ${now.getTime()}
    FROM print_jobs src WHERE src.id = ${sourceId}`);
  return id;
}

/**
 * Takes the oldest queued job at or after `fromSeq`: marks it 'printing', counts the attempt,
 * returns it; null when none is queued. Without an index on status, finding the first queued row
 * walks every printed one before it (~60 ms at 100k jobs), so the worker passes the seq below
 * which it knows nothing is queued and the walk starts there instead.
 */
export function claimNextJob(db: SyncDb, fromSeq = 0): PrintJobRow | null {
  const row = db
    .select()
    .from(printJobs)
    .where(and(eq(printJobs.status, 'queued'), gte(printJobs.seq, fromSeq)))
    .orderBy(asc(printJobs.seq))
    .limit(1)
    .get();
  if (!row) return null;
  db.update(printJobs)
    .set({ status: 'printing', attempts: sql`${printJobs.attempts} + 1` })
    .where(eq(printJobs.id, row.id))
    .run();
  return { ...row, status: 'printing', attempts: row.attempts + 1 };
}

/** The lowest seq that is or may soon be queued again: the oldest queued or printing job, else the next seq. */
export function firstQueuedSeq(db: SyncDb): number {
  const row = db.get<{ seq: number }>(sql`
    SELECT coalesce(
      (SELECT min(seq) FROM print_jobs WHERE status IN ('queued', 'printing')),
      (SELECT coalesce(max(seq), 0) + 1 FROM print_jobs)) AS seq`);
  return row.seq;
}

/** Records a successful print. */
export function markPrinted(db: SyncDb, id: string, now = new Date()): void {
  db.update(printJobs)
    .set({ status: 'printed', printedAt: now, lastError: null })
    .where(eq(printJobs.id, id))
    .run();
}

/** Puts a job back in the queue (same place: its seq does not change) with the reason it did not print. */
export function markRetry(db: SyncDb, id: string, error: PrintJobError): void {
  db.update(printJobs)
    .set({ status: 'queued', lastError: encodeError(error) })
    .where(eq(printJobs.id, id))
    .run();
}

/** Gives up on a job whose data cannot be laid out; retrying would only block the jobs behind it. */
export function markFailed(db: SyncDb, id: string, error: PrintJobError): void {
  db.update(printJobs)
    .set({ status: 'failed', lastError: encodeError(error) })
    .where(eq(printJobs.id, id))
    .run();
}

/** Re-queues jobs left 'printing' by a crash; returns how many. */
export function requeueInterrupted(db: SyncDb): number {
  return db
    .update(printJobs)
    .set({ status: 'queued' })
    .where(eq(printJobs.status, 'printing'))
    .run().changes;
}

/** The most recent jobs, newest first. */
export function listPrintJobs(db: SyncDb, limit: number): PrintJob[] {
  return db
    .select()
    .from(printJobs)
    .orderBy(desc(printJobs.seq))
    .limit(limit)
    .all()
    .map(toPrintJob);
}

/** One job with its payload, or null. */
export function getPrintJob(db: SyncDb, id: string): PrintJobDetail | null {
  const row = db.select().from(printJobs).where(eq(printJobs.id, id)).get();
  return row ? { ...toPrintJob(row), payload: row.payload } : null;
}

/** A stored row as the UI sees it. */
export function toPrintJob(row: PrintJobRow): PrintJob {
  return {
    seq: row.seq,
    id: row.id,
    kind: (printJobKinds as readonly string[]).includes(row.kind)
      ? (row.kind as PrintJobKind)
      : 'ticket',
    status: asStatus(row.status),
    reprint: row.reprint,
    attempts: row.attempts,
    lastError: decodeError(row.lastError),
    createdAt: row.createdAt.toISOString(),
    printedAt: row.printedAt ? row.printedAt.toISOString() : null,
  };
}

// last_error is one text column: "BO_CODE: message" keeps the code machine-readable.
function encodeError(error: PrintJobError): string {
  return `${error.code}: ${error.message}`;
}

const ERROR_CODES: readonly string[] = [
  'BO_PRINTER_SETTINGS_INVALID',
  'BO_PRINTER_UNREACHABLE',
  'BO_PRINTER_PAPER_OUT',
  'BO_PRINTER_FAILED',
  'BO_PRINT_JOB_INVALID',
] satisfies readonly PrintJobErrorCode[];

function decodeError(text: string | null): PrintJobError | null {
  if (text === null) return null;
  const match = /^(BO_[A-Z_]+): ([\s\S]*)$/.exec(text);
  const code = match?.[1] ?? '';
  if (match && ERROR_CODES.includes(code))
    return { code: code as PrintJobErrorCode, message: match[2] ?? '' };
  return { code: 'BO_PRINTER_FAILED', message: text };
}

function asStatus(status: string): PrintJobStatus {
  return status === 'queued' || status === 'printing' || status === 'printed' || status === 'failed'
    ? status
    : 'failed';
}
