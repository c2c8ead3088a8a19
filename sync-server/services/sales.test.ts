// A sale or a void writes its rows in few statements; what stations and auditors see must not change:
// the change log in the order a station applies it (seats, then the order), one audit row with the
// same details, every tender, and the unique valid-ticket index still answering a double sale.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { Actor } from './audit.js';
import { createHold } from './holds.js';
import { voidTickets } from './sale-voids.js';
import { sellSeats, type SellInput } from './sales.js';
import { withTx } from './tx.js';

let db: PgDb;
let fx: ShowFixture & { showIds: string[] };
let station: Actor;

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 6, perRow: 10, shows: 2 });
  station = { kind: 'station', id: fx.station.id, channel: 'station', stationId: fx.station.id };
});
afterAll(async () => {
  await db.$client.end();
});

const seat = (row: number, n: number): string => fx.rows[row]?.[n] ?? '';
const sale = (showId: string, seats: string[], extra: Partial<SellInput> = {}): SellInput => ({
  orderId: randomUUID(),
  showId,
  lines: seats.map((seatId) => ({
    seatId,
    ticketTypeId: fx.ticketTypes.adult,
    ticketId: randomUUID(),
  })),
  tenders: [],
  ...extra,
});
const sell = (input: SellInput, actor = station) =>
  withTx(db.$client, (tx) => sellSeats(tx, input, actor));

type LogRow = {
  seq: string;
  entity: string;
  entity_id: string;
  show_id: string | null;
  data: Record<string, unknown>;
};
/** The change-log rows written by the transaction that wrote the audit row of `entityId`, in seq order. */
async function logOfTx(where: string, value: string): Promise<LogRow[]> {
  const r = await db.$client.query<LogRow>(
    `SELECT seq, entity, entity_id, show_id, data FROM change_log
      WHERE tx_id = (SELECT tx_id FROM change_log WHERE ${where} = $1 LIMIT 1) ORDER BY seq`,
    [value],
  );
  return r.rows;
}
const auditOf = async (entityId: string) =>
  (
    await db.$client.query<{
      actor_kind: string;
      actor_id: string;
      channel: string;
      action: string;
      entity: string;
      details: Record<string, unknown>;
    }>(
      'SELECT actor_kind, actor_id, channel, action, entity, details FROM audit_log WHERE entity_id = $1',
      [entityId],
    )
  ).rows;

