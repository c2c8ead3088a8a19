// The chaos run's end-of-run audit (issue 19): reads the end state (PostgreSQL, every station's
// replica and printer folder) without changing it, checks it against what the run's clients were
// told, and answers one row per check, printed as a table and written as JSON.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { admissionsOnce, ticketsPrintedOnce, tillsReconcile } from './audit-counter.js';
import { readPrintedTickets, serverKeyOf } from './audit-printer.js';
import { acknowledgedSales, acknowledgedVoids, offlineSalesSettled } from './audit-sales.js';
import { doubleSoldSeats, noStaleHolds, stationCursors } from './audit-seats.js';
import {
  auditInputSchema,
  type AuditCheck,
  type AuditInput,
  type AuditReport,
  type AuditStation,
  type StationState,
} from './audit-types.js';
import { paymentsOnce, refundsOnce, webMoney } from './audit-web.js';

export type {
  AuditInput,
  AuditReport,
  AuditRow,
  AuditStation,
  ChaosLedger,
} from './audit-types.js';

/** The checks, in the order the report lists them. */
const CHECKS: readonly AuditCheck[] = [
  doubleSoldSeats,
  offlineSalesSettled,
  acknowledgedSales,
  acknowledgedVoids,
  paymentsOnce,
  refundsOnce,
  admissionsOnce,
  ticketsPrintedOnce,
  tillsReconcile,
  webMoney,
  noStaleHolds,
  stationCursors,
];

async function openStation(station: AuditStation): Promise<StationState> {
  const file = path.join(station.dataDir, 'station.db');
  const db = existsSync(file) ? new Database(file, { readonly: true, fileMustExist: true }) : null;
  if (station.printerDir === null) return { station, db, printed: null, paperProblems: [] };
  const paper = await readPrintedTickets(station.printerDir, db === null ? null : serverKeyOf(db));
  return { station, db, printed: paper.printed, paperProblems: paper.problems };
}

/** Audits the end state of a run; reads only (PostgreSQL in a read-only transaction, replicas read-only). */
export async function runAudit(input: AuditInput): Promise<AuditReport> {
  const parsed = auditInputSchema.safeParse(input);
  if (!parsed.success)
    throw Object.assign(new Error(`BO_VALIDATION: audit input: ${parsed.error.message}`), {
      code: 'BO_VALIDATION',
    });
  const { pgUrl, ledger, now } = parsed.data;
  // Every session of this pool is read-only: a check that tried to write would fail, not write.
  const pool = new pg.Pool({
    connectionString: pgUrl,
    max: 1,
    options: '-c default_transaction_read_only=on',
  });
  const stations: StationState[] = [];
  try {
    for (const s of parsed.data.stations) stations.push(await openStation(s));
    const rows = [];
    for (const check of CHECKS) rows.push(await check({ pool, stations, ledger, now }));
    return { ok: rows.every((r) => r.ok), at: now.toISOString(), rows };
  } finally {
    for (const s of stations) s.db?.close();
    await pool.end();
  }
}

/** The report as an aligned plain-text table, one row per check with ✓/✗, problems beneath. */
export function auditTable(report: AuditReport): string {
  const head = ['', 'check', 'expected', 'found'];
  const body = report.rows.map((r) => [r.ok ? '✓' : '✗', r.check, r.expected, r.found]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)))];
  for (const [i, r] of report.rows.entries()) {
    out.push(line(body[i] ?? []));
    for (const p of r.problems) out.push(`     - ${p}`);
  }
  out.push('', `audit ${report.ok ? 'passed' : 'FAILED'} at ${report.at}`);
  return out.join('\n') + '\n';
}

/** Writes the report as JSON (pretty, one file), creating its folder. */
export async function writeAuditJson(report: AuditReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
}
