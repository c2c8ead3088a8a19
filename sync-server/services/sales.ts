// Sales and voids (DESIGN §3): seats locked in order, tickets under the unique valid-ticket index.
// Seat locks are held from lockSeats to COMMIT, so the work in between is kept to few round trips:
// pricing is read before the locks, the rows of a sale (or void) are written in one statement and
// its change-log rows and audit row in another.
import type { ConcessionLine } from '../../common/concession-lines.js';
import type { PricedOrder } from '../../common/pricing.js';
import type { SeatState } from '../../common/seat-map.js';
import { BoError } from '../../common/errors.js';
import type { CounterTender } from '../../common/tenders.js';
import type { SeatChange } from '../../common/sync-protocol.js';
import type { Actor } from './audit.js';
import { appendChangesWithAudit, seatsChange } from './change-log.js';
import { loadSalePricing, priceSale } from './sale-pricing.js';
import { concessionPricingLines, orderItemRows, type OrderItemRow } from './sales-concessions.js';
import { assertAllFree, lockSeats, setSeats } from './seat-locks.js';
import { assertOnSale, showMeta } from './shows.js';
import { isUniqueViolation, type Tx } from './tx.js';

export type SellInput = {
  orderId: string;
  showId: string;
  holdId?: string | undefined;
  lines: { seatId: string; ticketTypeId: string; ticketId: string }[];
  discountCode?: string | undefined;
  /** Food and drink sold with the seats (each item once, with its quantity). */
  concessions?: ConcessionLine[] | undefined;
  /** The total the selling station charged; a difference is recorded in the audit log, never refused (see sellSeats). */
  expectedTotalMinor?: number | undefined;
  staffId?: string | undefined;
  saleNumber?: number | undefined;
  training?: boolean | undefined;
  offline?: boolean | undefined;
  /**
   * When an offline counter sale was made, by the station's clock (its cinema day in the reports);
   * kept within the last 7 days and never later than the server's now. Now when absent.
   */
  soldAt?: Date | undefined;
  tenders: {
    tender: CounterTender | 'online';
    amountMinor: number;
    reference?: string | undefined;
  }[];
  /** pending for web orders awaiting payment; paid for counter sales. */
  status?: 'paid' | 'pending';
};

export type SaleResult = {
  orderId: string;
  showId: string;
  status: string;
  tickets: {
    ticketId: string;
    seatId: string;
    ticketTypeId: string;
    priceMinor: number;
    taxMinor: number;
  }[];
  concessions: OrderItemRow[];
  priced: PricedOrder;
};

async function checkHold(
  tx: Tx,
  holdId: string,
  showId: string,
  seatIds: string[],
  actor: Actor,
): Promise<string[]> {
  const r = await tx.query<{
    show_id: string;
    status: string;
    expires_at: Date;
    station_id: string | null;
    channel: string;
  }>({
    name: 'sell_hold_lock',
    text: 'SELECT show_id, status, expires_at, station_id, channel FROM holds WHERE id = $1 FOR UPDATE',
    values: [holdId],
  });
  const hold = r.rows[0];
  if (!hold || hold.show_id !== showId)
    throw new BoError('BO_HOLD_NOT_FOUND', 'No such hold for this show.');
  if (actor.channel === 'station' && hold.station_id !== actor.stationId)
    throw new BoError('BO_FORBIDDEN', 'This hold belongs to another station.');
  if (hold.status !== 'active' || hold.expires_at <= new Date()) {
    throw new BoError(
      'BO_HOLD_EXPIRED',
      'The hold on these seats has expired and the seats may be gone. Choose seats again.',
    );
  }
  const held = await tx.query<{ seat_id: string }>({
    name: 'sell_hold_seats',
    text: 'SELECT seat_id FROM show_seats WHERE show_id = $1 AND hold_id = $2',
    values: [showId, holdId],
  });
  const heldIds = new Set(held.rows.map((s) => s.seat_id));
  const notHeld = seatIds.filter((id) => !heldIds.has(id));
  if (notHeld.length > 0)
    throw new BoError('BO_SEAT_UNAVAILABLE', 'Some seats of this sale are not in its hold.', {
      seatIds: notHeld,
    });
  return [...heldIds].filter((id) => !seatIds.includes(id));
}

