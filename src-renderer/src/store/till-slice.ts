// The till: open with a float, cash drops, close with a (blind) count, a manager's approval of a
// variance, handing over another person's till, and the Z-report.
import { z } from 'zod';
import type { CounterTender } from '../../../common/tenders.js';
import type { ZReport } from '../../../common/contract/station.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

/** A count the station would not close alone: the differences to show, and the limit. */
export type TillVariance = {
  counted: Partial<Record<CounterTender, number>>;
  message: string;
  limitMinor: number;
  differences: {
    tender: string;
    expected: number | null;
    counted: number | null;
    difference: number | null;
  }[];
};

export type TillSlice = {
  /** X-report of the open till (running totals). */
  tillReport: ZReport | null;
  /** The Z-report of the till just closed, shown until a new till opens. */
  zReport: ZReport | null;
  /** The count waiting for a manager's approval, or null. */
  tillVariance: TillVariance | null;
  /** The signed-in person is closing someone else's till (handover). */
  closingForOwner: boolean;
  tillBusy: boolean;
  loadTillReport: () => Promise<void>;
  openTill: (floatCashMinor: number, training: boolean) => Promise<boolean>;
  cashDrop: (amountMinor: number, reference: string) => Promise<boolean>;
  /** Closes with the count; a manager PIN closes for the owner or approves a variance (with a note). */
  closeTill: (
    counted: Partial<Record<CounterTender, number>>,
    approval?: { managerPin?: string; note?: string },
  ) => Promise<boolean>;
  /** Back to counting (Esc from the approval step). */
  recount: () => void;
  setClosingForOwner: (on: boolean) => void;
  /** Looks at the screens without the till: the station refuses money on someone else's till. */
  lookOnly: () => void;
};

const amount = z.number().int().nullable();
// What BO_TILL_VARIANCE carries: checked, since it comes from another process.
const varianceDetails = z.object({
  limitMinor: z.number().int(),
  differences: z.array(
    z.object({ tender: z.string(), expected: amount, counted: amount, difference: amount }),
  ),
});

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
    tillVariance: null,
    closingForOwner: false,
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
    closeTill(counted, approval = {}) {
      return busy(async () => {
        const r = await ask(d, 'till:close', { counted, ...approval }, { quiet: true });
        if (!r.ok) {
          if (r.error.code === 'BO_TILL_VARIANCE') {
            const details = varianceDetails.safeParse(r.error.details);
            set({
              tillVariance: {
                limitMinor: details.success ? details.data.limitMinor : 0,
                differences: details.success ? details.data.differences : [],
                counted,
                message: r.error.message,
              },
            });
            get().notify('info', r.error.message);
          } else get().fail(r.error);
          return false;
        }
        const owner = r.value.staffName;
        const mine = r.value.staffId === get().staff?.id;
        set({ zReport: r.value, tillReport: null, tillVariance: null, closingForOwner: false });
        get().notify(
          'success',
          mine
            ? 'Till closed. The Z-report is printing.'
            : `${owner}’s till is closed and its Z-report is printing. Open your own till to sell.`,
        );
        await get().refreshStatus();
        return true;
      });
    },
    recount() {
      set({ tillVariance: null });
      get().clearNotice();
    },
    setClosingForOwner(on) {
      set({ closingForOwner: on, tillVariance: null });
    },
    lookOnly() {
      const till = get().status?.till;
      set({ view: 'shows', sellView: 'shows' });
      void get().loadShows();
      if (till)
        get().notify(
          'info',
          `Look only: this is ${till.staffName}’s till, so you cannot sell or give money back here until it is closed.`,
        );
    },
  };
}
