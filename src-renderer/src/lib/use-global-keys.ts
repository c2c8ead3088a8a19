// The counter's function keys, valid on every screen once signed in. Keys that belong to one screen
// (digits on the seat map, arrows in the show list) are handled by that screen.
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import type { CounterState } from '../store/counter-store.js';

/** What each function key does; also drawn in the key bar. */
export const FUNCTION_KEYS = [
  { key: 'F2', label: 'New sale' },
  { key: 'F3', label: 'Sales' },
  { key: 'F4', label: 'Till' },
  { key: 'F5', label: 'Cash' },
  { key: 'F6', label: 'Card' },
  { key: 'F7', label: 'Review' },
  { key: 'F8', label: 'Printer' },
  { key: 'F9', label: 'Reprint last' },
  { key: 'F10', label: 'Admin' },
  { key: 'F11', label: 'Pick-up' },
  { key: 'Escape', label: 'Back' },
] as const;

export type FunctionKey = (typeof FUNCTION_KEYS)[number]['key'];

/** Runs the action of a function key. */
export function runFunctionKey(store: StoreApi<CounterState>, key: FunctionKey): void {
  const s = store.getState();
  if (s.staff === null) return;
  // The admin view has its own keys and navigation; leaving it goes through its unsaved guard.
  if (s.view === 'admin') return;
  switch (key) {
    case 'F2':
      s.newSale();
      return;
    case 'F3':
      s.go('sales');
      void s.loadSales();
      return;
    case 'F4':
      s.go('till');
      void s.loadTillReport();
      return;
    case 'F5':
    case 'F6':
      if (s.view === 'shows' && s.mapLoading) s.typeAhead(key);
      else void s.startTender(key === 'F5' ? 'cash' : 'card');
      return;
    case 'F7':
      s.go('review');
      void s.loadReview();
      return;
    case 'F8':
      s.go('printer');
      void s.loadPrintJobs();
      return;
    case 'F9':
      void s.reprintLast();
      return;
    case 'F10':
      if (s.staff.role === 'manager' || s.staff.role === 'admin') s.go('admin');
      return;
    case 'F11':
      s.go('pickup');
      return;
    case 'Escape':
      s.back();
      return;
  }
}

const KEYS = new Set<string>(FUNCTION_KEYS.map((k) => k.key));

/** Listens for function keys on the whole window. */
export function useGlobalKeys(store: StoreApi<CounterState>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The browser's own F-keys (reload, address bar, caret browsing) would lose the sale.
      if (/^F([1-9]|1[01])$/.test(e.key)) e.preventDefault();
      // Enter typed before the payment screen's field has the focus still means "exact amount".
      if (
        e.key === 'Enter' &&
        store.getState().view === 'tender' &&
        !(e.target instanceof Element && e.target.closest('.tender'))
      ) {
        const s = store.getState();
        e.preventDefault();
        void s.takeTender({ tender: s.tenderMode, amountMinor: null });
        return;
      }
      if (!KEYS.has(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
      // A dialog handles its own Escape.
      if (e.key === 'Escape' && e.defaultPrevented) return;
      if (e.key === 'Escape' && document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      runFunctionKey(store, e.key as FunctionKey);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [store]);
}
