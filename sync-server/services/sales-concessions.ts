// Concessions of a sale on the server: which items the show's cinema sells, and their order_items rows.
import { randomUUID } from 'node:crypto';
import type { ConcessionLine } from '../../common/concession-lines.js';
import { BoError } from '../../common/errors.js';
import type { PricedOrder } from '../../common/pricing.js';
import type { ShowMeta } from './shows.js';

/** A concession line ready for the pricing function (ref = item id). */
export type ConcessionPricingLine = {
  ref: string;
  unitPriceMinor: number;
  quantity: number;
  currency: string;
};

/** An order_items row as written, and as the change log carries it to stations. */
export type OrderItemRow = {
  orderItemId: string;
  itemId: string;
  quantity: number;
  unitPriceMinor: number;
  taxMinor: number;
  totalMinor: number;
};

/** A concession item as the sale's pricing statement reads it (sale-pricing.ts). */
export type ConcessionItemRow = {
  id: string;
  cinemaId: string;
  name: string;
  priceMinor: number;
  currency: string;
  active: boolean;
};

/**
 * Matches the items of `lines` (read with the sale's prices) to the show's cinema, in the order given.
 * An unknown item, another cinema's, or one no longer sold is BO_CONCESSION_UNAVAILABLE. An offline
 * sale may keep an item deactivated since: the station sold it from its copy of the menu and the
 * customer has it already.
 */
export function concessionPricingLines(
  items: readonly ConcessionItemRow[],
  show: ShowMeta,
  lines: readonly ConcessionLine[],
  opts: { offline: boolean },
): ConcessionPricingLine[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return lines.map((l) => {
    const item = byId.get(l.itemId);
    if (!item || item.cinemaId !== show.cinemaId)
      throw new BoError(
        'BO_CONCESSION_UNAVAILABLE',
        `Item ${l.itemId} is not sold at this show's cinema.`,
        { itemId: l.itemId },
      );
    if (!item.active && !opts.offline)
      throw new BoError(
        'BO_CONCESSION_UNAVAILABLE',
        `${item.name} is no longer on sale at this cinema.`,
        { itemId: l.itemId },
      );
    return {
      ref: item.id,
      unitPriceMinor: item.priceMinor,
      quantity: l.quantity,
      currency: item.currency,
    };
  });
}

/** Checks the items are priced in the order's currency (a menu in another currency is a data error, not a sale). */
export function assertConcessionCurrency(
  lines: readonly ConcessionPricingLine[],
  currency: string,
): void {
  const other = lines.find((l) => l.currency !== currency);
  if (other)
    throw new BoError(
      'BO_CONCESSION_UNAVAILABLE',
      `Item ${other.ref} is priced in ${other.currency}, this sale is in ${currency}.`,
      { itemId: other.ref },
    );
}

/** The order's concession lines from the priced order, as the sale writes them (sales.ts). */
export function orderItemRows(
  lines: readonly ConcessionLine[],
  priced: PricedOrder,
): OrderItemRow[] {
  return lines.map((l, i): OrderItemRow => {
    const line = priced.concessions[i];
    return {
      orderItemId: randomUUID(),
      itemId: l.itemId,
      quantity: l.quantity,
      unitPriceMinor: line?.unitPriceMinor ?? 0,
      taxMinor: line?.taxMinor ?? 0,
      totalMinor: line?.totalMinor ?? 0,
    };
  });
}
