// Sales of this counter: the list, voids and refunds, reprints.
import { saleNumberLabel } from '../../../common/sale-number.js';
import type { SaleView } from '../../../common/contract/station.js';
import { giveBackText } from '../../../common/give-back.js';
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
      const word = taken.every((t) => t.status === 'void') ? 'voided' : 'refunded';
      const { giveBack, slipJobId: _slip, ...view } = r.value;
      set({ sales: get().sales.map((x) => (x.orderId === view.orderId ? view : x)) });
      // The station's split, per tender and how, exactly as the slip prints it.
      const l = localeOf(get().status?.cinema, view.currency);
      const back =
        giveBack.length === 0
          ? 'Nothing to give back'
          : `Give back ${giveBack.map((g) => giveBackText(g, money(g.amountMinor, l, view.currency))).join(' and ')}`;
      get().notify(
        'success',
        `Sale ${saleNumberLabel(view.saleNumber, view.training)}: ${String(taken.length)} ticket(s) ${word}. ${back}. The seats are free again; the slip is printing.`,
      );
      void get().refreshStatus();
      void get().reloadMap();
      return null;
    },
    async reprintSale(orderId) {
      const sale = get().sales.find((x) => x.orderId === orderId);
      const r = await ask(d, 'sales:reprint', { orderId });
      if (!r.ok) return;
      const valid = sale?.tickets.filter((t) => t.status === 'valid').length ?? 0;
      const all = valid === (sale?.tickets.length ?? 0);
      get().notify(
        'success',
        all
          ? `Reprinting the tickets of sale ${String(sale?.saleNumber ?? '')} (marked REPRINT).`
          : `Reprinting the ${String(valid)} valid ticket(s) of sale ${String(sale?.saleNumber ?? '')} (marked REPRINT); voided and refunded tickets are left out.`,
      );
    },
  };
}
