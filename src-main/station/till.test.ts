// Tills belong to people (real SQLite): ownership, requireOpenFor, a refund lands on the till of the
// person giving the money back, blind close with variance approval, and the Z-report arithmetic.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffInfo } from '../../common/contract/station.js';
import { hashSecret } from '../../db/secret-hash.js';
import { createPinChecker } from './auth.js';
import { openLocalDb, type LocalDb } from './local-db.js';
import type { Outcome, PrintPort, SyncPort } from './ports.js';
import { createTills, type Tills } from './till.js';
import { createVoids } from './voids.js';

const cinemaId = randomUUID();
const adultType = randomUUID();
const ann: StaffInfo = { id: randomUUID(), name: 'Ann Cashier', role: 'cashier' };
const bob: StaffInfo = { id: randomUUID(), name: 'Bob Cashier', role: 'cashier' };
const meg: StaffInfo = { id: randomUUID(), name: 'Meg Manager', role: 'manager' };
const PINS = { ann: '1111', bob: '3333', meg: '222222' };

let dir: string;
let db: LocalDb;
let tills: Tills;

/** A server stand-in that accepts every mutation, so a refund takes the online path. */
function acceptingServer(): SyncPort {
  const listeners = new Set<(o: Outcome) => void>();
  return {
    isOnline: () => true,
    enqueue(kind, payload, opts) {
      const id = opts?.id ?? randomUUID();
      queueMicrotask(() => {
        for (const l of listeners)
          l({ mutation: { id, kind, payload }, outcome: 'ack', result: {} });
      });
      return id;
    },
    request: () => Promise.resolve({ ok: true, value: {} }),
    onOutcome(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    withdraw: () => false,
  };
}

/** The printer side of a void: the refund slip is queued; what it says is the printing tests' part. */
const slips: PrintPort = { enqueue: () => randomUUID(), reprint: () => randomUUID() };
const cinema = () => ({
  id: cinemaId,
  name: 'Test Cinema',
  timeZone: 'Europe/London',
  currency: 'GBP',
  locale: 'en-GB',
  address: '1 High St',
  taxIds: [] as string[],
});

/** A one-ticket sale of `amount` on `tillId` by `by`, written as recordSale writes it. */
function sell(tillId: string, by: StaffInfo, amount: number, tender = 'cash', discount = 0) {
  const orderId = randomUUID();
  const ticketId = randomUUID();
  const now = Date.now();
  db.$client
    .prepare(
      "INSERT INTO orders (id, cinema_id, show_id, channel, station_id, staff_id, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, created_at) VALUES (?, ?, 'show', 'counter', 'st', ?, 'paid', 'GBP', ?, ?, 0, ?, ?)",
    )
    .run(orderId, cinemaId, by.id, amount + discount, discount, amount, now);
  db.$client
    .prepare(
      "INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status, created_at) VALUES (?, ?, 'show', ?, ?, ?, 0, 'valid', ?)",
    )
    .run(ticketId, orderId, randomUUID(), adultType, amount, now);
  db.$client
    .prepare(
      "INSERT INTO payments (id, order_id, tender, amount_minor, currency, status, created_at) VALUES (?, ?, ?, ?, 'GBP', 'succeeded', ?)",
    )
    .run(randomUUID(), orderId, tender, amount, now);
  tills.record({
    tillId,
    kind: 'sale',
    tender,
    amountMinor: amount,
    orderId,
    staffId: by.id,
    details: { ticketTypes: [{ name: 'Adult', count: 1, amountMinor: amount }] },
  });
  return orderId;
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'no error';
};

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-till-'));
  db = await openLocalDb(dir, { memory: true });
  db.$client
    .prepare(
      "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale, blind_close, till_variance_limit_minor) VALUES (?, 'chain', 'city', 'Test', 'x', 'Europe/London', 'GBP', 'en-GB', 1, 1000)",
    )
    .run(cinemaId);
  const addStaff = db.$client.prepare(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES (?, 'chain', ?, ?, ?, ?)",
  );
  addStaff.run(ann.id, cinemaId, ann.name, 'cashier', hashSecret(PINS.ann));
  addStaff.run(bob.id, cinemaId, bob.name, 'cashier', hashSecret(PINS.bob));
  addStaff.run(meg.id, cinemaId, meg.name, 'manager', hashSecret(PINS.meg));
  db.$client
    .prepare(
      "INSERT INTO ticket_types (id, chain_id, code, name, multiplier_bp, sort_order) VALUES (?, 'chain', 'ADULT', 'Adult', 10000, 1)",
    )
    .run(adultType);
  tills = createTills(db, () => 'GBP');
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a till belongs to the person who opened it', () => {
  it('names its owner, and refuses everyone else money on it', () => {
    expect(codeOf(() => tills.requireOpenFor(ann))).toBe('BO_TILL_NOT_OPEN');
    tills.open(ann, { cash: 10000 }, false);
    expect(tills.current()).toMatchObject({
      staffId: ann.id,
      staffName: 'Ann Cashier',
      blindClose: true,
      varianceLimitMinor: 1000,
    });
    expect(tills.requireOpenFor(ann).id).toBe(tills.current()?.id);
    expect(codeOf(() => tills.requireOpenFor(bob))).toBe('BO_TILL_NOT_YOURS');
    expect(codeOf(() => tills.requireOpenFor(meg))).toBe('BO_TILL_NOT_YOURS');
    expect(codeOf(() => tills.open(bob, { cash: 5000 }, false))).toBe('BO_TILL_NOT_YOURS');
    expect(codeOf(() => tills.open(ann, { cash: 5000 }, false))).toBe('BO_CONFLICT');
    expect(codeOf(() => tills.drop(bob, 100, undefined))).toBe('BO_TILL_NOT_YOURS');
    expect(codeOf(() => tills.close(bob, { counted: { cash: 10000 } }, null))).toBe(
      'BO_TILL_NOT_YOURS',
    );
    expect(() => tills.requireOpenFor(bob)).toThrow(/Ann Cashier’s/);
    // Nothing of that changed the till.
    expect(tills.report(meg).totals).toMatchObject({ dropsMinor: 0, expectedMinor: 10000 });
  });

  it('keeps real money off a training till and practice money off a real one', () => {
    tills.open(ann, {}, true);
    expect(codeOf(() => tills.requireOpenFor(ann, { training: false }))).toBe('BO_TILL_NOT_OPEN');
    expect(tills.requireOpenFor(ann, { training: true }).training).toBe(true);
  });

  it('lets a manager close it for its owner; then the next person opens their own', () => {
    tills.open(ann, { cash: 10000 }, false);
    sell(tills.requireOpenFor(ann).id, ann, 1500);
    const z = tills.close(meg, { counted: { cash: 11500 } }, null);
    expect(z).toMatchObject({ staffName: 'Ann Cashier', closedByName: 'Meg Manager' });
    expect(tills.open(bob, { cash: 5000 }, false)?.staffName).toBe('Bob Cashier');
  });
});

