// A sale with tenders already taken is not dropped on a key press: leaving it (Esc, emptying the
// basket, a new sale) asks first and says what to hand back; leaving only the payment screen keeps them.
import type { SliceDeps } from './types.js';

/** Where the cashier was going when the sale in progress stopped them. */
export type LeaveIntent = 'seats' | 'shows' | 'clear' | 'new-sale';

export type LeaveSaleSlice = {
  /** Set while the "tenders taken" confirmation is open. */
  leaving: LeaveIntent | null;
  /** Goes where `intent` says, or first asks when tenders are taken on the sale. */
  requestLeave: (intent: LeaveIntent) => void;
  /** The cashier answered: `giveBack` drops the tenders (money handed back), else they stay on the sale. */
  confirmLeave: (giveBack: boolean) => void;
  /** Closes the confirmation; nothing changes. */
  cancelLeave: () => void;
};

/** The leave-sale slice. */
export function createLeaveSaleSlice(d: SliceDeps): LeaveSaleSlice {
  const { set, get } = d;
  const go = (intent: LeaveIntent) => {
    const s = get();
    switch (intent) {
      case 'seats':
        s.backToSeats();
        return;
      case 'shows':
        s.go('shows');
        return;
      case 'clear':
        s.clearBasket();
        return;
      case 'new-sale':
        // The tenders are gone by now, so newSale goes ahead.
        s.newSale();
        return;
    }
  };
  return {
    leaving: null,
    requestLeave(intent) {
      if (get().selling) return;
      if (get().tenders.length === 0) go(intent);
      else set({ leaving: intent });
    },
    confirmLeave(giveBack) {
      const intent = get().leaving;
      if (intent === null) return;
      set({ leaving: null });
      // Only back to the seats can keep the money on the sale; every other way ends the sale.
      if (giveBack || intent !== 'seats') set({ tenders: [] });
      go(intent);
    },
    cancelLeave() {
      set({ leaving: null });
    },
  };
}
