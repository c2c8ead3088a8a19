// The server re-checks a station's sale and void: the money must add up to what the counter charged,
// the staff named must be real staff of the station's cinema, a refund needs a real manager, and
// training sales never count. A refused mutation changes nothing; an accepted void names the cashier
// and the approver in its audit row and sends every given-back ticket to the cinema as a revocation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutateMsg } from '../../common/sync-protocol.js';
import type { PgDb } from '../../db/pg/client.js';
import { hashSecret } from '../../db/secret-hash.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { applyMutation, type StationIdentity } from './mutations.js';

const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };
const PRICE = 1000; // a seat of the fixture's first category

let db: PgDb;
let fx: ShowFixture;
let till: StationIdentity;
let elsewhere: { cashier: string; manager: string };
let nextSeat = 0;
let cheapSeats: string[] = [];

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 10 });
  till = { id: fx.station.id, cinemaId: fx.cinemaId, name: 'Till 1' };
  cheapSeats = (
    await db.$client.query<{ id: string }>(
      'SELECT id FROM seats WHERE category_id = $1 ORDER BY id',
      [fx.categoryIds[0]],
    )
  ).rows.map((r) => r.id);
  // Staff of another cinema of the same chain, and an inactive manager here.
  const other = randomUUID();
  await db.$client.query(
    "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) SELECT $1, chain_id, city_id, 'Other', address, time_zone, currency, locale FROM cinemas WHERE id = $2",
    [other, fx.cinemaId],
  );
  elsewhere = { cashier: randomUUID(), manager: randomUUID() };
  await db.$client.query(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $3, $4, 'Far Cashier', 'cashier', $5), ($2, $3, $4, 'Far Manager', 'manager', $5)",
    [elsewhere.cashier, elsewhere.manager, fx.chainId, other, hashSecret('9999')],
  );
});
afterAll(async () => {
  await db.$client.end();
});

const mutation = (kind: MutateMsg['kind'], payload: unknown): MutateMsg => ({
  type: 'mutate',
  id: randomUUID(),
  kind,
  payload,
  createdAt: new Date().toISOString(),
  offline: false,
});
const apply = (msg: MutateMsg) => applyMutation(db.$client, till, msg, times);