describe('a refund lands on the till of the person giving the money back', () => {
  it('is refused with no till open, then lands on the refunder’s own till', async () => {
    const pins = createPinChecker(
      db,
      () => cinemaId,
      () => 0,
    );
    const voids = createVoids({
      db,
      sync: acceptingServer(),
      tills,
      checkPin: (pin) => pins.approveByPin(pin),
      print: slips,
      cinema,
    });
    const annTill = tills.open(ann, { cash: 10000 }, false)?.id ?? '';
    const order = sell(annTill, ann, 2500);
    tills.close(ann, { counted: { cash: 12500 } }, null);
    const refund = { orderId: order, reason: 'Wrong show', refund: true, managerPin: PINS.meg };

    await expect(voids.run(refund, bob)).rejects.toMatchObject({ code: 'BO_TILL_NOT_OPEN' });
    const valid = db.$client
      .prepare("SELECT count(*) AS n FROM tickets WHERE order_id = ? AND status = 'valid'")
      .get(order) as { n: number };
    expect(valid.n).toBe(1);

    const bobTill = tills.open(bob, { cash: 5000 }, false)?.id ?? '';
    expect((await voids.run(refund, bob)).status).toBe('refunded');
    const row = db.$client
      .prepare("SELECT till_id, staff_id, approved_by FROM till_events WHERE kind = 'refund'")
      .get() as { till_id: string; staff_id: string; approved_by: string };
    expect(row).toEqual({ till_id: bobTill, staff_id: bob.id, approved_by: meg.id });
    const bobZ = tills.report(meg, bobTill);
    expect(bobZ.totals).toMatchObject({ refundsMinor: 2500, netMinor: -2500 });
    expect(bobZ.perTender[0]).toMatchObject({ tender: 'cash', refunds: 2500, expected: 2500 });
    expect(bobZ.perStaff).toEqual([
      expect.objectContaining({ name: 'Bob Cashier', refundsMinor: 2500 }),
    ]);
    // Ann's closed till is untouched.
    expect(tills.report(meg, annTill).totals).toMatchObject({ grossMinor: 2500, refundsMinor: 0 });
  });
});

