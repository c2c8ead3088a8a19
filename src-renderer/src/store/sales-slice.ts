// Sales of this counter: the list, voids and refunds, reprints.
import type { SaleView } from '../../../common/contract/station.js';
import { localeOf, money } from '../lib/format.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

/** What a void or refund needs (the station decides which it is by the till session). */
export type VoidRequest = {
  orderId: string;
  ticketIds?: string[];
  reason: string;
  refund: boolean;
  managerPin?: string;
};

export type SalesSlice = {
  sales: SaleView[];
  salesLoading: boolean;
  loadSales: () => Promise<void>;
  /** Voids or refunds; resolves with the error message on failure so a dialog can show it in place. */
  voidSale: (req: VoidRequest) => Promise<string | null>;
  reprintSale: (orderId: string) => Promise<void>;
};

/** The sales slice. */
export function createSalesSlice(d: SliceDeps): SalesSlice {
  const { set, get, client } = d;
  return {
    sales: [],
    salesLoading: false,
    async loadSales() {
      set({ salesLoading: true });
      const r = await ask(d, 'sales:list', { limit: 100 });
      set({ salesLoading: false });
      if (r.ok) set({ sales: r.value });
    },
    async voidSale(req) {
      const r = await client.invoke('sales:void', req);
      if (!r.ok) {
        if (r.error.code === 'BO_UNAUTHORIZED') get().fail(r.error);
        return r.error.message;
      }
      // The tickets this call took back: valid before, not any more.
      const before = get().sales.find((x) => x.orderId === req.orderId);
      const wasValid = new Set(
        before?.tickets.filter((t) => t.status === 'valid').map((t) => t.ticketId),
      );
      const taken = r.value.tickets.filter((t) => wasValid.has(t.ticketId) && t.status !== 'valid');
      // The station gives the food back with the last ticket: the sale is then void or refunded.
      const wholeNow = before?.status === 'paid' || before?.status === 'partially_refunded';
      const food =
        wholeNow && (r.value.status === 'void' || r.value.status === 'refunded')
          ? r.value.concessions.reduce((a, c) => a + c.totalMinor, 0)
          : 0;
      const total = taken.reduce((a, t) => a + t.priceMinor, 0) + food;
      const word = taken.every((t) => t.status === 'void') ? 'voided' : 'refunded';
      set({ sales: get().sales.map((x) => (x.orderId === r.value.orderId ? r.value : x)) });
      get().notify(
        'success',
        `Sale ${String(r.value.saleNumber ?? '')}: ${String(taken.length)} ticket(s) ${word}. Give back ${formatAmount(total, r.value.currency, get)}; the seats are free again.`,
      );
      void get().refreshStatus();
      void get().reloadMap();
      return null;
    },
    async reprintSale(orderId) {
      const sale = get().sales.find((x) => x.orderId === orderId);
      const r = await ask(d, 'sales:reprint', { orderId });
      if (r.ok)
        get().notify(
          'success',
          `Reprinting the tickets of sale ${String(sale?.saleNumber ?? '')} (marked REPRINT).`,
        );
    },
  };
}

function formatAmount(amountMinor: number, currency: string, get: SliceDeps['get']): string {
  return money(amountMinor, localeOf(get().status?.cinema, currency), currency);
}
