// Food and drink sold with seats: priced by the one pricing function, written with the order in one
// transaction, refused (and nothing written) for an item the show's cinema does not sell.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { applyMutation, type StationIdentity } from '../sync/mutations.js';
import type { Actor } from './audit.js';
import { sellSeats, type SellInput } from './sales.js';
import { withTx } from './tx.js';

const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };

let db: PgDb;
let fx: ShowFixture;
let station: Actor;
let identity: StationIdentity;
const item = {
  popcorn: randomUUID(),
  soda: randomUUID(),
  retired: randomUUID(),
  elsewhere: randomUUID(),
};

async function addItem(
  id: string,
  cinemaId: string,
  name: string,
  priceMinor: number,
  active = true,
): Promise<void> {
  await db.$client.query(
    "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency, active) VALUES ($1, $2, $3, 'snacks', $4, 'GBP', $5)",
    [id, cinemaId, name, priceMinor, active],
  );
}

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 10 });
  const other = await createShowFixture(db.$client, { rows: 1, perRow: 2 });
  // Food carries 5 % added on top here, so its tax is visible apart from the tickets' included VAT.
  await db.$client.query(
    "INSERT INTO taxes (id, cinema_id, name, rate_bp, inclusive, item_class) VALUES ($1, $2, 'Food tax', 500, false, 'concession')",
    [randomUUID(), fx.cinemaId],
  );
  await addItem(item.popcorn, fx.cinemaId, 'Popcorn', 600);
  await addItem(item.soda, fx.cinemaId, 'Soda', 400);
  await addItem(item.retired, fx.cinemaId, 'Old crisps', 300, false);
  await addItem(item.elsewhere, other.cinemaId, 'Their popcorn', 600);
  station = { kind: 'station', id: fx.station.id, channel: 'station', stationId: fx.station.id };
  identity = { id: fx.station.id, cinemaId: fx.cinemaId, name: 'Counter' };
});
afterAll(async () => {
  await db.$client.end();
});

const sale = (
  seats: string[],
  concessions: SellInput['concessions'],
  extra: Partial<SellInput> = {},
): SellInput => ({
  orderId: randomUUID(),
  showId: fx.showId,
  lines: seats.map((seatId) => ({
    seatId,
    ticketTypeId: fx.ticketTypes.adult,
    ticketId: randomUUID(),
  })),
  concessions,
  tenders: [],
  ...extra,
});

const count = async (sql: string, values: unknown[]) =>
  Number((await db.$client.query<{ n: string }>(sql, values)).rows[0]?.n);