describe('blind close', () => {
  it('hides expected amounts from a cashier until the till is counted', () => {
    tills.open(ann, { cash: 10000 }, false);
    sell(tills.requireOpenFor(ann).id, ann, 2000);
    const x = tills.report(ann);
    expect(x.blind).toBe(true);
    expect(x.perTender[0]).toMatchObject({ sales: 2000, expected: null, difference: null });
    expect(x.totals.expectedMinor).toBeNull();
    expect(tills.report(meg).perTender[0]?.expected).toBe(12000);
    const z = tills.close(ann, { counted: { cash: 12000 } }, null);
    expect(z.perTender[0]).toMatchObject({ expected: 12000, counted: 12000, difference: 0 });
    expect(z.blind).toBe(false);
  });

  it('shows expected amounts when the cinema does not close blind', () => {
    db.$client.prepare('UPDATE cinemas SET blind_close = 0').run();
    tills.open(ann, { cash: 10000 }, false);
    expect(tills.report(ann).perTender[0]?.expected).toBe(10000);
  });

  it('closes a variance within the limit alone, and one above it only with a manager and a note', () => {
    tills.open(ann, { cash: 10000 }, false);
    const tillId = tills.requireOpenFor(ann).id;
    sell(tillId, ann, 5000);
    const pins = createPinChecker(
      db,
      () => cinemaId,
      () => 0,
    );
    const short = { counted: { cash: 13000 } }; // 20.00 short of 150.00, over the 10.00 limit
    expect(codeOf(() => tills.close(ann, short, null))).toBe('BO_TILL_VARIANCE');
    expect(() => tills.close(ann, short, null)).toThrow(/Cash short by £20\.00/);
    // A cashier's PIN approves nothing: PIN-only approvals match this cinema's managers only.
    expect(codeOf(() => tills.close(ann, short, pins.approveByPin(PINS.bob)))).toBe(
      'BO_UNAUTHORIZED',
    );
    expect(codeOf(() => tills.close(ann, short, pins.approveByPin(PINS.meg)))).toBe(
      'BO_TILL_VARIANCE',
    );
    expect(tills.current()?.id).toBe(tillId);

    const z = tills.close(
      ann,
      { ...short, note: 'Float was short at open' },
      pins.approveByPin(PINS.meg),
    );
    expect(z.perTender[0]).toMatchObject({ expected: 15000, counted: 13000, difference: -2000 });
    expect(z.varianceApproval).toEqual({
      approvedByName: 'Meg Manager',
      note: 'Float was short at open',
    });
    expect(z.closedByName).toBe('Ann Cashier');
    const row = db.$client
      .prepare('SELECT closed_by, variance_approved_by, variance_note FROM tills WHERE id = ?')
      .get(tillId);
    expect(row).toEqual({
      closed_by: ann.id,
      variance_approved_by: meg.id,
      variance_note: 'Float was short at open',
    });

    tills.open(bob, { cash: 10000 }, false);
    const small = tills.close(bob, { counted: { cash: 9500 } }, null);
    expect(small.perTender[0]?.difference).toBe(-500);
    expect(small.varianceApproval).toBeNull();
  });

  it('does not let a manager sign off the variance of their own till', () => {
    tills.open(meg, { cash: 10000 }, false);
    const pins = createPinChecker(
      db,
      () => cinemaId,
      () => 0,
    );
    const input = { counted: { cash: 0 }, note: 'Lost it' };
    expect(codeOf(() => tills.close(meg, input, null))).toBe('BO_TILL_VARIANCE');
    expect(codeOf(() => tills.close(meg, input, pins.approveByPin(PINS.meg)))).toBe('BO_FORBIDDEN');
  });
});

describe('the Z-report adds up', () => {
  it('gross − voids − refunds = net, and the staff lines sum to the totals', async () => {
    const pins = createPinChecker(
      db,
      () => cinemaId,
      () => 0,
    );
    const voids = createVoids({
      db,
      sync: acceptingServer(),
      tills,
      checkPin: (pin) => pins.approveByPin(pin),
      print: slips,
      cinema,
    });
    const tillId = tills.open(ann, { cash: 10000 }, false)?.id ?? '';
    sell(tillId, ann, 1200, 'cash', 300);
    const voided = sell(tillId, ann, 800, 'card');
    sell(tillId, ann, 2000, 'electronic');
    const refunded = sell(tillId, ann, 1500, 'cash');
    await voids.run({ orderId: voided, reason: 'Changed mind', refund: false }, ann);
    await voids.run(
      { orderId: refunded, reason: 'Wrong show', refund: true, managerPin: PINS.meg },
      ann,
    );
    tills.drop(ann, 1000, 'BAG-1');
    const z = tills.close(ann, { counted: { cash: 10200, card: 0, electronic: 2000 } }, null);

    expect(z.totals).toEqual({
      grossMinor: 5500,
      discountsMinor: 300,
      voidsMinor: 800,
      refundsMinor: 1500,
      netMinor: 3200,
      floatMinor: 10000,
      dropsMinor: 1000,
      expectedMinor: 12200,
      countedMinor: 12200,
    });
    expect(z.totals.netMinor).toBe(
      z.totals.grossMinor - z.totals.voidsMinor - z.totals.refundsMinor,
    );
    const sum = (f: (s: (typeof z.perStaff)[number]) => number) =>
      z.perStaff.reduce((a, s) => a + f(s), 0);
    expect(sum((s) => s.salesMinor)).toBe(z.totals.grossMinor);
    expect(sum((s) => s.salesCount)).toBe(z.sales.count);
    expect(sum((s) => s.voidsMinor)).toBe(z.totals.voidsMinor);
    expect(sum((s) => s.refundsMinor)).toBe(z.totals.refundsMinor);
    expect(z.perTender.map((t) => t.tender)).toEqual(['cash', 'card', 'electronic']);
    for (const t of z.perTender) expect(t.expected).toBe(t.float + t.sales - t.refunds - t.drops);
    expect(z.voids).toEqual({ count: 1, amountMinor: 800 });
    expect(z.refunds).toEqual({ count: 1, amountMinor: 1500 });
    expect(z.perTicketType).toEqual([{ ticketType: 'Adult', count: 2, amountMinor: 3200 }]);
  });
});
