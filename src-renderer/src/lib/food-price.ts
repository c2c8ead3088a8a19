// The price of one food or drink item as the basket will charge it: shelf price plus any tax added
// on top, priced by the one pricing function so a tile and its basket line never disagree.
import type { ConcessionItemView, StationSeatMap } from '../../../common/contract/station.js';
import { priceOrder } from '../../../common/pricing.js';

/** What `quantity` of `item` costs with the food taxes of the show's cinema (before any promo code). */
export function foodPrice(
  item: Pick<ConcessionItemView, 'priceMinor' | 'currency'>,
  taxes: StationSeatMap['taxes'] | undefined,
  quantity = 1,
): number {
  const r = priceOrder(
    {
      currency: item.currency,
      concessions: [{ unitPriceMinor: item.priceMinor, quantity }],
      taxes: (taxes ?? []).filter((t) => t.itemClass === 'concession'),
    },
    new Date(),
  );
  return r.ok ? r.value.totalMinor : item.priceMinor * quantity;
}
