// The `collect` mutation (issue 18): the first collection of an order counts and is relayed to the
// cinema's stations once; a replay answers the same, a second station's collection is told whose
// came first, and an unknown order or another cinema's is refused without a trace.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutateMsg } from '../../common/sync-protocol.js';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { applyMutation, type StationIdentity } from '../sync/mutations.js';

const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };
let db: PgDb;
let fx: ShowFixture;
let here: StationIdentity;
let there: StationIdentity;

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 10 });
  here = { id: fx.station.id, cinemaId: fx.cinemaId, name: 'Counter' };
  there = { id: fx.otherStation.id, cinemaId: fx.cinemaId, name: 'Kiosk' };
});
afterAll(async () => {
  await db.$client.end();
});

const msg = (kind: MutateMsg['kind'], payload: unknown, id = randomUUID()): MutateMsg => ({
  type: 'mutate',
  id,
  kind,
  payload,
  createdAt: new Date().toISOString(),
  offline: false,
});

const changes = async (orderId: string) =>
  (
    await db.$client.query<{ data: unknown }>(
      "SELECT data FROM change_log WHERE entity = 'booking_collection' AND entity_id = $1",
      [orderId],
    )
  ).rows;

/** A one-seat cash sale at the counter (a seat of the 10.00 category); returns its order id. */
async function sellOne(n: number): Promise<string> {
  const seats = await db.$client.query<{ id: string }>(
    'SELECT id FROM seats WHERE category_id = $1 ORDER BY id',
    [fx.categoryIds[0]],
  );
  const orderId = randomUUID();
  const sold = await applyMutation(
    db.$client,
    here,
    msg('sell', {
      orderId,
      showId: fx.showId,
      lines: [
        { seatId: seats.rows[n]?.id, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() },
      ],
      tenders: [{ tender: 'cash', amountMinor: 1000 }],
      expectedTotalMinor: 1000,
      staffId: fx.staff.cashier,
    }),
    times,
  );
  expect(sold.type, JSON.stringify(sold)).toBe('ack');
  return orderId;
}

describe('collect mutation', () => {
  it('keeps the first collection, relays it once and answers replays and later ones with it', async () => {
    const orderId = await sellOne(0);
    const at = new Date().toISOString();
    const first = msg('collect', { collectionId: randomUUID(), orderId, collectedAt: at });
    const a = await applyMutation(db.$client, here, first, times);
    expect(a).toMatchObject({ type: 'ack', result: { first: true, stationId: here.id } });
    expect(await applyMutation(db.$client, here, first, times)).toEqual(a);

    const later = msg('collect', {
      collectionId: randomUUID(),
      orderId,
      kiosk: true,
      collectedAt: at,
    });
    expect(await applyMutation(db.$client, there, later, times)).toMatchObject({
      type: 'ack',
      result: { first: false, stationId: here.id },
    });
    expect(await changes(orderId)).toHaveLength(1);
  });

  it('refuses an unknown order and another cinema’s, recording nothing', async () => {
    const unknown = randomUUID();
    expect(
      await applyMutation(
        db.$client,
        here,
        msg('collect', {
          collectionId: randomUUID(),
          orderId: unknown,
          collectedAt: new Date().toISOString(),
        }),
        times,
      ),
    ).toMatchObject({ type: 'reject', code: 'BO_BOOKING_NOT_FOUND' });
    const orderId = await sellOne(1);
    const foreign = { ...here, cinemaId: randomUUID() };
    expect(
      await applyMutation(
        db.$client,
        foreign,
        msg('collect', {
          collectionId: randomUUID(),
          orderId,
          collectedAt: new Date().toISOString(),
        }),
        times,
      ),
    ).toMatchObject({ type: 'reject', code: 'BO_FORBIDDEN' });
    expect(
      (await db.$client.query('SELECT 1 FROM booking_collections WHERE order_id = $1', [unknown]))
        .rowCount,
    ).toBe(0);
  });
});