describe('concessions in a server sale', () => {
  it('prices tickets and food together and writes order_items with each line’s tax', async () => {
    const seats = fx.rows[0]?.slice(0, 2) ?? [];
    const input = sale(seats, [
      { itemId: item.popcorn, quantity: 2 },
      { itemId: item.soda, quantity: 1 },
    ]);
    const r = await withTx(db.$client, (tx) =>
      sellSeats(tx, { ...input, expectedTotalMinor: 3680 }, station),
    );
    // Tickets 2 × 10.00 (VAT included); popcorn 2 × 6.00 + 5 % = 12.60; soda 4.00 + 5 % = 4.20.
    expect(r.priced.totalMinor).toBe(3680);
    const rows = await db.$client.query<{
      concession_item_id: string;
      quantity: number;
      unit_price_minor: number;
      tax_minor: number;
      total_minor: number;
    }>(
      'SELECT concession_item_id, quantity, unit_price_minor, tax_minor, total_minor FROM order_items WHERE order_id = $1 ORDER BY unit_price_minor DESC',
      [input.orderId],
    );
    expect(rows.rows).toEqual([
      {
        concession_item_id: item.popcorn,
        quantity: 2,
        unit_price_minor: 600,
        tax_minor: 60,
        total_minor: 1260,
      },
      {
        concession_item_id: item.soda,
        quantity: 1,
        unit_price_minor: 400,
        tax_minor: 20,
        total_minor: 420,
      },
    ]);
    const order = await db.$client.query<{ total_minor: number; tax_minor: number }>(
      'SELECT total_minor, tax_minor FROM orders WHERE id = $1',
      [input.orderId],
    );
    expect(order.rows[0]?.total_minor).toBe(3680);
    expect(order.rows[0]?.tax_minor).toBe(r.priced.taxMinor);
    // Stations replicate the lines through the order's change; the audit log names them.
    const change = await db.$client.query<{
      data: { concessions: { itemId: string; totalMinor: number }[] };
    }>("SELECT data FROM change_log WHERE entity = 'order' AND entity_id = $1", [input.orderId]);
    expect(change.rows[0]?.data.concessions.map((c) => [c.itemId, c.totalMinor])).toEqual([
      [item.popcorn, 1260],
      [item.soda, 420],
    ]);
    const audit = await db.$client.query<{
      details: { concessions: unknown; priceMismatch: boolean };
    }>("SELECT details FROM audit_log WHERE action = 'sell' AND entity_id = $1", [input.orderId]);
    expect(audit.rows[0]?.details).toMatchObject({
      concessions: input.concessions,
      priceMismatch: false,
    });
  });

  it('spreads a promo code over tickets and food, and audits a total the station got wrong', async () => {
    await db.$client.query(
      "INSERT INTO discounts (id, chain_id, code, name, kind, value) VALUES ($1, $2, 'TENOFF', 'Ten off', 'percent', 1000)",
      [randomUUID(), fx.chainId],
    );
    const input = sale([fx.rows[1]?.[0] ?? ''], [{ itemId: item.popcorn, quantity: 1 }], {
      discountCode: 'TENOFF',
      expectedTotalMinor: 1,
    });
    const r = await withTx(db.$client, (tx) => sellSeats(tx, input, station));
    // 10 % off 16.00 = 1.60, spread 1.00 : 0.60; food tax is 5 % of 5.40.
    expect(r.priced.discountMinor).toBe(160);
    expect(r.concessions[0]).toMatchObject({ unitPriceMinor: 600, taxMinor: 27, totalMinor: 567 });
    expect(r.priced.totalMinor).toBe(900 + 567);
    const audit = await db.$client.query<{
      details: { priceMismatch: boolean; expectedTotalMinor: number };
    }>("SELECT details FROM audit_log WHERE action = 'sell' AND entity_id = $1", [input.orderId]);
    expect(audit.rows[0]?.details).toMatchObject({ expectedTotalMinor: 1, priceMismatch: true });
  });

  it.each([
    ['an unknown item', () => randomUUID()],
    ['an item no longer sold', () => item.retired],
    ["another cinema's item", () => item.elsewhere],
  ])('refuses %s with BO_CONCESSION_UNAVAILABLE and writes nothing', async (_what, itemId) => {
    const seat = fx.rows[2]?.[0] ?? '';
    const input = sale(
      [seat],
      [
        { itemId: item.popcorn, quantity: 1 },
        { itemId: itemId(), quantity: 1 },
      ],
    );
    await expect(withTx(db.$client, (tx) => sellSeats(tx, input, station))).rejects.toMatchObject({
      code: 'BO_CONCESSION_UNAVAILABLE',
    });
    expect(await count('SELECT count(*) AS n FROM orders WHERE id = $1', [input.orderId])).toBe(0);
    expect(
      await count('SELECT count(*) AS n FROM order_items WHERE order_id = $1', [input.orderId]),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM tickets WHERE seat_id = $1 AND status = 'valid'", [
        seat,
      ]),
    ).toBe(0);
    expect(
      (
        await db.$client.query<{ state: string }>(
          'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
          [fx.showId, seat],
        )
      ).rows[0]?.state,
    ).toBe('available');
  });

  it('keeps an offline sale of an item retired since the station sold it', async () => {
    const input = sale([fx.rows[3]?.[0] ?? ''], [{ itemId: item.retired, quantity: 2 }], {
      offline: true,
    });
    const r = await withTx(db.$client, (tx) => sellSeats(tx, input, station));
    expect(r.concessions).toMatchObject([{ itemId: item.retired, quantity: 2, totalMinor: 630 }]);
  });

  it('applies a sell mutation with concessions once; a replay gets the same answer and writes nothing more', async () => {
    // As a counter sends it: its cashier, and cash that makes what it charged.
    const paid = (totalMinor: number) => ({
      staffId: fx.staff.cashier,
      tenders: [{ tender: 'cash', amountMinor: totalMinor }],
      expectedTotalMinor: totalMinor,
    });
    const payload = {
      ...sale([fx.rows[3]?.[1] ?? ''], [{ itemId: item.soda, quantity: 3 }]),
      ...paid(2260),
    };
    const msg = {
      type: 'mutate' as const,
      id: randomUUID(),
      kind: 'sell' as const,
      payload,
      createdAt: new Date().toISOString(),
      offline: false,
    };
    const first = await applyMutation(db.$client, identity, msg, times);
    expect(first).toMatchObject({ type: 'ack', result: { totalMinor: 1000 + 1260 } });
    const again = await applyMutation(db.$client, identity, msg, times);
    expect(again).toEqual(first);
    expect(
      await count('SELECT count(*) AS n FROM order_items WHERE order_id = $1', [payload.orderId]),
    ).toBe(1);

    // A payload with an item twice is malformed: refused as such, and its replay says the same.
    const bad = {
      ...msg,
      id: randomUUID(),
      payload: {
        ...sale(
          [fx.rows[3]?.[2] ?? ''],
          [
            { itemId: item.soda, quantity: 1 },
            { itemId: item.soda, quantity: 1 },
          ],
        ),
        ...paid(1840),
      },
    };
    const refused = await applyMutation(db.$client, identity, bad, times);
    expect(refused).toMatchObject({ type: 'reject', code: 'BO_VALIDATION' });
    expect(await applyMutation(db.$client, identity, bad, times)).toEqual(refused);
    const unknown = {
      ...msg,
      id: randomUUID(),
      payload: {
        ...sale([fx.rows[3]?.[3] ?? ''], [{ itemId: randomUUID(), quantity: 1 }]),
        ...paid(1420),
      },
    };
    expect(await applyMutation(db.$client, identity, unknown, times)).toMatchObject({
      type: 'reject',
      code: 'BO_CONCESSION_UNAVAILABLE',
    });
    expect(
      await count('SELECT count(*) AS n FROM orders WHERE id = $1', [unknown.payload.orderId]),
    ).toBe(0);
  });
});
