// Pricing a booking's basket from a hold the caller owns (DESIGN §6, §12): the seats must be the
// hold's own, every held seat gets a ticket type, and the one pricing function in common/ prices
// it, so the web, the counter and the receipt agree.
import type { Basket } from '../../common/api/bookings.js';
import { BoError } from '../../common/errors.js';
import type { PricedOrder } from '../../common/pricing.js';
import type { BookingLines } from '../../db/pg/schema-bookings.js';
import { claimValues, ownedBySql, type HoldClaim } from '../services/hold-owner.js';
import { loadSalePricing, priceSale, quoteSale } from '../services/sale-pricing.js';
import { concessionPricingLines, orderItemRows } from '../services/sales-concessions.js';
import { assertOnSale, showMeta, type ShowMeta } from '../services/shows.js';
import type { Queryable, Tx } from '../services/tx.js';
import { randomUUID } from 'node:crypto';

/** A web hold as a booking reads it. */
export type OwnedHold = { id: string; showId: string; expiresAt: Date; extended: boolean };

/**
 * Reads a live web hold the claim owns (locked with `lock`); BO_HOLD_NOT_FOUND for anyone else's
 * or an unknown one, BO_HOLD_EXPIRED when it has lapsed or ended.
 */
export async function ownedHold(
  db: Queryable,
  holdId: string,
  claim: HoldClaim,
  now: Date,
  lock: boolean,
): Promise<OwnedHold> {
  const r = await db.query<{
    id: string;
    show_id: string;
    status: string;
    expires_at: Date;
    extended: boolean;
  }>({
    name: lock ? 'booking_hold_lock' : 'booking_hold_read',
    text: `SELECT h.id, h.show_id, h.status, h.expires_at, h.extended FROM holds h
           WHERE h.id = $1 AND h.channel = 'web' AND ${ownedBySql('h', 2)}${lock ? ' FOR UPDATE' : ''}`,
    values: [holdId, ...claimValues(claim)],
  });
  const h = r.rows[0];
  if (!h)
    throw new BoError('BO_HOLD_NOT_FOUND', 'No such hold. It may have been released already.');
  if (h.status !== 'active' || h.expires_at <= now)
    throw new BoError(
      'BO_HOLD_EXPIRED',
      'The hold on these seats has expired and the seats may be gone. Choose seats again.',
    );
  return { id: h.id, showId: h.show_id, expiresAt: h.expires_at, extended: h.extended };
}

/** Names of what a basket prices: seat labels, ticket type and item names. */
export type BasketNames = {
  seats: Map<string, string>;
  ticketTypes: Map<string, string>;
  items: Map<string, string>;
};

/** A priced basket: the order's totals and the lines confirming it will write. */
export type PricedBasket = {
  show: ShowMeta;
  priced: PricedOrder;
  lines: BookingLines;
  names: BasketNames;
};

/** Reads the names a booking shows for its seats, ticket types and items. */
export async function basketNames(
  db: Queryable,
  seatIds: readonly string[],
  typeIds: readonly string[],
  itemIds: readonly string[],
): Promise<BasketNames> {
  const r = await db.query<{ kind: 's' | 't' | 'i'; id: string; name: string }>({
    name: 'booking_names',
    text: `SELECT 's' AS kind, id::text, label AS name FROM seats WHERE id = ANY($1::uuid[])
           UNION ALL SELECT 't', id::text, name FROM ticket_types WHERE id = ANY($2::uuid[])
           UNION ALL SELECT 'i', id::text, name FROM concession_items WHERE id = ANY($3::uuid[])`,
    values: [seatIds, typeIds, itemIds],
  });
  const names: BasketNames = { seats: new Map(), ticketTypes: new Map(), items: new Map() };
  for (const row of r.rows)
    (row.kind === 's' ? names.seats : row.kind === 't' ? names.ticketTypes : names.items).set(
      row.id,
      row.name,
    );
  return names;
}

/**
 * Prices `basket` for `hold` at `now`. With `countUse` (the booking's transaction) a promo code's
 * use is counted, as a sale counts it; without, nothing is written (a quote).
 */
export async function priceBasket(
  db: Queryable,
  basket: Basket,
  hold: OwnedHold,
  now: Date,
  countUse: Tx | null,
): Promise<PricedBasket> {
  const show = await showMeta(db, hold.showId);
  assertOnSale(show, now);
  const held = await db.query<{ seat_id: string }>({
    name: 'booking_held_seats',
    text: 'SELECT seat_id FROM show_seats WHERE show_id = $1 AND hold_id = $2',
    values: [hold.showId, hold.id],
  });
  const heldIds = new Set(held.rows.map((s) => s.seat_id));
  const tickets = basket.tickets.map((t) => ({ ...t, seatId: t.seatId.toLowerCase() }));
  const notHeld = tickets.filter((t) => !heldIds.has(t.seatId)).map((t) => t.seatId);
  if (notHeld.length > 0)
    throw new BoError('BO_SEAT_UNAVAILABLE', 'Some of these seats are not in your hold.', {
      seatIds: notHeld,
    });
  if (tickets.length !== heldIds.size)
    throw new BoError(
      'BO_VALIDATION',
      'Every seat of the hold needs a ticket type. To drop a seat, hold just the seats you want.',
    );
  const items = basket.concessions ?? [];
  const pricing = await loadSalePricing(
    db,
    show,
    tickets,
    basket.promoCode,
    items.map((i) => i.itemId),
  );
  const concessionLines = concessionPricingLines(pricing.concessionItems, show, items, {
    offline: false,
  });
  const priced =
    countUse === null
      ? quoteSale(pricing, tickets, basket.promoCode, now, concessionLines)
      : await priceSale(countUse, pricing, tickets, basket.promoCode, now, concessionLines);
  const names = await basketNames(
    db,
    tickets.map((t) => t.seatId),
    tickets.map((t) => t.ticketTypeId),
    items.map((i) => i.itemId),
  );
  const lines: BookingLines = {
    tickets: tickets.map((t, i) => ({
      ticketId: randomUUID(),
      seatId: t.seatId,
      ticketTypeId: t.ticketTypeId,
      priceMinor: priced.tickets[i]?.totalMinor ?? 0,
      taxMinor: priced.tickets[i]?.taxMinor ?? 0,
    })),
    concessions: orderItemRows(items, priced),
  };
  return { show, priced, lines, names };
}