/** A ticket as writeSale stores it; `code` is its signed ticket code when the server issues it. */
export type SaleTicket = SaleResult['tickets'][number] & { code?: string | null };
/** An order as writeSale stores it. */
export type SaleOrder = Pick<
  SellInput,
  'orderId' | 'showId' | 'staffId' | 'saleNumber' | 'training' | 'offline' | 'soldAt'
> & {
  cinemaId: string;
  status: string;
  channel: string;
  stationId: string | null;
  /** An online booking's reference. */
  reference?: string | null;
  tenders: {
    tender: CounterTender | 'online';
    amountMinor: number;
    reference?: string | undefined;
    provider?: string | null;
  }[];
};
/** A seat row as sale and void statements return it. */
export type SeatRow = {
  show_id: string;
  seat_id: string;
  state: SeatState;
  station_id: string | null;
  version: number;
};
// Never the hold id: changes reach public live sockets, and a hold id is a capability to release it.
export const seatChangeOf = (s: SeatRow): SeatChange => ({
  seatId: s.seat_id,
  state: s.state,
  stationId: s.station_id,
  version: s.version,
});

/**
 * Writes a sale's order, tickets, concession lines and payments and marks its seats sold, in one
 * statement; returns the seats' new states. The seats must be locked and checked.
 */