/** A one-seat counter sale in cash, as a station sends it; `extra` overrides any field. */
const sellPayload = (extra: Record<string, unknown> = {}) => {
  const seatId = cheapSeats[nextSeat++] ?? '';
  return {
    orderId: randomUUID(),
    showId: fx.showId,
    lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() }],
    staffId: fx.staff.cashier,
    saleNumber: nextSeat,
    tenders: [{ tender: 'cash', amountMinor: PRICE }],
    expectedTotalMinor: PRICE,
    ...extra,
  };
};
const counts = async () =>
  (
    await db.$client.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM tickets WHERE status = 'valid')::int AS valid,
        (SELECT count(*) FROM change_log)::int AS changes, (SELECT count(*) FROM audit_log)::int AS audits`,
    )
  ).rows[0];

/** Applies a mutation that must be refused with `code`, and checks it changed nothing. */
async function refused(msg: MutateMsg, code: string, message?: RegExp) {
  const before = await counts();
  const answer = await apply(msg);
  expect(answer).toMatchObject({ type: 'reject', code });
  if (message && answer.type === 'reject') expect(answer.message).toMatch(message);
  expect(await counts()).toEqual(before);
}

async function sold(extra: Record<string, unknown> = {}) {
  const payload = sellPayload(extra);
  const answer = await apply(mutation('sell', payload));
  expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'ack' });
  return payload.lines.map((l) => l.ticketId);
}

describe('a station sale', () => {
  it('is refused without tenders, or with tenders that do not make the total', async () => {
    await refused(
      mutation('sell', sellPayload({ tenders: [] })),
      'BO_VALIDATION',
      /how it was paid/,
    );
    await refused(
      mutation('sell', sellPayload({ tenders: [{ tender: 'cash', amountMinor: PRICE - 1 }] })),
      'BO_VALIDATION',
      /do not match/,
    );
    await refused(
      mutation('sell', sellPayload({ tenders: [{ tender: 'card', amountMinor: PRICE + 100 }] })),
      'BO_VALIDATION',
      /only cash gives change/,
    );
    // Cash over the total without saying change was given is money unaccounted for.
    await refused(
      mutation('sell', sellPayload({ tenders: [{ tender: 'cash', amountMinor: PRICE + 500 }] })),
      'BO_VALIDATION',
    );
  });

  it('is refused when a voucher or UPI / wallet payment has no code or reference', async () => {
    await refused(
      mutation('sell', sellPayload({ tenders: [{ tender: 'voucher', amountMinor: PRICE }] })),
      'BO_VALIDATION',
      /voucher code/,
    );
    await refused(
      mutation(
        'sell',
        sellPayload({ tenders: [{ tender: 'electronic', amountMinor: PRICE, reference: ' ' }] }),
      ),
      'BO_VALIDATION',
      /transaction reference/,
    );
    await sold({ tenders: [{ tender: 'electronic', amountMinor: PRICE, reference: 'UPI-42' }] });
  });

  it('takes cash over the total with its change, and records the payment net of change', async () => {
    const payload = sellPayload({
      tenders: [
        { tender: 'card', amountMinor: 300, reference: 'T-1' },
        { tender: 'cash', amountMinor: 2000 },
      ],
      changeMinor: 1300,
    });
    expect(await apply(mutation('sell', payload))).toMatchObject({ type: 'ack' });
    const paid = await db.$client.query(
      'SELECT tender, amount_minor, reference FROM payments WHERE order_id = $1 ORDER BY tender',
      [payload.orderId],
    );
    expect(paid.rows).toEqual([
      { tender: 'card', amount_minor: 300, reference: 'T-1' },
      { tender: 'cash', amount_minor: 700, reference: null },
    ]);
  });

  it('is refused for unknown, missing, other-cinema or inactive staff', async () => {
    await refused(mutation('sell', sellPayload({ staffId: randomUUID() })), 'BO_FORBIDDEN');
    await refused(mutation('sell', sellPayload({ staffId: undefined })), 'BO_FORBIDDEN');
    await refused(mutation('sell', sellPayload({ staffId: elsewhere.cashier })), 'BO_FORBIDDEN');
    const gone = randomUUID();
    await db.$client.query(
      "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash, active) VALUES ($1, $2, $3, 'Gone', 'cashier', 'x', false)",
      [gone, fx.chainId, fx.cinemaId],
    );
    await db.$client.query('INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $2)', [
      gone,
      fx.cinemaId,
    ]);
    await refused(mutation('sell', sellPayload({ staffId: gone })), 'BO_FORBIDDEN', /no longer/);
  });

  it('goes by staff postings (staff_cinemas), not by the staff row’s own cinema', async () => {
    // Home cinema here but not posted here: refused. Posted here from another cinema: accepted.
    const unposted = randomUUID();
    await db.$client.query(
      "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, $3, 'Unposted', 'cashier', 'x')",
      [unposted, fx.chainId, fx.cinemaId],
    );
    await refused(mutation('sell', sellPayload({ staffId: unposted })), 'BO_FORBIDDEN');
    const cover = randomUUID();
    await db.$client.query(
      "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) SELECT $1, $2, cinema_id, 'Cover', 'cashier', 'x' FROM staff WHERE id = $3",
      [cover, fx.chainId, elsewhere.cashier],
    );
    await db.$client.query('INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $2)', [
      cover,
      fx.cinemaId,
    ]);
    expect(await apply(mutation('sell', sellPayload({ staffId: cover })))).toMatchObject({
      type: 'ack',
    });
  });

  it('is refused when it is a training sale', async () => {
    await refused(mutation('sell', sellPayload({ training: true })), 'BO_VALIDATION', /Training/);
  });
});

describe('a station void or refund', () => {
  const voidMsg = (ticketIds: string[], extra: Record<string, unknown> = {}) =>
    mutation('void', {
      ticketIds,
      reason: 'Wrong show sold',
      refund: true,
      staffId: fx.staff.cashier,
      approvedBy: fx.staff.manager,
      ...extra,
    });

  it('refuses a refund without a real manager of this cinema as approver', async () => {
    const tickets = await sold();
    await refused(voidMsg(tickets, { approvedBy: undefined }), 'BO_FORBIDDEN', /manager/);
    await refused(
      voidMsg(tickets, { approvedBy: fx.staff.cashier }),
      'BO_FORBIDDEN',
      /not a manager/,
    );
    await refused(voidMsg(tickets, { approvedBy: randomUUID() }), 'BO_FORBIDDEN');
    await refused(voidMsg(tickets, { approvedBy: elsewhere.manager }), 'BO_FORBIDDEN');
    await refused(voidMsg(tickets, { staffId: elsewhere.cashier }), 'BO_FORBIDDEN');
  });

  it('names cashier and approver in the audit row and revokes each ticket in the change log', async () => {
    const tickets = await sold();
    expect(await apply(voidMsg(tickets))).toMatchObject({ type: 'ack' });
    const audit = await db.$client.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_log WHERE entity = $1 AND entity_id = $2',
      ['tickets', tickets.join(',')],
    );
    expect(audit.rows).toEqual([
      {
        action: 'refund',
        details: expect.objectContaining({
          staffId: fx.staff.cashier,
          approvedBy: fx.staff.manager,
        }) as unknown,
      },
    ]);
    const revoked = await db.$client.query(
      "SELECT cinema_id, show_id, entity_id, data->>'status' AS status FROM change_log WHERE entity = 'ticket_revocation' AND entity_id = $1",
      [tickets[0]],
    );
    expect(revoked.rows).toEqual([
      { cinema_id: fx.cinemaId, show_id: fx.showId, entity_id: tickets[0], status: 'refunded' },
    ]);
  });

  it('lets the cashier void without a manager, and still revokes the ticket', async () => {
    const tickets = await sold();
    expect(await apply(voidMsg(tickets, { refund: false, approvedBy: undefined }))).toMatchObject({
      type: 'ack',
      result: { status: 'void' },
    });
    const revoked = await db.$client.query(
      "SELECT data->>'status' AS status FROM change_log WHERE entity = 'ticket_revocation' AND entity_id = $1",
      [tickets[0]],
    );
    expect(revoked.rows).toEqual([{ status: 'void' }]);
  });
});

describe('the cinema day of a station sale', () => {
  const HOUR = 3_600_000;
  /** Sells one seat and returns the order's time and the reports' cinema day for it. */
  async function dated(offline: boolean, madeAt: Date) {
    const payload = sellPayload();
    const before = await db.$client.query<{ n: string }>(
      'SELECT COALESCE(max(id), 0) AS n FROM report_deltas',
    );
    const answer = await apply({
      ...mutation('sell', payload),
      offline,
      createdAt: madeAt.toISOString(),
    });
    expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'ack' });
    const r = await db.$client.query<{ created_at: Date; day: string; expected: string }>(
      `SELECT o.created_at, min(d.business_date)::text AS day,
              marquee_business_date(o.created_at, c.time_zone, c.day_starts_at)::text AS expected
         FROM orders o JOIN cinemas c ON c.id = o.cinema_id
         JOIN report_deltas d ON d.id > $2 AND d.show_id = o.show_id AND d.channel = 'counter'
        WHERE o.id = $1 GROUP BY o.created_at, c.time_zone, c.day_starts_at`,
      [payload.orderId, before.rows[0]?.n ?? '0'],
    );
    const row = r.rows[0];
    expect(row?.day).toBe(row?.expected);
    return row?.created_at.getTime() ?? 0;
  }

  it('is the day an offline sale was made, not the day it reached the server', async () => {
    const madeAt = new Date(Date.now() - 30 * HOUR);
    expect(await dated(true, madeAt)).toBe(madeAt.getTime());
  });

  it('is now for a sale made online, whatever the station clock says', async () => {
    const t0 = Date.now();
    const at = await dated(false, new Date(t0 - 30 * HOUR));
    expect(at).toBeGreaterThanOrEqual(t0 - 1000);
  });

  it('trusts a station clock only within the last seven days and never ahead of the server', async () => {
    const t0 = Date.now();
    const ahead = await dated(true, new Date(t0 + 5 * HOUR));
    expect(ahead).toBeLessThanOrEqual(Date.now() + 1000);
    expect(ahead).toBeGreaterThanOrEqual(t0 - 1000);
    const old = await dated(true, new Date(t0 - 30 * 24 * HOUR));
    expect(old).toBeGreaterThanOrEqual(t0 - 7 * 24 * HOUR - 1000);
    expect(old).toBeLessThan(t0 - 7 * 24 * HOUR + 60_000);
  });
});

describe('a kiosk sale (issue 18)', () => {
  let kiosk: StationIdentity;
  beforeAll(async () => {
    // The server goes by the station's kind as a manager set it, not by what the device says.
    await db.$client.query("UPDATE stations SET kind = 'kiosk' WHERE id = $1", [
      fx.otherStation.id,
    ]);
    kiosk = { id: fx.otherStation.id, cinemaId: fx.cinemaId, name: 'Kiosk 1' };
  });
  const applyAtKiosk = (msg: MutateMsg) => applyMutation(db.$client, kiosk, msg, times);

  it.each([
    [[{ tender: 'cash', amountMinor: PRICE }]],
    [[{ tender: 'voucher', amountMinor: PRICE, reference: 'GIFT-1' }]],
    [
      [
        { tender: 'card', amountMinor: PRICE - 100, reference: 'AUTH-1' },
        { tender: 'electronic', amountMinor: 100, reference: 'UPI-1' },
      ],
    ],
  ])('is refused with anything but card, and changes nothing: %j', async (tenders) => {
    const before = await counts();
    const answer = await applyAtKiosk(mutation('sell', sellPayload({ tenders })));
    expect(answer).toMatchObject({ type: 'reject', code: 'BO_KIOSK_CARD_ONLY' });
    expect(await counts()).toEqual(before);
  });

  it('is recorded with channel kiosk and the terminal’s reference when paid by card', async () => {
    const payload = sellPayload({
      tenders: [{ tender: 'card', amountMinor: PRICE, reference: 'SIM-000123' }],
    });
    expect(await applyAtKiosk(mutation('sell', payload))).toMatchObject({ type: 'ack' });
    const order = await db.$client.query(
      'SELECT o.channel, o.station_id, p.tender, p.reference FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.id = $1',
      [payload.orderId],
    );
    expect(order.rows).toEqual([
      { channel: 'kiosk', station_id: kiosk.id, tender: 'card', reference: 'SIM-000123' },
    ]);
  });

  it('leaves a counter’s cash sale as it was, with channel counter', async () => {
    const payload = sellPayload();
    expect(await apply(mutation('sell', payload))).toMatchObject({ type: 'ack' });
    const order = await db.$client.query<{ channel: string }>(
      'SELECT channel FROM orders WHERE id = $1',
      [payload.orderId],
    );
    expect(order.rows[0]?.channel).toBe('counter');
  });
});
