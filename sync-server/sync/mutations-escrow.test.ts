// A station's sale under its own late hold (found by the chaos run): a counter's hold that reached
// the server after its cashier stopped waiting took seats (of its escrow, or free ones), and the
// counter's sales of those seats, queued behind the hold, were refused although the counter was told
// it could still sell them. A station's sale, online or offline, takes seats held by its own
// station's holds; nobody else's hold or sale ever does.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutateMsg } from '../../common/sync-protocol.js';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { applyMutation, type StationIdentity } from './mutations.js';

const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };

let db: PgDb;
let fx: ShowFixture;
let counter: StationIdentity;
let other: StationIdentity;
let escrowed: string[] = [];

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 8, startsInMinutes: 600 });
  counter = { id: fx.station.id, cinemaId: fx.cinemaId, name: 'Till 1' };
  other = { id: fx.otherStation.id, cinemaId: fx.cinemaId, name: 'Till 2' };
  const r = await apply(counter, mutation('allocate', { showId: fx.showId, perCategory: 2 }));
  expect(r.type).toBe('ack');
  escrowed = (
    await db.$client.query<{ seat_id: string }>(
      "SELECT seat_id FROM show_seats WHERE show_id = $1 AND state = 'allocated' AND station_id = $2 ORDER BY seat_id",
      [fx.showId, fx.station.id],
    )
  ).rows.map((x) => x.seat_id);
  expect(escrowed.length).toBeGreaterThanOrEqual(3);
});
afterAll(async () => {
  await db.$client.end();
});

const mutation = (kind: MutateMsg['kind'], payload: unknown, offline = false): MutateMsg => ({
  type: 'mutate',
  id: randomUUID(),
  kind,
  payload,
  createdAt: new Date().toISOString(),
  offline,
});
const apply = (who: StationIdentity, msg: MutateMsg) => applyMutation(db.$client, who, msg, times);

const price = async (seatId: string) =>
  (
    await db.$client.query<{ amount_minor: number }>(
      'SELECT sp.amount_minor FROM show_prices sp JOIN seats s ON s.category_id = sp.category_id WHERE sp.show_id = $1 AND s.id = $2',
      [fx.showId, seatId],
    )
  ).rows[0]?.amount_minor ?? 0;
const cashSale = async (seatId: string) => {
  const amount = await price(seatId);
  return {
    orderId: randomUUID(),
    showId: fx.showId,
    lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() }],
    staffId: fx.staff.cashier,
    tenders: [{ tender: 'cash', amountMinor: 5000 }],
    changeMinor: 5000 - amount,
    expectedTotalMinor: amount,
  };
};

describe('a station’s offline sale of its escrowed seats', () => {
  it('takes a seat its own late hold took', async () => {
    const seat = escrowed[0] ?? '';
    const held = await apply(counter, mutation('hold', { showId: fx.showId, seatIds: [seat] }));
    expect(held.type).toBe('ack');
    const sold = await apply(counter, mutation('sell', await cashSale(seat), true));
    expect(sold, JSON.stringify(sold)).toMatchObject({ type: 'ack' });
    const state = await db.$client.query(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seat],
    );
    expect(state.rows[0]).toEqual({ state: 'sold' });
  });

  it('takes a seat its own hold took when it sells online without that hold', async () => {
    const seat = escrowed[1] ?? '';
    expect(
      (await apply(counter, mutation('hold', { showId: fx.showId, seatIds: [seat] }))).type,
    ).toBe('ack');
    const sold = await apply(counter, mutation('sell', await cashSale(seat), false));
    expect(sold, JSON.stringify(sold)).toMatchObject({ type: 'ack' });
  });

  it('is the only one: another station can neither hold nor sell those seats', async () => {
    const seat = escrowed[2] ?? '';
    expect(
      await apply(other, mutation('hold', { showId: fx.showId, seatIds: [seat] })),
    ).toMatchObject({ type: 'reject', code: 'BO_SEAT_UNAVAILABLE' });
    expect(await apply(other, mutation('sell', await cashSale(seat), true))).toMatchObject({
      type: 'reject',
      code: 'BO_SEAT_UNAVAILABLE',
    });
  });
});

describe('a station’s online sale of free seats its own late hold took', () => {
  const free = async (n: number) =>
    (
      await db.$client.query<{ seat_id: string }>(
        "SELECT seat_id FROM show_seats WHERE show_id = $1 AND state = 'available' ORDER BY seat_id DESC LIMIT $2",
        [fx.showId, n],
      )
    ).rows.map((x) => x.seat_id);

  it('takes them; the hold keeps the seats it did not sell', async () => {
    const [a, b] = await free(2);
    const held = await apply(counter, mutation('hold', { showId: fx.showId, seatIds: [a, b] }));
    expect(held.type).toBe('ack');
    const sold = await apply(counter, mutation('sell', await cashSale(a ?? ''), false));
    expect(sold, JSON.stringify(sold)).toMatchObject({ type: 'ack' });
    const states = await db.$client.query<{ seat_id: string; state: string }>(
      'SELECT seat_id, state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2::uuid[])',
      [fx.showId, [a, b]],
    );
    expect(Object.fromEntries(states.rows.map((r) => [r.seat_id, r.state]))).toEqual({
      [a ?? '']: 'sold',
      [b ?? '']: 'held',
    });
  });

  it('never takes seats another station holds, online or offline', async () => {
    const [seat] = await free(1);
    expect(
      (await apply(other, mutation('hold', { showId: fx.showId, seatIds: [seat] }))).type,
    ).toBe('ack');
    for (const offline of [false, true])
      expect(
        await apply(counter, mutation('sell', await cashSale(seat ?? ''), offline)),
      ).toMatchObject({ type: 'reject', code: 'BO_SEAT_UNAVAILABLE' });
  });
});
