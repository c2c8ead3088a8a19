// The chaos run's audit can pass and can fail (issue 19): a real end state audits clean; a copy of
// it with one violation planted fails exactly the row that names that violation.
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import type { AuditStation, ChaosLedger } from './audit-types.js';
import { until } from '../support/until.js';

let end: AuditEndState;
const copies: string[] = [];
const dirs: string[] = [];
const admin = () => new pg.Client({ connectionString: inject('pgAdminUrl') });
const dbName = (url: string) => new URL(url).pathname.slice(1);

beforeAll(async () => {
  end = await buildAuditEndState();
}, 90_000);
afterAll(async () => {
  const c = admin();
  await c.connect();
  for (const name of copies) await c.query(`DROP DATABASE IF EXISTS "${name}"`);
  await c.end();
  for (const s of end.stations)
    dirs.push(s.dataDir, ...(s.printerDir === null ? [] : [s.printerDir]));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** What a planting may touch: the copy's database, its stations' files and the ledger. */
type Copy = {
  db: pg.Client;
  stations: AuditStation[];
  ledger: ChaosLedger;
  /** A writable handle on a station's copied replica (closed after the planting). */
  replica(name: string): Database.Database;
};

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
  copies.push(name);
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
const firstBooking = (c: Copy) => c.ledger.bookings[0]?.bookingId ?? '';

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

  const plantings: [string, string[], (c: Copy) => Promise<void> | void][] = [
    [
      'a seat with two valid tickets',
      ['double-sold seats'],
      async (c) => {
        // The product's unique index would refuse it: it goes in the copy only.
        await c.db.query('DROP INDEX tickets_valid_seat_uq');
        await c.db.query(
          `INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status)
           SELECT gen_random_uuid(), order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, 'valid'
           FROM tickets WHERE order_id = $1 LIMIT 1`,
          [firstBooking(c)],
        );
      },
    ],
    [
      'a mutation left in an outbox',
      ['offline sales accepted or in review'],
      (c) => {
        c.replica('counter')
          .prepare(
            "INSERT INTO outbox (id, kind, payload, created_at, offline, attempts) VALUES (?, 'sell', ?, ?, 1, 3)",
          )
          .run(randomUUID(), JSON.stringify({ orderId: randomUUID() }), Date.now());
      },
    ],
    [
      'a lost acknowledged sale',
      ['acknowledged sales present once'],
      (c) => {
        c.ledger.sales.push({
          station: 'counter',
          orderId: randomUUID(),
          offline: false,
          totalMinor: 1000,
          ticketIds: [randomUUID()],
        });
      },
    ],
    [
      'an acknowledged void never applied',
      ['acknowledged voids applied'],
      async (c) => {
        await c.db.query("UPDATE tickets SET status = 'valid' WHERE id = $1", [
          c.ledger.voids[0]?.ticketIds[0],
        ]);
      },
    ],
    [
      'a payment taken twice',
      ['payments present once', 'payments − refunds = web bookings'],
      async (c) => {
        await c.db.query(
          `INSERT INTO booking_payments (id, booking_id, provider, amount_minor, currency, status)
           SELECT gen_random_uuid(), booking_id, provider, amount_minor, currency, status
           FROM booking_payments WHERE booking_id = $1`,
          [firstBooking(c)],
        );
      },
    ],
    [
      'a refund recorded twice',
      ['refunds present once', 'payments − refunds = web bookings'],
      async (c) => {
        await c.db.query(
          `INSERT INTO booking_refunds (id, booking_id, payment_id, amount_minor, currency, fee_minor, reason, ticket_ids, status, requested_by)
           SELECT gen_random_uuid(), booking_id, payment_id, amount_minor, currency, fee_minor, reason, ticket_ids, status, requested_by
           FROM booking_refunds WHERE id = $1`,
          [c.ledger.refunds[0]?.refundId],
        );
      },
    ],
    [
      'an admission twice',
      ['admissions present once'],
      async (c) => {
        await c.db.query('DROP INDEX admissions_ticket_first_uq');
        await c.db.query(
          `INSERT INTO admissions (id, ticket_id, show_id, cinema_id, station_id, door, admitted_at)
           SELECT gen_random_uuid(), ticket_id, show_id, cinema_id, station_id, door, admitted_at
           FROM admissions WHERE ticket_id = $1`,
          [c.ledger.admissions[0]?.ticketId],
        );
      },
    ],
    [
      'a ticket job printed twice',
      ['tickets printed exactly once'],
      (c) => {
        const dir = c.stations.find((s) => s.name === 'counter')?.printerDir ?? '';
        const jobs = readdirSync(dir).filter((n) => n.endsWith('.txt'));
        const ticket = jobs.find((n) => readFileSync(path.join(dir, n), 'utf8').includes('[QR: '));
        writeFileSync(
          path.join(dir, `${String(jobs.length + 1)}.txt`),
          readFileSync(path.join(dir, ticket ?? ''), 'utf8'),
        );
      },
    ],
    [
      'counter money off by one minor unit',
      ['till counts = counter orders'],
      async (c) => {
        await c.db.query(
          'UPDATE payments SET amount_minor = amount_minor + 1 WHERE id = (SELECT id FROM payments WHERE order_id = $1 LIMIT 1)',
          [c.ledger.sales[0]?.orderId],
        );
      },
    ],
    [
      'web money off by one minor unit',
      ['payments − refunds = web bookings'],
      async (c) => {
        await c.db.query(
          'UPDATE booking_payments SET amount_minor = amount_minor + 1 WHERE booking_id = $1',
          [firstBooking(c)],
        );
      },
    ],
    [
      'a seat held past its TTL',
      ['no seat held past its TTL'],
      async (c) => {
        const hold = `stale-${randomUUID()}`;
        await c.db.query(
          `INSERT INTO holds (id, show_id, channel, status, expires_at)
           SELECT $1, show_id, 'web', 'active', now() - interval '1 hour' FROM show_seats WHERE state = 'available' LIMIT 1`,
          [hold],
        );
        await c.db.query(
          `UPDATE show_seats SET state = 'held', hold_id = $1 WHERE (show_id, seat_id) =
             (SELECT ss.show_id, ss.seat_id FROM show_seats ss JOIN holds h ON h.show_id = ss.show_id
              WHERE h.id = $1 AND ss.state = 'available' LIMIT 1)`,
          [hold],
        );
      },
    ],
    [
      'a station cursor behind',
      ['station cursors = server'],
      async (c) => {
        const counter = c.stations.find((s) => s.name === 'counter');
        const before = await c.db.query<{ seq: string }>(
          `SELECT seq::text FROM change_log WHERE cinema_id = (SELECT cinema_id FROM stations WHERE id = $1)
           ORDER BY tx_id DESC, seq DESC OFFSET 1 LIMIT 1`,
          [counter?.id],
        );
        c.replica('counter')
          .prepare("UPDATE sync_state SET value = ? WHERE key = 'cursor'")
          .run(before.rows[0]?.seq ?? '0');
      },
    ],
  ];

  it.each(plantings)('reports %s, and only that', async (_what, rows, plant) => {
    const report = await auditCopy(plant);
    expect(report.ok).toBe(false);
    expect(failing(report), auditTable(report)).toEqual(rows);
    for (const row of report.rows.filter((r) => !r.ok))
      expect(row.problems.length, row.check).toBeGreaterThan(0);
  });
});
