// The chaos run's audit can pass and can fail (issue 19): a real end state audits clean; a copy of
// it with one violation planted fails exactly the row that names that violation.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  auditTable,
  runAudit,
  writeAuditJson,
  type AuditInput,
  type AuditReport,
} from './audit.js';
import { buildAuditEndState, type AuditEndState } from './audit-fixture.js';
import { plantings, type Copy } from './audit-plantings.js';
import { until } from '../support/until.js';

let end: AuditEndState;
const dirs: string[] = [];
const admin = () => new pg.Client({ connectionString: inject('pgAdminUrl') });
const dbName = (url: string) => new URL(url).pathname.slice(1);

beforeAll(async () => {
  end = await buildAuditEndState();
}, 90_000);
// The copies' databases go with the run's throwaway PostgreSQL, like every test file's database
// (dropping sixteen of them one by one took longer than the audits).
afterAll(() => {
  for (const s of end.stations)
    dirs.push(s.dataDir, ...(s.printerDir === null ? [] : [s.printerDir]));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Copies the end state (database by TEMPLATE, replicas and paper by file) and plants in the copy. */
async function auditCopy(plant: (c: Copy) => Promise<void> | void): Promise<AuditReport> {
  const name = `${dbName(end.dbUrl)}_${randomBytes(4).toString('hex')}`;
  const a = admin();
  await a.connect();
  // A closed pool's server processes leave a moment after it; until then the template is in use.
  await until(
    () =>
      a.query(`CREATE DATABASE "${name}" TEMPLATE "${dbName(end.dbUrl)}"`).then(
        () => true,
        (e: unknown) => {
          if ((e as { code?: string }).code === '55006') return false;
          throw e;
        },
      ),
    10_000,
    'the end state free to copy',
  );
  await a.end();
  const url = new URL(end.dbUrl);
  url.pathname = `/${name}`;
  const copyDir = (from: string) => {
    const to = mkdtempSync(path.join(os.tmpdir(), 'marquee-audit-copy-'));
    cpSync(from, to, { recursive: true });
    dirs.push(to);
    return to;
  };
  const stations = end.stations.map((s) => ({
    ...s,
    dataDir: copyDir(s.dataDir),
    printerDir: s.printerDir === null ? null : copyDir(s.printerDir),
  }));
  const ledger = structuredClone(end.ledger);
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const open: Database.Database[] = [];
  try {
    await plant({
      db,
      stations,
      ledger,
      replica: (n) => {
        const s = stations.find((x) => x.name === n);
        const r = new Database(path.join(s?.dataDir ?? '', 'station.db'), { fileMustExist: true });
        open.push(r);
        return r;
      },
    });
  } finally {
    for (const r of open) r.close();
    await db.end();
  }
  return runAudit({ pgUrl: url.toString(), stations, ledger, now: new Date() });
}

const failing = (r: AuditReport) => r.rows.filter((x) => !x.ok).map((x) => x.check);

describe('the chaos audit', () => {
  it('passes the end state of a run where everything held, and prints and writes it', async () => {
    const input: AuditInput = { pgUrl: end.dbUrl, ...end, now: new Date() };
    const report = await runAudit(input);
    const table = auditTable(report);
    expect(report.ok, table).toBe(true);
    expect(report.rows.map((r) => r.check)).toEqual([
      'double-sold seats',
      'offline sales accepted or in review',
      'acknowledged sales present once',
      'acknowledged voids applied',
      'payments present once',
      'refunds present once',
      'admissions present once',
      'tickets printed exactly once',
      'till counts = counter orders',
      'payments − refunds = web bookings',
      'no seat held past its TTL',
      'station cursors = server',
    ]);
    expect(table.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(12);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-audit-'));
    dirs.push(dir);
    const file = path.join(dir, 'audit.json');
    await writeAuditJson(report, file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
  });

  it('refuses malformed input with BO_VALIDATION', async () => {
    await expect(
      runAudit({ ...end, pgUrl: 'mysql://nope', now: new Date() }),
    ).rejects.toMatchObject({ code: 'BO_VALIDATION' });
  });

  it.each(plantings)('reports %s, and only that', async (_what, rows, plant) => {
    const report = await auditCopy(plant);
    expect(report.ok).toBe(false);
    expect(failing(report), auditTable(report)).toEqual(rows);
    for (const row of report.rows.filter((r) => !r.ok))
      expect(row.problems.length, row.check).toBeGreaterThan(0);
  });
});
