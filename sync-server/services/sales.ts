// Sales and voids (DESIGN §3): seats locked in order, tickets under the unique valid-ticket index.
import type { ConcessionLine } from '../../common/concession-lines.js';
import type { PricedOrder } from '../../common/pricing.js';
import { BoError } from '../../common/errors.js';
import type { SeatChange } from '../../common/sync-protocol.js';
import { audit, type Actor } from './audit.js';
import { appendChange, appendSeatChanges } from './change-log.js';
import { priceSale } from './sale-pricing.js';
import { concessionPricingLines, insertOrderItems, type OrderItemRow } from './sales-concessions.js';
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
  tenders: { tender: 'cash' | 'card' | 'voucher' | 'online'; amountMinor: number; reference?: string | undefined }[];
  /** pending for web orders awaiting payment; paid for counter sales. */
  status?: 'paid' | 'pending';
};

export type SaleResult = { orderId: string; showId: string; status: string; tickets: { ticketId: string; seatId: string; ticketTypeId: string; priceMinor: number; taxMinor: number }[]; concessions: OrderItemRow[]; priced: PricedOrder };

async function checkHold(tx: Tx, holdId: string, showId: string, seatIds: string[], actor: Actor): Promise<string[]> {
  const r = await tx.query<{ show_id: string; status: string; expires_at: Date; station_id: string | null; channel: string }>({
    name: 'sell_hold_lock',
    text: 'SELECT show_id, status, expires_at, station_id, channel FROM holds WHERE id = $1 FOR UPDATE',
    values: [holdId],
  });
  const hold = r.rows[0];
  if (!hold || hold.show_id !== showId) throw new BoError('BO_HOLD_NOT_FOUND', 'No such hold for this show.');
  if (actor.channel === 'station' && hold.station_id !== actor.stationId) throw new BoError('BO_FORBIDDEN', 'This hold belongs to another station.');
  if (hold.status !== 'active' || hold.expires_at <= new Date()) {
    throw new BoError('BO_HOLD_EXPIRED', 'The hold on these seats has expired and the seats may be gone. Choose seats again.');
  }
  const held = await tx.query<{ seat_id: string }>({ name: 'sell_hold_seats', text: 'SELECT seat_id FROM show_seats WHERE show_id = $1 AND hold_id = $2', values: [showId, holdId] });
  const heldIds = new Set(held.rows.map((s) => s.seat_id));
  const notHeld = seatIds.filter((id) => !heldIds.has(id));
  if (notHeld.length > 0) throw new BoError('BO_SEAT_UNAVAILABLE', 'Some seats of this sale are not in its hold.', { seatIds: notHeld });
  return [...heldIds].filter((id) => !seatIds.includes(id));
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
  if (new Set(seatIds).size !== seatIds.length) throw new BoError('BO_VALIDATION', 'A seat appears twice in this sale.');
  const items = input.concessions ?? [];
  if (new Set(items.map((i) => i.itemId)).size !== items.length) throw new BoError('BO_VALIDATION', 'An item appears twice in this sale.');
  // Before any seat lock: a basket with an item this cinema does not sell is refused without waiting on seats.
  const concessionLines = await concessionPricingLines(tx, show, items, { offline: input.offline === true });
  const locked = await lockSeats(tx, input.showId, seatIds);
  let leftover: string[] = [];
  if (input.holdId !== undefined) {
    leftover = await checkHold(tx, input.holdId, input.showId, seatIds, actor);
  } else {
    assertAllFree(locked, actor, new Date());
  }
  const priced = await priceSale(tx, show, input.lines, input.discountCode, new Date(), concessionLines);
  const status = input.status ?? 'paid';
  const paidTotal = input.tenders.reduce((a, t) => a + t.amountMinor, 0);
  if (status === 'paid' && input.tenders.length > 0 && paidTotal < priced.totalMinor) {
    throw new BoError('BO_VALIDATION', `The tenders cover ${String(paidTotal)} of ${String(priced.totalMinor)}; take the rest before selling.`);
  }
  await tx.query({
    name: 'order_insert',
    text: `INSERT INTO orders (id, cinema_id, show_id, channel, station_id, staff_id, sale_number, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, discount_code, training, offline)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
    values: [input.orderId, show.cinemaId, input.showId, actor.channel === 'station' ? 'counter' : actor.channel, actor.stationId ?? null, input.staffId ?? null, input.saleNumber ?? null, status, priced.currency, priced.subtotalMinor, priced.discountMinor, priced.taxMinor, priced.totalMinor, priced.discount?.code ?? null, input.training === true, input.offline === true],
  });
  const tickets = input.lines.map((l, i) => {
    const line = priced.tickets[i];
    return { ticketId: l.ticketId, seatId: l.seatId, ticketTypeId: l.ticketTypeId, priceMinor: line?.totalMinor ?? 0, taxMinor: line?.taxMinor ?? 0 };
  });
  try {
    await tx.query({
      name: 'tickets_insert',
      text: `INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status)
             SELECT t.id, $1, $2, t.seat_id, t.type_id, t.price, t.tax, 'valid'
             FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::int[], $7::int[]) AS t(id, seat_id, type_id, price, tax)`,
      values: [input.orderId, input.showId, tickets.map((t) => t.ticketId), tickets.map((t) => t.seatId), tickets.map((t) => t.ticketTypeId), tickets.map((t) => t.priceMinor), tickets.map((t) => t.taxMinor)],
    });
  } catch (e) {
    // The last line of defence: the unique index on valid tickets.
    if (isUniqueViolation(e, 'tickets_valid_seat_uq')) throw new BoError('BO_SEAT_UNAVAILABLE', 'A seat of this sale is already sold.');
    if (isUniqueViolation(e)) throw new BoError('BO_CONFLICT', 'This sale or one of its tickets exists already.');
    throw e;
  }
  const concessions = await insertOrderItems(tx, input.orderId, items, priced);
  for (const t of input.tenders) {
    await tx.query({
      name: 'payment_insert',
      text: "INSERT INTO payments (id, order_id, tender, amount_minor, currency, reference, status) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'succeeded')",
      values: [input.orderId, t.tender, t.amountMinor, priced.currency, t.reference ?? null],
    });
  }
  const changes: SeatChange[] = await setSeats(tx, input.showId, seatIds, { state: 'sold', holdId: null, stationId: null, ticketIds: tickets.map((t) => t.ticketId) });
  if (input.holdId !== undefined) {
    await tx.query({ name: 'hold_sold', text: "UPDATE holds SET status = 'sold' WHERE id = $1", values: [input.holdId] });
    if (leftover.length > 0) changes.push(...(await setSeats(tx, input.showId, leftover, { state: 'available', holdId: null, stationId: 'keep' })));
  }
  await appendSeatChanges(tx, show.cinemaId, input.showId, changes);
  await appendChange(tx, { cinemaId: show.cinemaId, showId: input.showId, entity: 'order', entityId: input.orderId, op: 'upsert', data: { orderId: input.orderId, showId: input.showId, status, channel: actor.channel, subtotalMinor: priced.subtotalMinor, discountMinor: priced.discountMinor, taxMinor: priced.taxMinor, createdAt: new Date().toISOString(), stationId: actor.stationId ?? null, totalMinor: priced.totalMinor, currency: priced.currency, tickets, concessions } });
  const expected = input.expectedTotalMinor;
  await audit(tx, actor, 'sell', 'order', input.orderId, {
    showId: input.showId,
    seatIds,
    holdId: input.holdId ?? null,
    ...(items.length === 0 ? {} : { concessions: items }),
    totalMinor: priced.totalMinor,
    ...(expected === undefined ? {} : { expectedTotalMinor: expected, priceMismatch: expected !== priced.totalMinor }),
    offline: input.offline === true,
    training: input.training === true,
  });
  return { orderId: input.orderId, showId: input.showId, status, tickets, concessions, priced };
}

/** Voids or refunds valid tickets; their seats become available again. */
export async function voidTickets(tx: Tx, input: { ticketIds: string[]; reason: string; refund: boolean }, actor: Actor): Promise<{ ticketIds: string[]; status: string }> {
  const r = await tx.query<{ id: string; order_id: string; show_id: string; seat_id: string; status: string; station_id: string | null }>({
    name: 'void_lock_tickets',
    text: 'SELECT t.id, t.order_id, t.show_id, t.seat_id, t.status, o.station_id FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t',
    values: [input.ticketIds],
  });
  if (r.rows.length !== new Set(input.ticketIds).size) throw new BoError('BO_TICKET_NOT_FOUND', 'One or more tickets do not exist.');
  const notValid = r.rows.filter((t) => t.status !== 'valid').map((t) => t.id);
  if (notValid.length > 0) throw new BoError('BO_TICKET_NOT_VALID', 'Some tickets were voided or refunded already.', { ticketIds: notValid });
  if (actor.channel === 'station' && r.rows.some((t) => t.station_id !== actor.stationId)) {
    throw new BoError('BO_FORBIDDEN', 'Only tickets sold at this station can be voided here; refund others through a manager on the server.');
  }
  const status = input.refund ? 'refunded' : 'void';
  await tx.query({ name: 'void_tickets', text: 'UPDATE tickets SET status = $2 WHERE id = ANY($1::uuid[])', values: [input.ticketIds, status] });
  const byShow = new Map<string, string[]>();
  for (const t of r.rows) byShow.set(t.show_id, [...(byShow.get(t.show_id) ?? []), t.seat_id]);
  for (const [showId, seatIds] of byShow) {
    const show = await showMeta(tx, showId);
    await lockSeats(tx, showId, seatIds);
    const changes = await setSeats(tx, showId, seatIds, { state: 'available', holdId: null, stationId: null, ticketIds: seatIds.map(() => null) });
    await appendSeatChanges(tx, show.cinemaId, showId, changes);
  }
  for (const orderId of new Set(r.rows.map((t) => t.order_id))) {
    await tx.query({
      name: 'void_order_status',
      text: `UPDATE orders SET status = CASE WHEN EXISTS (SELECT 1 FROM tickets WHERE order_id = $1 AND status = 'valid') THEN 'partially_refunded' ELSE $2 END WHERE id = $1`,
      values: [orderId, status],
    });
  }
  await audit(tx, actor, input.refund ? 'refund' : 'void', 'tickets', input.ticketIds.join(','), { reason: input.reason, seats: r.rows.map((t) => ({ showId: t.show_id, seatId: t.seat_id })) });
  return { ticketIds: input.ticketIds, status };
}
