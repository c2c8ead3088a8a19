// Food and drink in the basket: the cinema's menu, and how many of each item the customer takes.
// Every change re-prices the whole basket, so a promo code and taxes apply to tickets and food alike.
import type { ConcessionItemView } from '../../../common/contract/station.js';
import {
  MAX_CONCESSION_ITEMS,
  MAX_CONCESSION_QUANTITY,
  type ConcessionLine,
} from '../../../common/concession-lines.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

export type ConcessionsSlice = {
  /** The cinema's menu; empty when it sells no food (the basket then shows none). */
  concessionItems: ConcessionItemView[];
  /** Items in the basket, in the order they were added. */
  concessionLines: ConcessionLine[];
  /** Fetches the menu (kept from the last fetch meanwhile). */
  loadConcessions: () => Promise<void>;
  /** Changes an item's quantity by `delta` (adding it at 1, dropping it at 0). */
  changeConcession: (itemId: string, delta: number) => void;
  removeConcession: (itemId: string) => void;
};

/** The concessions slice. */
export function createConcessionsSlice(d: SliceDeps): ConcessionsSlice {
  const { set, get } = d;
  const changed = (concessionLines: ConcessionLine[]) => {
    set({ concessionLines });
    void get().requote();
  };
  return {
    concessionItems: [],
    concessionLines: [],
    async loadConcessions() {
      // Quiet: a station without a menu yet still sells tickets.
      const r = await ask(d, 'catalog:concessions', {}, { quiet: true });
      if (!r.ok) return;
      const known = new Set(r.value.map((i) => i.id));
      set({ concessionItems: r.value });
      // An item taken off the menu meanwhile leaves the basket rather than failing the quote.
      const lines = get().concessionLines;
      if (lines.some((l) => !known.has(l.itemId)))
        changed(lines.filter((l) => known.has(l.itemId)));
    },
    changeConcession(itemId, delta) {
      const s = get();
      const item = s.concessionItems.find((i) => i.id === itemId);
      const line = s.concessionLines.find((l) => l.itemId === itemId);
      if (!item) return;
      const quantity = (line?.quantity ?? 0) + delta;
      if (quantity > MAX_CONCESSION_QUANTITY) {
        s.notify(
          'error',
          `At most ${String(MAX_CONCESSION_QUANTITY)} of ${item.name} in one sale. Complete this one, then start another.`,
        );
        return;
      }
      if (!line && s.concessionLines.length >= MAX_CONCESSION_ITEMS) {
        s.notify('error', `A sale takes at most ${String(MAX_CONCESSION_ITEMS)} different items.`);
        return;
      }
      if (quantity <= 0) {
        changed(s.concessionLines.filter((l) => l.itemId !== itemId));
        return;
      }
      changed(
        line
          ? s.concessionLines.map((l) => (l.itemId === itemId ? { ...l, quantity } : l))
          : [...s.concessionLines, { itemId, quantity }],
      );
    },
    removeConcession(itemId) {
      changed(get().concessionLines.filter((l) => l.itemId !== itemId));
    },
  };
}
