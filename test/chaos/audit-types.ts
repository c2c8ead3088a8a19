// The chaos run's audit (issue 19): what the runner hands in and what the audit answers.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';

const id = z.string().min(1);

/** The ledger's shape, parsed on arrival: the runner may also read it back from a JSON file. */
export const chaosLedgerSchema = z.object({
  sales: z.array(
    z.object({
      station: z.string(),
      orderId: id,
      offline: z.boolean(),
      totalMinor: z.number().int(),
      ticketIds: z.array(id),
    }),
  ),
  voids: z.array(z.object({ station: z.string(), orderId: id, ticketIds: z.array(id) })),
  bookings: z.array(
    z.object({ bookingId: id, reference: z.string(), totalMinor: z.number().int() }),
  ),
  refunds: z.array(z.object({ bookingId: id, refundId: id, amountMinor: z.number().int() })),
  admissions: z.array(z.object({ station: z.string(), ticketId: id })),
});

/** What the clients of the run were told succeeded (the runner records it as answers come back). */
export type ChaosLedger = z.infer<typeof chaosLedgerSchema>;

export const auditStationSchema = z.object({
  name: z.string().min(1),
  /** The station's id (uuid) on the server. */
  id: z.uuid(),
  /** Its data folder: the SQLite replica is `<dataDir>/station.db`. */
  dataDir: z.string().min(1),
  /** One `<n>.txt` (and `<n>.bin`) per job the station's printer received; null: no printer. */
  printerDir: z.string().min(1).nullable(),
});
export type AuditStation = z.infer<typeof auditStationSchema>;

export const auditInputSchema = z.object({
  pgUrl: z.string().regex(/^postgres(ql)?:\/\//),
  stations: z.array(auditStationSchema),
  ledger: chaosLedgerSchema,
  now: z.date(),
});
export type AuditInput = z.infer<typeof auditInputSchema>;

/** One check's verdict; `problems` names up to ~20 concrete ids. */
export type AuditRow = {
  check: string;
  ok: boolean;
  expected: string;
  found: string;
  problems: string[];
};
export type AuditReport = { ok: boolean; at: string; rows: AuditRow[] };

/** A printed ticket as read back from the paper: which ticket, in which job, and whether marked REPRINT. */
export type PrintedTicket = { ticketId: string; job: string; reprint: boolean };

/** One station's end state, opened read-only. */
export type StationState = {
  station: AuditStation;
  /** The replica, or null when its file is missing (reported by the checks that need it). */
  db: Database.Database | null;
  /** Tickets on the printer's paper; null without a printer folder. */
  printed: PrintedTicket[] | null;
  /** Lines about the paper that are wrong by themselves (a QR that is no ticket code). */
  paperProblems: string[];
};

/** Everything a check reads. */
export type AuditSources = {
  pool: pg.Pool;
  stations: StationState[];
  ledger: ChaosLedger;
  now: Date;
};

/** A check: one row of the report. */
export type AuditCheck = (s: AuditSources) => Promise<AuditRow>;

const MAX_PROBLEMS = 20;

/** Builds a row; ok when there is no problem; long lists are cut with a count of the rest. */
export function auditRow(
  check: string,
  expected: string,
  found: string,
  problems: readonly string[],
): AuditRow {
  const shown =
    problems.length <= MAX_PROBLEMS
      ? [...problems]
      : [
          ...problems.slice(0, MAX_PROBLEMS - 1),
          `… and ${String(problems.length - MAX_PROBLEMS + 1)} more`,
        ];
  return { check, ok: problems.length === 0, expected, found, problems: shown };
}

/** Rows of a replica query, typed by the caller (the replica is read-only here). */
export function replicaRows<T>(db: Database.Database, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}
