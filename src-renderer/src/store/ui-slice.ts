// Which screen is up, the notice bar, and what Esc goes back to.
import type { WireError } from '../../../common/errors.js';
import { localizeInstants } from '../../../common/instant-words.js';
import type { SliceDeps, View } from './types.js';

/**
 * A message for the cashier: errors say what to do next. A notice lasts while its cause does: errors
 * and hints go when the cashier moves to another screen, and those caused by the link to the server
 * (`link`) also go when the station is back online. Confirmations (success) stay their few seconds.
 */
export type Notice = {
  kind: 'error' | 'info' | 'success';
  text: string;
  id: number;
  link: boolean;
};

// Codes that mean the server could not be reached: the notice's cause is gone once it can be again.
const LINK_CODES: ReadonlySet<string> = new Set(['BO_OFFLINE', 'BO_UNAVAILABLE']);

export type UiSlice = {
  view: View;
  /** The selling screen that Esc returns to from sales, till, review and printer. */
  sellView: 'shows' | 'seats';
  notice: Notice | null;
  /** Switches screens; leaving the selling flow remembers where to come back to. */
  go: (view: View) => void;
  /** Shows a notice; `link` (default: the station is offline now) clears it when back online. */
  notify: (kind: Notice['kind'], text: string, opts?: { link?: boolean }) => void;
  /** Shows an error from the station; an expired sign-in goes back to the PIN screen. */
  fail: (error: WireError) => void;
  clearNotice: () => void;
  /** Clears a notice whose cause was the server link, now that the station is online again. */
  linkBack: () => void;
  /** Esc: one step back. */
  back: () => void;
};

let noticeId = 0;

/** The UI slice. */
export function createUiSlice({ set, get }: SliceDeps): UiSlice {
  // Moving to another screen ends what an error or hint was about; a confirmation keeps its time.
  const leaveScreen = () => {
    if (get().notice?.kind !== 'success') set({ notice: null });
  };
  return {
    view: 'signin',
    sellView: 'shows',
    notice: null,
    go(view) {
      const current = get().view;
      if (current === 'shows' || current === 'seats') set({ sellView: current });
      if (view !== current) leaveScreen();
      set({ view });
    },
    notify(kind, text, opts) {
      const link = opts?.link ?? !get().online();
      set({ notice: { kind, text, id: ++noticeId, link } });
    },
    fail(error) {
      if (error.code === 'BO_UNAUTHORIZED' && get().view !== 'signin') {
        get().resetSession('You are signed out. Sign in again with your PIN.');
        return;
      }
      // Server messages may carry raw UTC instants; the cashier reads the cinema's local time.
      const cinema = get().status?.cinema;
      const text = localizeInstants(error.message, cinema ?? null);
      get().notify('error', text, LINK_CODES.has(error.code) ? { link: true } : undefined);
    },
    clearNotice() {
      set({ notice: null });
    },
    linkBack() {
      const n = get().notice;
      if (n?.link === true && n.kind !== 'success') set({ notice: null });
    },
    back() {
      const s = get();
      if (s.view !== 'shows' && s.view !== 'signin') leaveScreen();
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
        case 'pickup':
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
