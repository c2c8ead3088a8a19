// A sale's prices are read in one statement before its seats are locked; the errors stay what they
// were, seat errors still come first, nothing is written on a refusal, and a promo code used up by a
// concurrent sale is refused as if it had been read under its lock.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { Actor } from './audit.js';
import { sellSeats, type SellInput } from './sales.js';
import { withTx } from './tx.js';

let db: PgDb;
let fx: ShowFixture & { showIds: string[] };
let elsewhere: ShowFixture;
let station: Actor;

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 10, shows: 2 });
  elsewhere = await createShowFixture(db.$client, { rows: 1, perRow: 2 });
  station = { kind: 'station', id: fx.station.id, channel: 'station', stationId: fx.station.id };
  // The second show has no prices yet.
  await db.$client.query('DELETE FROM show_prices WHERE show_id = $1', [fx.showIds[1]]);
  const discount =
    "INSERT INTO discounts (id, chain_id, code, name, kind, value, valid_to, max_uses) VALUES ($1, $2, $3, 'Test', 'percent', 1000, $4, $5)";
  await db.$client.query(discount, [
    randomUUID(),
    fx.chainId,
    'OLD',
    new Date(Date.now() - 60_000),
    null,
  ]);
  await db.$client.query(discount, [randomUUID(), fx.chainId, 'ONCE', null, 1]);
});
afterAll(async () => {
  await db.$client.end();
});

const seat = (row: number, n: number): string => fx.rows[row]?.[n] ?? '';
const sale = (seats: string[], extra: Partial<SellInput> = {}): SellInput => ({
  orderId: randomUUID(),
  showId: fx.showId,
  lines: seats.map((seatId) => ({
    seatId,
    ticketTypeId: fx.ticketTypes.adult,
    ticketId: randomUUID(),
  })),
  tenders: [],
  ...extra,
});
const count = async (sql: string, values: unknown[]) =>
  Number((await db.$client.query<{ n: string }>(sql, values)).rows[0]?.n);

/** Nothing of the sale exists, and its seats are as they were. */
async function expectNothingWritten(input: SellInput): Promise<void> {
  expect(await count('SELECT count(*) AS n FROM orders WHERE id = $1', [input.orderId])).toBe(0);
  expect(
    await count('SELECT count(*) AS n FROM tickets WHERE id = ANY($1::uuid[])', [
      input.lines.map((l) => l.ticketId),
    ]),
  ).toBe(0);
  expect(
    await count('SELECT count(*) AS n FROM change_log WHERE entity_id = $1', [input.orderId]),
  ).toBe(0);
  expect(
    await count('SELECT count(*) AS n FROM audit_log WHERE entity_id = $1', [input.orderId]),
  ).toBe(0);
  const states = await db.$client.query<{ state: string }>(
    'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2::uuid[])',
    [input.showId, input.lines.map((l) => l.seatId)],
  );
  expect(states.rows.every((s) => s.state === 'available')).toBe(true);
}

const uses = async (code: string) =>
  count('SELECT uses AS n FROM discounts WHERE code = $1', [code]);

describe('pricing a server sale', () => {
  it.each([
    [
      'a show without prices',
      () => sale([seat(0, 0)], { showId: fx.showIds[1] }),
      'BO_CONFLICT',
      'This show has no prices set; a manager must set them before it can be sold.',
    ],
    [
      'an unknown ticket type',
      () => ({
        ...sale([seat(0, 1)]),
        lines: [
          {
            seatId: seat(0, 1),
            ticketTypeId: '00000000-0000-4000-8000-000000000001',
            ticketId: randomUUID(),
          },
        ],
      }),
      'BO_VALIDATION',
      'Unknown ticket type 00000000-0000-4000-8000-000000000001.',
    ],
    [
      'an unknown promo code',
      () => sale([seat(0, 2)], { discountCode: 'NOPE' }),
      'BO_VALIDATION',
      'Promo code NOPE does not exist. Check the spelling.',
    ],
    [
      'an expired promo code',
      () => sale([seat(0, 3)], { discountCode: 'old' }),
      'BO_DISCOUNT_EXPIRED',
      undefined,
    ],
    [
      'a seat of another layout',
      () => sale([seat(0, 4), elsewhere.rows[0]?.[0] ?? '']),
      'BO_SEAT_NOT_FOUND',
      undefined,
    ],
  ])('refuses %s with the same error and writes nothing', async (_what, make, code, message) => {
    const input = make();
    await expect(withTx(db.$client, (tx) => sellSeats(tx, input, station))).rejects.toMatchObject(
      message === undefined ? { code } : { code, message },
    );
    await expectNothingWritten({
      ...input,
      lines: input.lines.filter((l) => fx.seatIds.includes(l.seatId)),
    });
  });

  it('reports a taken seat before a pricing error, as when prices were read under the locks', async () => {
    const taken = seat(1, 0);
    await withTx(db.$client, (tx) => sellSeats(tx, sale([taken]), station));
    const bad = {
      ...sale([taken]),
      lines: [{ seatId: taken, ticketTypeId: randomUUID(), ticketId: randomUUID() }],
    };
    await expect(withTx(db.$client, (tx) => sellSeats(tx, bad, station))).rejects.toMatchObject({
      code: 'BO_SEAT_UNAVAILABLE',
    });
  });

  it('counts a promo code once per sale, whatever the case it is typed in', async () => {
    const before = await uses('ONCE');
    const input = sale([seat(1, 1)], { discountCode: 'once' });
    const r = await withTx(db.$client, (tx) => sellSeats(tx, input, station));
    expect(r.priced.discount).toMatchObject({ code: 'ONCE', amountMinor: 100 });
    expect(await uses('ONCE')).toBe(before + 1);
    // Used up now: the next sale is refused and the count stays.
    const next = sale([seat(1, 2)], { discountCode: 'ONCE' });
    await expect(withTx(db.$client, (tx) => sellSeats(tx, next, station))).rejects.toMatchObject({
      code: 'BO_DISCOUNT_EXHAUSTED',
      message: 'Code ONCE has been used 1 of 1 times.',
    });
    expect(await uses('ONCE')).toBe(before + 1);
    await expectNothingWritten(next);
  });

  it('refuses a promo code that a concurrent sale used up after this sale read it', async () => {
    await db.$client.query(
      "INSERT INTO discounts (id, chain_id, code, name, kind, value, currency, max_uses) VALUES ($1, $2, 'LAST', 'Last one', 'fixed', 100, 'GBP', 1)",
      [randomUUID(), fx.chainId],
    );
    const first = await db.$client.connect();
    try {
      await first.query('BEGIN');
      await sellSeats(first, sale([seat(2, 0)], { discountCode: 'LAST' }), station);
      // The second sale reads the code (unused, as the first has not committed) and then waits on its row.
      const second = sale([seat(2, 1)], { discountCode: 'LAST' });
      const outcome = withTx(db.$client, (tx) => sellSeats(tx, second, station)).then(
        () => null,
        (e: unknown) => e,
      );
      await waitForLockWait('discounts');
      await first.query('COMMIT');
      expect(await outcome).toMatchObject({
        code: 'BO_DISCOUNT_EXHAUSTED',
        message: 'Code LAST has been used 1 of 1 times.',
      });
      expect(await uses('LAST')).toBe(1);
      await expectNothingWritten(second);
    } finally {
      first.release();
    }
  });
});

/** Resolves once a session waits on a row lock in a statement naming `table`. */
async function waitForLockWait(table: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const r = await db.$client.query(
      "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
      [`%${table}%`],
    );
    if ((r.rowCount ?? 0) > 0) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`no session waited on a row of ${table}`);
}
