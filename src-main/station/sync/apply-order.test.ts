// Web bookings in the replica: an order change keeps its booking reference and each ticket's signed
// code and state, changes from older servers (without those keys) still apply and take nothing
// away, a refunded ticket never voids the seat's next owner, and a snapshot keeps both columns.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../common/sync-protocol.js';
import { openLocalDb, type LocalDb } from '../local-db.js';
import { createChangeApplier, type ChangeApplier } from './apply-changes.js';
import { createSnapshotWriter } from './snapshot-writer.js';
import { createSyncState } from './sync-state.js';

const cinemaId = randomUUID();
const showId = randomUUID();
const seats = [randomUUID(), randomUUID()];
const typeId = randomUUID();

let dir = '';
let db: LocalDb;
let apply: ChangeApplier;
let seq = 0;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-order-'));
  db = await openLocalDb(dir);
  apply = createChangeApplier(db, createSyncState(db), () => undefined);
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const change = (entity: string, entityId: string, data: Record<string, unknown>): Change => ({
  seq: ++seq,
  entity,
  entityId,
  op: 'upsert',
  data,
});
const run = (...changes: Change[]) => apply(changes, seq, cinemaId);
const ticket = (ticketId: string, seatId: string, extra: Record<string, unknown> = {}) => ({
  ticketId,
  seatId,
  ticketTypeId: typeId,
  priceMinor: 1000,
  taxMinor: 167,
  ...extra,
});
/** An order change as the server writes it for a web booking (sync-server/bookings/confirm.ts). */
const webOrder = (
  orderId: string,
  status: string,
  tickets: ReturnType<typeof ticket>[],
): Record<string, unknown> => ({
  orderId,
  showId,
  status,
  channel: 'web',
  stationId: null,
  reference: 'K7QX4M',
  subtotalMinor: 2000,
  discountMinor: 0,
  taxMinor: 334,
  totalMinor: 2000,
  currency: 'GBP',
  tickets,
  concessions: [],
});
const rows = (sqlText: string, ...params: unknown[]) =>
  db.$client.prepare(sqlText).all(...params) as Record<string, unknown>[];
const sold = (seatId: string) =>
  change('show_seats', showId, {
    showId,
    seats: [{ seatId, state: 'sold', stationId: null, version: ++seq }],
  });