describe('a sale', () => {
  it('logs its seats before its order in one transaction, audits once and writes each tender', async () => {
    const seats = [seat(0, 0), seat(0, 1)];
    const input = sale(fx.showId, seats, {
      saleNumber: 7,
      expectedTotalMinor: 2000,
      tenders: [
        { tender: 'cash', amountMinor: 500 },
        { tender: 'card', amountMinor: 1500, reference: 'T-1' },
      ],
    });
    const r = await sell(input);
    expect(r.priced.totalMinor).toBe(2000);

    const log = await logOfTx("entity = 'order' AND entity_id", input.orderId);
    expect(log.map((c) => c.entity)).toEqual(['show_seats', 'order']);
    expect(Number(log[0]?.seq)).toBeLessThan(Number(log[1]?.seq));
    const seatData = log[0]?.data as { showId: string; seats: Record<string, unknown>[] };
    expect(seatData.showId).toBe(fx.showId);
    expect(seatData.seats.map((s) => s.seatId).sort()).toEqual([...seats].sort());
    for (const s of seatData.seats)
      expect(Object.keys(s).sort()).toEqual(['seatId', 'state', 'stationId', 'version']);
    expect(
      seatData.seats.every((s) => s.state === 'sold' && s.stationId === null && s.version === 1),
    ).toBe(true);
    expect(log[1]).toMatchObject({
      entity_id: input.orderId,
      show_id: fx.showId,
      data: {
        orderId: input.orderId,
        showId: fx.showId,
        status: 'paid',
        channel: 'station',
        stationId: fx.station.id,
        totalMinor: 2000,
        currency: 'GBP',
        tickets: r.tickets,
        concessions: [],
      },
    });

    expect(await auditOf(input.orderId)).toEqual([
      {
        actor_kind: 'station',
        actor_id: fx.station.id,
        channel: 'station',
        action: 'sell',
        entity: 'order',
        details: {
          showId: fx.showId,
          seatIds: seats,
          holdId: null,
          totalMinor: 2000,
          expectedTotalMinor: 2000,
          priceMismatch: false,
          offline: false,
          training: false,
        },
      },
    ]);
    const payments = await db.$client.query(
      'SELECT tender, amount_minor, currency, reference, status FROM payments WHERE order_id = $1 ORDER BY amount_minor',
      [input.orderId],
    );
    expect(payments.rows).toEqual([
      { tender: 'cash', amount_minor: 500, currency: 'GBP', reference: null, status: 'succeeded' },
      {
        tender: 'card',
        amount_minor: 1500,
        currency: 'GBP',
        reference: 'T-1',
        status: 'succeeded',
      },
    ]);
    const order = await db.$client.query(
      'SELECT channel, station_id, sale_number, status, subtotal_minor, tax_minor, total_minor, training, offline FROM orders WHERE id = $1',
      [input.orderId],
    );
    expect(order.rows).toEqual([
      {
        channel: 'counter',
        station_id: fx.station.id,
        sale_number: 7,
        status: 'paid',
        subtotal_minor: 2000,
        tax_minor: r.priced.taxMinor,
        total_minor: 2000,
        training: false,
        offline: false,
      },
    ]);
    const sold = await db.$client.query<{ seat_id: string; state: string; ticket_id: string }>(
      'SELECT seat_id, state, ticket_id FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2::uuid[]) ORDER BY seat_id',
      [fx.showId, seats],
    );
    const ticketOf = new Map(input.lines.map((l) => [l.seatId, l.ticketId]));
    expect(sold.rows).toEqual(
      [...seats].sort().map((s) => ({ seat_id: s, state: 'sold', ticket_id: ticketOf.get(s) })),
    );
  });

  it('from a hold logs the sold and the released seats as one change, then the order', async () => {
    const seats = [seat(1, 0), seat(1, 1), seat(1, 2)];
    const hold = await withTx(db.$client, (tx) =>
      createHold(tx, { showId: fx.showId, seatIds: seats }, station, {
        ttlSeconds: 600,
        extendSeconds: 300,
        maxSeconds: 1200,
      }),
    );
    const input = sale(fx.showId, seats.slice(0, 2), { holdId: hold.holdId });
    await sell(input);
    const log = await logOfTx("entity = 'order' AND entity_id", input.orderId);
    expect(log.map((c) => c.entity)).toEqual(['show_seats', 'order']);
    const states = (log[0]?.data as { seats: { seatId: string; state: string }[] }).seats.map(
      (s) => [s.seatId, s.state],
    );
    expect(states.sort()).toEqual(
      [
        [seats[0], 'sold'],
        [seats[1], 'sold'],
        [seats[2], 'available'],
      ].sort(),
    );
    expect((await auditOf(input.orderId))[0]?.details).toMatchObject({
      holdId: hold.holdId,
      seatIds: seats.slice(0, 2),
    });
    expect(
      (await db.$client.query('SELECT status FROM holds WHERE id = $1', [hold.holdId])).rows,
    ).toEqual([{ status: 'sold' }]);
  });

  it('answers a second valid ticket for a seat with BO_SEAT_UNAVAILABLE from the unique index, writing nothing', async () => {
    const s = seat(2, 0);
    await sell(sale(fx.showId, [s]));
    // As if arbitration had a bug: the seat map says free although a valid ticket exists.
    await db.$client.query(
      "UPDATE show_seats SET state = 'available', ticket_id = NULL WHERE show_id = $1 AND seat_id = $2",
      [fx.showId, s],
    );
    const again = sale(fx.showId, [s]);
    await expect(sell(again)).rejects.toMatchObject({
      code: 'BO_SEAT_UNAVAILABLE',
      message: 'A seat of this sale is already sold.',
    });
    expect(
      (await db.$client.query('SELECT 1 FROM orders WHERE id = $1', [again.orderId])).rowCount,
    ).toBe(0);
    expect(
      (
        await db.$client.query('SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2', [
          fx.showId,
          s,
        ])
      ).rows,
    ).toEqual([{ state: 'available' }]);
    expect(await auditOf(again.orderId)).toEqual([]);
  });

  it('answers a ticket id used twice with BO_CONFLICT', async () => {
    const first = sale(fx.showId, [seat(2, 1)]);
    await sell(first);
    const reused = sale(fx.showId, [seat(2, 2)]);
    reused.lines = reused.lines.map((l) => ({ ...l, ticketId: first.lines[0]?.ticketId ?? '' }));
    await expect(sell(reused)).rejects.toMatchObject({ code: 'BO_CONFLICT' });
    expect(
      (await db.$client.query('SELECT 1 FROM orders WHERE id = $1', [reused.orderId])).rowCount,
    ).toBe(0);
  });
});

