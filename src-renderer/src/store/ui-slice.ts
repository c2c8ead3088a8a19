// Which screen is up, the notice bar, and what Esc goes back to.
import type { WireError } from '../../../common/errors.js';
import type { SliceDeps, View } from './types.js';

/** A message for the cashier: errors say what to do next. */
export type Notice = { kind: 'error' | 'info' | 'success'; text: string; id: number };

export type UiSlice = {
  view: View;
  /** The selling screen that Esc returns to from sales, till, review and printer. */
  sellView: 'shows' | 'seats';
  notice: Notice | null;
  /** Switches screens; leaving the selling flow remembers where to come back to. */
  go: (view: View) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  /** Shows an error from the station; an expired sign-in goes back to the PIN screen. */
  fail: (error: WireError) => void;
  clearNotice: () => void;
  /** Esc: one step back. */
  back: () => void;
};

let noticeId = 0;

/** The UI slice. */
export function createUiSlice({ set, get }: SliceDeps): UiSlice {
  return {
    view: 'signin',
    sellView: 'shows',
    notice: null,
    go(view) {
      const current = get().view;
      if (current === 'shows' || current === 'seats') set({ sellView: current });
      set({ view });
    },
    notify(kind, text) {
      set({ notice: { kind, text, id: ++noticeId } });
    },
    fail(error) {
      if (error.code === 'BO_UNAUTHORIZED' && get().view !== 'signin') {
        get().resetSession('You are signed out. Sign in again with your PIN.');
        return;
      }
      get().notify('error', error.message);
    },
    clearNotice() {
      set({ notice: null });
    },
    back() {
      const s = get();
      switch (s.view) {
        case 'tender':
          s.cancelTender();
          return;
        case 'seats':
          // Tenders taken on the sale: asks first, with what to hand back.
          s.requestLeave('shows');
          return;
        case 'done':
          s.newSale();
          return;
        case 'sales':
        case 'till':
        case 'review':
        case 'printer':
          set({ view: s.sellView });
          return;
        case 'shows':
        case 'signin':
          s.clearNotice();
          return;
      }
    },
  };
}