export async function writeSale(
  tx: Tx,
  o: SaleOrder,
  priced: Pick<
    PricedOrder,
    'currency' | 'subtotalMinor' | 'discountMinor' | 'taxMinor' | 'totalMinor'
  > & { discount: { code: string } | null },
  tickets: SaleTicket[],
  items: OrderItemRow[],
): Promise<SeatChange[]> {
  try {
    // The CTEs' rows are checked against their foreign keys at the end of the statement, when the order exists.
    const r = await tx.query<SeatRow>({
      name: 'sale_write',
      text: `WITH new_order AS (
               INSERT INTO orders (id, cinema_id, show_id, channel, station_id, staff_id, sale_number, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, discount_code, training, offline, reference, created_at)
               VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9::text, $10, $11, $12, $13, $14, $15, $16, $32, LEAST(GREATEST(COALESCE($34::timestamptz, now()), now() - interval '7 days'), now()))
             ), new_tickets AS (
               INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status, code)
               SELECT t.id, $1::uuid, $3::uuid, t.seat_id, t.type_id, t.price, t.tax, 'valid', t.code
               FROM unnest($17::uuid[], $18::uuid[], $19::uuid[], $20::int[], $21::int[], $33::text[]) AS t(id, seat_id, type_id, price, tax, code)
             ), new_items AS (
               INSERT INTO order_items (id, order_id, concession_item_id, quantity, unit_price_minor, tax_minor, total_minor)
               SELECT i.id, $1::uuid, i.item_id, i.quantity, i.unit, i.tax, i.total
               FROM unnest($22::uuid[], $23::uuid[], $24::smallint[], $25::int[], $26::int[], $27::int[]) AS i(id, item_id, quantity, unit, tax, total)
             ), new_payments AS (
               INSERT INTO payments (id, order_id, tender, amount_minor, currency, reference, provider, status)
               SELECT gen_random_uuid(), $1::uuid, p.tender, p.amount, $9::text, p.reference, p.provider, 'succeeded'
               FROM unnest($28::text[], $29::int[], $30::text[], $31::text[]) AS p(tender, amount, reference, provider)
             )
             UPDATE show_seats ss SET state = 'sold', hold_id = NULL, station_id = NULL, ticket_id = v.ticket_id, block_reason = NULL, version = ss.version + 1
             FROM unnest($18::uuid[], $17::uuid[]) AS v(seat_id, ticket_id)
             WHERE ss.show_id = $3::uuid AND ss.seat_id = v.seat_id
             RETURNING ss.show_id, ss.seat_id, ss.state, ss.station_id, ss.version`,
      values: [
        o.orderId,
        o.cinemaId,
        o.showId,
        o.channel,
        o.stationId,
        o.staffId ?? null,
        o.saleNumber ?? null,
        o.status,
        priced.currency,
        priced.subtotalMinor,
        priced.discountMinor,
        priced.taxMinor,
        priced.totalMinor,
        priced.discount?.code ?? null,
        o.training === true,
        o.offline === true,
        tickets.map((t) => t.ticketId),
        tickets.map((t) => t.seatId),
        tickets.map((t) => t.ticketTypeId),
        tickets.map((t) => t.priceMinor),
        tickets.map((t) => t.taxMinor),
        items.map((i) => i.orderItemId),
        items.map((i) => i.itemId),
        items.map((i) => i.quantity),
        items.map((i) => i.unitPriceMinor),
        items.map((i) => i.taxMinor),
        items.map((i) => i.totalMinor),
        o.tenders.map((t) => t.tender),
        o.tenders.map((t) => t.amountMinor),
        o.tenders.map((t) => t.reference ?? null),
        o.tenders.map((t) => t.provider ?? null),
        o.reference ?? null,
        tickets.map((t) => t.code ?? null),
        o.soldAt ?? null,
      ],
    });
    return r.rows.map(seatChangeOf);
  } catch (e) {
    // The last line of defence: the unique index on valid tickets.
    if (isUniqueViolation(e, 'tickets_valid_seat_uq'))
      throw new BoError('BO_SEAT_UNAVAILABLE', 'A seat of this sale is already sold.');
    // A ticket id used twice, as when tickets had their own INSERT; an order id used twice stays unmapped, as ever.
    if (isUniqueViolation(e, 'tickets_pkey'))
      throw new BoError('BO_CONFLICT', 'This sale or one of its tickets exists already.');
    throw e;
  }
}

/** Refuses a kiosk sale paid with anything but card: a kiosk has no drawer, no vouchers, no UPI. */
function assertKioskTenders(tenders: readonly { tender: string }[]): void {
  const other = tenders.find((t) => t.tender !== 'card');
  if (other !== undefined)
    throw new BoError(
      'BO_KIOSK_CARD_ONLY',
      `A kiosk sells for card only, and this sale was paid with ${other.tender}. Nothing was sold.`,
    );
}

/**
 * Sells seats from a hold or directly, creating the order, its tickets, concession lines and payments,
 * all or nothing. The price is the server's; when the station charged something else (its copy of the
 * catalogue was behind) the sale still stands, since the money is taken, and the audit log says so.
 */
