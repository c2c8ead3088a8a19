// The violations the audit's test plants, one per copy of a clean end state: what each plants and
// the rows of the report it must turn ✗ (and no other).
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { AuditStation, ChaosLedger } from './audit-types.js';

/** What a planting may touch: the copy's database, its stations' files and the ledger. */
export type Copy = {
  db: pg.Client;
  stations: AuditStation[];
  ledger: ChaosLedger;
  /** A writable handle on a station's copied replica (closed after the planting). */
  replica(name: string): Database.Database;
};

/** A violation's name, the checks it must fail, and how it is planted in a copy. */
export type Planting = [string, string[], (c: Copy) => Promise<void> | void];

const firstBooking = (c: Copy) => c.ledger.bookings[0]?.bookingId ?? '';

/** One planting per violation the issue names, and more so that every row is shown to fail. */
export const plantings: Planting[] = [
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
    'a rejected mutation missing from its review list',
    ['offline sales accepted or in review'],
    async (c) => {
      await c.db.query(
        "INSERT INTO applied_mutations (id, station_id, kind, outcome) VALUES ($1, $2, 'sell', 'reject')",
        [randomUUID(), c.stations.find((s) => s.name === 'counter')?.id],
      );
    },
  ],
  [
    'an offline sale neither accepted nor in review',
    ['offline sales accepted or in review', 'acknowledged sales present once'],
    (c) => {
      c.ledger.sales.push({
        station: 'counter',
        orderId: randomUUID(),
        offline: true,
        totalMinor: 1000,
        ticketIds: [randomUUID()],
      });
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
    'a print job left failed',
    ['tickets printed exactly once'],
    (c) => {
      c.replica('counter')
        .prepare(
          "UPDATE print_jobs SET status = 'failed', last_error = 'out of paper' WHERE seq = (SELECT min(seq) FROM print_jobs WHERE kind = 'receipt')",
        )
        .run();
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