describe('order changes of web bookings', () => {
  it('store the reference, each ticket’s code and state, and link the sold seats', () => {
    db.$client
      .prepare("INSERT INTO show_seats (show_id, seat_id, state, version) VALUES (?, ?, 'sold', 1)")
      .run(showId, seats[0]);
    const [a, b] = [randomUUID(), randomUUID()];
    const orderId = randomUUID();
    run(
      change(
        'order',
        orderId,
        webOrder(orderId, 'paid', [
          ticket(a, seats[0] ?? '', { status: 'valid', code: 'code-a' }),
          ticket(b, seats[1] ?? '', { status: 'valid', code: 'code-b' }),
        ]),
      ),
    );
    expect(
      rows('SELECT channel, status, reference, show_id FROM orders WHERE id = ?', orderId),
    ).toEqual([{ channel: 'web', status: 'paid', reference: 'K7QX4M', show_id: showId }]);
    expect(
      rows('SELECT id, status, code FROM tickets WHERE order_id = ? ORDER BY code', orderId),
    ).toEqual([
      { id: a, status: 'valid', code: 'code-a' },
      { id: b, status: 'valid', code: 'code-b' },
    ]);
    expect(rows('SELECT ticket_id FROM show_seats WHERE seat_id = ?', seats[0])).toEqual([
      { ticket_id: a },
    ]);
  });

  it('from an older server (no reference, code or status) still apply, and keep what the replica has', () => {
    const orderId = randomUUID();
    const t = randomUUID();
    run(
      change(
        'order',
        orderId,
        webOrder(orderId, 'paid', [ticket(t, seats[0] ?? '', { code: 'c1' })]),
      ),
    );
    const old = webOrder(orderId, 'paid', [ticket(t, seats[0] ?? '')]);
    delete old.reference;
    run(change('order', orderId, old));
    expect(rows('SELECT reference FROM orders WHERE id = ?', orderId)).toEqual([
      { reference: 'K7QX4M' },
    ]);
    expect(rows('SELECT status, code FROM tickets WHERE id = ?', t)).toEqual([
      { status: 'valid', code: 'c1' },
    ]);
    // A newer server's ticket state this version does not know: the order still applies.
    run(
      change(
        'order',
        orderId,
        webOrder(orderId, 'paid', [
          ticket(t, seats[0] ?? '', { status: 'checked_in', code: 'c1' }),
        ]),
      ),
    );
    expect(rows('SELECT status, code FROM tickets WHERE id = ?', t)).toEqual([
      { status: 'valid', code: 'c1' },
    ]);
    // A counter sale as older servers log it: no show id (found from its seats' change), no keys.
    const counter = randomUUID();
    const ct = randomUUID();
    run(
      sold(seats[1] ?? ''),
      change('order', counter, {
        orderId: counter,
        status: 'paid',
        channel: 'station',
        totalMinor: 1000,
        currency: 'GBP',
        tickets: [ticket(ct, seats[1] ?? '')],
      }),
    );
    expect(rows('SELECT channel, reference FROM orders WHERE id = ?', counter)).toEqual([
      { channel: 'counter', reference: null },
    ]);
    expect(rows('SELECT show_id, status, code FROM tickets WHERE id = ?', ct)).toEqual([
      { show_id: showId, status: 'valid', code: null },
    ]);
  });

  it('a refunded ticket is stored as refunded and never voids the seat’s next owner', () => {
    const orderId = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const seat = seats[0] ?? '';
    run(
      change(
        'order',
        orderId,
        webOrder(orderId, 'paid', [
          ticket(a, seat, { status: 'valid', code: 'code-a' }),
          ticket(b, seats[1] ?? '', { status: 'valid', code: 'code-b' }),
        ]),
      ),
    );
    // The customer cancels ticket a: its order change and its revocation.
    run(
      change(
        'order',
        orderId,
        webOrder(orderId, 'paid', [
          ticket(a, seat, { status: 'refunded', code: 'code-a' }),
          ticket(b, seats[1] ?? '', { status: 'valid', code: 'code-b' }),
        ]),
      ),
      change('ticket_revocation', a, {
        ticketId: a,
        showId,
        status: 'refunded',
        revokedAt: new Date(0).toISOString(),
      }),
    );
    // The seat is sold again at a counter, then the booking's other ticket is cancelled too.
    const counter = randomUUID();
    const ct = randomUUID();
    run(
      change('order', counter, {
        orderId: counter,
        showId,
        status: 'paid',
        channel: 'station',
        totalMinor: 1000,
        currency: 'GBP',
        tickets: [ticket(ct, seat)],
      }),
    );
    run(
      change(
        'order',
        orderId,
        webOrder(orderId, 'refunded', [
          ticket(a, seat, { status: 'refunded', code: 'code-a' }),
          ticket(b, seats[1] ?? '', { status: 'refunded', code: 'code-b' }),
        ]),
      ),
    );
    expect(rows('SELECT id, status FROM tickets WHERE seat_id = ? ORDER BY status', seat)).toEqual([
      { id: a, status: 'refunded' },
      { id: ct, status: 'valid' },
    ]);
    expect(rows('SELECT status FROM tickets WHERE id = ?', b)).toEqual([{ status: 'refunded' }]);
    expect(rows('SELECT status FROM orders WHERE id = ?', orderId)).toEqual([
      { status: 'refunded' },
    ]);
    expect(rows('SELECT status FROM revoked_tickets WHERE ticket_id = ?', a)).toEqual([
      { status: 'refunded' },
    ]);
  });

  it('a snapshot keeps the orders’ references and the tickets’ codes', () => {
    const writer = createSnapshotWriter(db, createSyncState(db), () => undefined);
    const orderId = randomUUID();
    const t = randomUUID();
    const at = new Date().toISOString();
    writer.begin(0);
    // Rows as the server's snapshot sends them (snapshot.ts: o.* and t.*, snake_case).
    writer.chunk('orders', [
      {
        id: orderId,
        cinema_id: cinemaId,
        show_id: showId,
        channel: 'web',
        station_id: null,
        staff_id: null,
        sale_number: null,
        status: 'paid',
        currency: 'GBP',
        subtotal_minor: 1000,
        discount_minor: 0,
        tax_minor: 167,
        total_minor: 1000,
        discount_code: null,
        reference: 'K7QX4M',
        training: false,
        offline: false,
        created_at: at,
      },
    ]);
    writer.chunk('tickets', [
      {
        id: t,
        order_id: orderId,
        show_id: showId,
        seat_id: seats[0],
        ticket_type_id: typeId,
        price_minor: 1000,
        tax_minor: 167,
        status: 'valid',
        code: 'code-t',
        created_at: at,
      },
    ]);
    expect(writer.end(9).badRows).toBe(0);
    expect(rows('SELECT reference FROM orders WHERE id = ?', orderId)).toEqual([
      { reference: 'K7QX4M' },
    ]);
    expect(rows('SELECT status, code FROM tickets WHERE id = ?', t)).toEqual([
      { status: 'valid', code: 'code-t' },
    ]);
  });
});