describe('a void', () => {
  it('logs one seats change per show in ticket order, settles each order and audits once', async () => {
    const a = sale(fx.showIds[0] ?? '', [seat(3, 0), seat(3, 1)]);
    const b = sale(fx.showIds[1] ?? '', [seat(3, 0)]);
    await sell(a);
    await sell(b);
    const ticketIds = [a.lines[0]?.ticketId ?? '', b.lines[0]?.ticketId ?? ''];
    const before =
      (
        await db.$client.query<{ seq: string }>(
          'SELECT coalesce(max(seq), 0) AS seq FROM change_log',
        )
      ).rows[0]?.seq ?? '0';
    await withTx(db.$client, (tx) =>
      voidTickets(tx, { ticketIds, reason: 'wrong film', refund: false }, station),
    );

    // Nothing else writes here meanwhile: the rows after `before` are the void's, all of one transaction.
    const voidLog = await db.$client.query<LogRow & { tx_id: string }>(
      'SELECT seq, tx_id::text, entity, entity_id, show_id, data FROM change_log WHERE seq > $1 ORDER BY seq',
      [before],
    );
    expect(new Set(voidLog.rows.map((c) => c.tx_id)).size).toBe(1);
    const byTicket = [...ticketIds]
      .sort()
      .map((t) => (t === ticketIds[0] ? fx.showIds[0] : fx.showIds[1]));
    // The seats first, then one revocation per ticket for the cinema's doors.
    const sorted = [...ticketIds].sort();
    expect(voidLog.rows.map((c) => [c.entity, c.entity_id])).toEqual([
      ...byTicket.map((showId) => ['show_seats', showId]),
      ...sorted.map((t) => ['ticket_revocation', t]),
    ]);
    expect(voidLog.rows.slice(2).map((c) => [c.show_id, c.data.status])).toEqual(
      byTicket.map((showId) => [showId, 'void']),
    );
    for (const c of voidLog.rows.slice(0, 2)) {
      expect(c.data).toEqual({
        showId: c.entity_id,
        seats: [{ seatId: seat(3, 0), state: 'available', stationId: null, version: 2 }],
      });
    }
    const orders = await db.$client.query<{ id: string; status: string }>(
      'SELECT id, status FROM orders WHERE id = ANY($1::uuid[])',
      [[a.orderId, b.orderId]],
    );
    expect(Object.fromEntries(orders.rows.map((o) => [o.id, o.status]))).toEqual({
      [a.orderId]: 'partially_refunded',
      [b.orderId]: 'void',
    });
    const seatsBack = await db.$client.query(
      'SELECT state, ticket_id FROM show_seats WHERE seat_id = $1 AND show_id = ANY($2::uuid[])',
      [seat(3, 0), fx.showIds],
    );
    expect(seatsBack.rows).toEqual([
      { state: 'available', ticket_id: null },
      { state: 'available', ticket_id: null },
    ]);
    expect(await auditOf(ticketIds.join(','))).toEqual([
      {
        actor_kind: 'station',
        actor_id: fx.station.id,
        channel: 'station',
        action: 'void',
        entity: 'tickets',
        details: {
          reason: 'wrong film',
          seats: [...ticketIds].sort().map((t) => ({
            showId: t === ticketIds[0] ? fx.showIds[0] : fx.showIds[1],
            seatId: seat(3, 0),
          })),
          staffId: null,
          approvedBy: null,
        },
      },
    ]);

    // Refunding the order's last valid ticket settles it as refunded.
    const last = a.lines[1]?.ticketId ?? '';
    await withTx(db.$client, (tx) =>
      voidTickets(tx, { ticketIds: [last], reason: 'changed mind', refund: true }, station),
    );
    expect(
      (await db.$client.query('SELECT status FROM orders WHERE id = $1', [a.orderId])).rows,
    ).toEqual([{ status: 'refunded' }]);
    expect(
      (
        await db.$client.query(
          'SELECT status FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY status',
          [[...ticketIds, last]],
        )
      ).rows.map((t: { status: string }) => t.status),
    ).toEqual(['refunded', 'void', 'void']);
    expect(await auditOf(last)).toMatchObject([
      {
        action: 'refund',
        details: { reason: 'changed mind', seats: [{ showId: fx.showIds[0], seatId: seat(3, 1) }] },
      },
    ]);
  });

  it('changes nothing when a ticket is not this station’s', async () => {
    const a = sale(fx.showId, [seat(4, 0)]);
    await sell(a);
    const other: Actor = {
      kind: 'station',
      id: fx.otherStation.id,
      channel: 'station',
      stationId: fx.otherStation.id,
    };
    const ticketId = a.lines[0]?.ticketId ?? '';
    await expect(
      withTx(db.$client, (tx) =>
        voidTickets(tx, { ticketIds: [ticketId], reason: 'x', refund: false }, other),
      ),
    ).rejects.toMatchObject({ code: 'BO_FORBIDDEN' });
    expect(
      (await db.$client.query('SELECT status FROM tickets WHERE id = $1', [ticketId])).rows,
    ).toEqual([{ status: 'valid' }]);
    expect(await auditOf(ticketId)).toEqual([]);
  });
});
