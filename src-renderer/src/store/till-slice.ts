// The till: open with a float, cash drops, close with counted amounts and the Z-report.
import type { CounterTender } from '../../../common/tenders.js';
import type { ZReport } from '../../../common/contract/station.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

export type TillSlice = {
  /** X-report of the open till (running totals). */
  tillReport: ZReport | null;
  /** The Z-report of the till just closed, shown until a new till opens. */
  zReport: ZReport | null;
  tillBusy: boolean;
  loadTillReport: () => Promise<void>;
  openTill: (floatCashMinor: number, training: boolean) => Promise<boolean>;
  cashDrop: (amountMinor: number, reference: string) => Promise<boolean>;
  closeTill: (counted: Partial<Record<CounterTender, number>>) => Promise<boolean>;
};

/** The till slice. */
export function createTillSlice(d: SliceDeps): TillSlice {
  const { set, get } = d;
  const busy = async <T>(work: () => Promise<T>): Promise<T> => {
    set({ tillBusy: true });
    try {
      return await work();
    } finally {
      set({ tillBusy: false });
    }
  };
  return {
    tillReport: null,
    zReport: null,
    tillBusy: false,
    async loadTillReport() {
      if (!get().status?.till) {
        set({ tillReport: null });
        return;
      }
      const r = await ask(d, 'till:report', {}, { quiet: true });
      set({ tillReport: r.ok ? r.value : null });
    },
    openTill(floatCashMinor, training) {
      return busy(async () => {
        const r = await ask(d, 'till:open', { float: { cash: floatCashMinor }, training });
        if (!r.ok) return false;
        set({ zReport: null });
        await get().refreshStatus();
        get().notify(
          'success',
          training
            ? 'Training till open: sales are practice only and print no tickets.'
            : 'Till open. Ready to sell.',
        );
        // Straight to selling, unless the cashier has already gone elsewhere meanwhile.
        if (get().view === 'till') {
          set({ view: 'shows', sellView: 'shows' });
          void get().loadShows();
        }
        return true;
      });
    },
    cashDrop(amountMinor, reference) {
      return busy(async () => {
        const r = await ask(d, 'till:drop', {
          amountMinor,
          ...(reference === '' ? {} : { reference }),
        });
        if (!r.ok) return false;
        get().notify('success', 'Cash drop recorded. Put the cash in the safe.');
        await get().loadTillReport();
        return true;
      });
    },
    closeTill(counted) {
      return busy(async () => {
        const r = await ask(d, 'till:close', { counted });
        if (!r.ok) return false;
        set({ zReport: r.value, tillReport: null });
        get().notify('success', 'Till closed. The Z-report is printing.');
        await get().refreshStatus();
        return true;
      });
    },
  };
}
