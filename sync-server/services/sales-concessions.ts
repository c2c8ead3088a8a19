// Concessions of a sale on the server: which items the show's cinema sells, and their order_items rows.
import { randomUUID } from 'node:crypto';
import type { ConcessionLine } from '../../common/concession-lines.js';
import { BoError } from '../../common/errors.js';
import type { PricedOrder } from '../../common/pricing.js';
import type { ShowMeta } from './shows.js';
import type { Tx } from './tx.js';

/** A concession line ready for the pricing function (ref = item id). */
export type ConcessionPricingLine = { ref: string; unitPriceMinor: number; quantity: number; currency: string };

/** An order_items row as written, and as the change log carries it to stations. */
export type OrderItemRow = { orderItemId: string; itemId: string; quantity: number; unitPriceMinor: number; taxMinor: number; totalMinor: number };

/**
 * Loads the items of `lines` at the show's cinema, in the order given. An unknown item, another
 * cinema's, or one no longer sold is BO_CONCESSION_UNAVAILABLE. An offline sale may keep an item
 * deactivated since: the station sold it from its copy of the menu and the customer has it already.
 */
export async function concessionPricingLines(tx: Tx, show: ShowMeta, lines: readonly ConcessionLine[], opts: { offline: boolean }): Promise<ConcessionPricingLine[]> {
  if (lines.length === 0) return [];
  const r = await tx.query<{ id: string; cinema_id: string; name: string; price_minor: number; currency: string; active: boolean }>({
    name: 'sale_concession_items',
    text: 'SELECT id, cinema_id, name, price_minor, currency, active FROM concession_items WHERE id = ANY($1::uuid[])',
    values: [lines.map((l) => l.itemId)],
  });
  const byId = new Map(r.rows.map((i) => [i.id, i]));
  return lines.map((l) => {
    const item = byId.get(l.itemId);
    if (!item || item.cinema_id !== show.cinemaId) throw new BoError('BO_CONCESSION_UNAVAILABLE', `Item ${l.itemId} is not sold at this show's cinema.`, { itemId: l.itemId });
    if (!item.active && !opts.offline) throw new BoError('BO_CONCESSION_UNAVAILABLE', `${item.name} is no longer on sale at this cinema.`, { itemId: l.itemId });
    return { ref: item.id, unitPriceMinor: item.price_minor, quantity: l.quantity, currency: item.currency };
  });
}

/** Checks the items are priced in the order's currency (a menu in another currency is a data error, not a sale). */
export function assertConcessionCurrency(lines: readonly ConcessionPricingLine[], currency: string): void {
  const other = lines.find((l) => l.currency !== currency);
  if (other) throw new BoError('BO_CONCESSION_UNAVAILABLE', `Item ${other.ref} is priced in ${other.currency}, this sale is in ${currency}.`, { itemId: other.ref });
}

/** Writes the order's concession lines from the priced order, in the caller's transaction; returns the rows. */
export async function insertOrderItems(tx: Tx, orderId: string, lines: readonly ConcessionLine[], priced: PricedOrder): Promise<OrderItemRow[]> {
  const rows = lines.map((l, i): OrderItemRow => {
    const line = priced.concessions[i];
    return { orderItemId: randomUUID(), itemId: l.itemId, quantity: l.quantity, unitPriceMinor: line?.unitPriceMinor ?? 0, taxMinor: line?.taxMinor ?? 0, totalMinor: line?.totalMinor ?? 0 };
  });
  if (rows.length === 0) return rows;
  await tx.query({
    name: 'order_items_insert',
    text: `INSERT INTO order_items (id, order_id, concession_item_id, quantity, unit_price_minor, tax_minor, total_minor)
           SELECT i.id, $1, i.item_id, i.quantity, i.unit, i.tax, i.total
           FROM unnest($2::uuid[], $3::uuid[], $4::smallint[], $5::int[], $6::int[], $7::int[]) AS i(id, item_id, quantity, unit, tax, total)`,
    values: [orderId, rows.map((r) => r.orderItemId), rows.map((r) => r.itemId), rows.map((r) => r.quantity), rows.map((r) => r.unitPriceMinor), rows.map((r) => r.taxMinor), rows.map((r) => r.totalMinor)],
  });
  return rows;
}
