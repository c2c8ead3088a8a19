// Builds the counter store from its slices and hands it to React through a context.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StationClient } from '../contract-client.js';
import { createBasketSlice } from './basket-slice.js';
import { createConcessionsSlice } from './concessions-slice.js';
import { createLeaveSaleSlice } from './leave-sale-slice.js';
import { createPrinterSlice } from './printer-slice.js';
import { createReviewSlice } from './review-slice.js';
import { createSalesSlice } from './sales-slice.js';
import { createSeatsSlice } from './seats-slice.js';
import { createSessionSlice } from './session-slice.js';
import { createShowsSlice } from './shows-slice.js';
import { createTenderSlice } from './tender-slice.js';
import { createTillSlice } from './till-slice.js';
import type { CounterState } from './types.js';
import { createUiSlice } from './ui-slice.js';

export type { CounterState, View } from './types.js';

/** One store per window, talking to the station through `client`. */
export function createCounterStore(client: StationClient): StoreApi<CounterState> {
  return createStore<CounterState>()((set, get) => {
    const d = { set, get, client };
    return {
      ...createUiSlice(d),
      ...createSessionSlice(d),
      ...createShowsSlice(d),
      ...createSeatsSlice(d),
      ...createBasketSlice(d),
      ...createConcessionsSlice(d),
      ...createTenderSlice(d),
      ...createLeaveSaleSlice(d),
      ...createSalesSlice(d),
      ...createTillSlice(d),
      ...createReviewSlice(d),
      ...createPrinterSlice(d),
    };
  });
}

/** The store of the window, provided by main.tsx. */
export const CounterStoreContext = createContext<StoreApi<CounterState> | null>(null);

/** The raw store, for effects that subscribe or call actions. */
export function useCounterStore(): StoreApi<CounterState> {
  const store = useContext(CounterStoreContext);
  if (!store) throw new Error('CounterStoreContext is missing');
  return store;
}

/** Selects from the counter store; re-renders when the selected value changes. */
export function useCounter<T>(selector: (s: CounterState) => T): T {
  return useStore(useCounterStore(), selector);
}