export async function sellSeats(tx: Tx, input: SellInput, actor: Actor): Promise<SaleResult> {
  const show = await showMeta(tx, input.showId);
  if (input.offline !== true) assertOnSale(show);
  const seatIds = input.lines.map((l) => l.seatId);
  if (new Set(seatIds).size !== seatIds.length)
    throw new BoError('BO_VALIDATION', 'A seat appears twice in this sale.');
  const items = input.concessions ?? [];
  if (new Set(items.map((i) => i.itemId)).size !== items.length)
    throw new BoError('BO_VALIDATION', 'An item appears twice in this sale.');
  const pricing = await loadSalePricing(
    tx,
    show,
    input.lines,
    input.discountCode,
    items.map((i) => i.itemId),
    actor.stationId ?? null,
  );
  // A kiosk takes cards only (its station's kind, not what it says of itself): refused before any seat lock.
  if (actor.channel === 'station' && pricing.channel === 'kiosk') assertKioskTenders(input.tenders);
  // Before any seat lock: a basket with an item this cinema does not sell is refused without waiting on seats.
  const concessionLines = concessionPricingLines(pricing.concessionItems, show, items, {
    offline: input.offline === true,
  });
  const locked = await lockSeats(tx, input.showId, seatIds);
  let leftover: string[] = [];
  if (input.holdId !== undefined) {
    leftover = await checkHold(tx, input.holdId, input.showId, seatIds, actor);
  } else {
    assertAllFree(locked, actor, new Date());
  }
  // Pricing errors come after the seat checks, as when the prices were read under the locks.
  const priced = await priceSale(
    tx,
    pricing,
    input.lines,
    input.discountCode,
    new Date(),
    concessionLines,
  );
  const status = input.status ?? 'paid';
  const paidTotal = input.tenders.reduce((a, t) => a + t.amountMinor, 0);
  if (status === 'paid' && input.tenders.length > 0 && paidTotal < priced.totalMinor) {
    throw new BoError(
      'BO_VALIDATION',
      `The tenders cover ${String(paidTotal)} of ${String(priced.totalMinor)}; take the rest before selling.`,
    );
  }
  const tickets = input.lines.map((l, i) => {
    const line = priced.tickets[i];
    return {
      ticketId: l.ticketId,
      seatId: l.seatId,
      ticketTypeId: l.ticketTypeId,
      priceMinor: line?.totalMinor ?? 0,
      taxMinor: line?.taxMinor ?? 0,
    };
  });
  const concessions = orderItemRows(items, priced);
  const changes = await writeSale(
    tx,
    {
      ...input,
      cinemaId: show.cinemaId,
      status,
      // A station's sale is the kiosk's or the counter's by the station's kind (issue 18).
      channel: actor.channel === 'station' ? pricing.channel : actor.channel,
      stationId: actor.stationId ?? null,
    },
    priced,
    tickets,
    concessions,
  );
  if (input.holdId !== undefined) {
    await tx.query({
      name: 'hold_sold',
      text: "UPDATE holds SET status = 'sold' WHERE id = $1",
      values: [input.holdId],
    });
    if (leftover.length > 0)
      changes.push(
        ...(await setSeats(tx, input.showId, leftover, {
          state: 'available',
          holdId: null,
          stationId: 'keep',
        })),
      );
  }
  const order = {
    orderId: input.orderId,
    showId: input.showId,
    status,
    channel: actor.channel,
    subtotalMinor: priced.subtotalMinor,
    discountMinor: priced.discountMinor,
    taxMinor: priced.taxMinor,
    createdAt: new Date().toISOString(),
    stationId: actor.stationId ?? null,
    totalMinor: priced.totalMinor,
    currency: priced.currency,
    tickets,
    concessions,
  };
  const expected = input.expectedTotalMinor;
  // Seats first, then the order: stations store a sale's tickets against seats they saw sold.
  await appendChangesWithAudit(
    tx,
    [
      ...(changes.length === 0 ? [] : [seatsChange(show.cinemaId, input.showId, changes)]),
      {
        cinemaId: show.cinemaId,
        showId: input.showId,
        entity: 'order',
        entityId: input.orderId,
        op: 'upsert',
        data: order,
      },
    ],
    {
      actor,
      action: 'sell',
      entity: 'order',
      entityId: input.orderId,
      details: {
        showId: input.showId,
        seatIds,
        holdId: input.holdId ?? null,
        ...(items.length === 0 ? {} : { concessions: items }),
        totalMinor: priced.totalMinor,
        ...(expected === undefined
          ? {}
          : { expectedTotalMinor: expected, priceMismatch: expected !== priced.totalMinor }),
        offline: input.offline === true,
        training: input.training === true,
      },
    },
  );
  return { orderId: input.orderId, showId: input.showId, status, tickets, concessions, priced };
}
