// The counter's state is one zustand store made of slices, one per feature (STYLE 13).
import type { StoreApi } from 'zustand';
import type { StationClient } from '../contract-client.js';
import type { BasketSlice } from './basket-slice.js';
import type { ConcessionsSlice } from './concessions-slice.js';
import type { LeaveSaleSlice } from './leave-sale-slice.js';
import type { PrinterSlice } from './printer-slice.js';
import type { ReviewSlice } from './review-slice.js';
import type { SalesSlice } from './sales-slice.js';
import type { SeatsSlice } from './seats-slice.js';
import type { SessionSlice } from './session-slice.js';
import type { ShowsSlice } from './shows-slice.js';
import type { TenderSlice } from './tender-slice.js';
import type { TillSlice } from './till-slice.js';
import type { UiSlice } from './ui-slice.js';

/** Every screen of the counter. */
export type View =
  | 'signin'
  | 'shows'
  | 'seats'
  | 'tender'
  | 'done'
  | 'sales'
  | 'till'
  | 'review'
  | 'printer'
  | 'pickup'
  | 'admin';

/** The whole counter state. */
export type CounterState = UiSlice &
  SessionSlice &
  ShowsSlice &
  SeatsSlice &
  BasketSlice &
  ConcessionsSlice &
  TenderSlice &
  LeaveSaleSlice &
  SalesSlice &
  TillSlice &
  ReviewSlice &
  PrinterSlice;

/** What a slice creator gets: the store's set/get and the contract client. */
export type SliceDeps = {
  set: StoreApi<CounterState>['setState'];
  get: StoreApi<CounterState>['getState'];
  client: StationClient;
};
