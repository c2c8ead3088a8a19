// Hooks of the kiosk's screens: its store from context, and the cinema's formatting.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Locale } from '../lib/format.js';
import type { KioskState, KioskStore } from './kiosk-store.js';

/** The kiosk window's store and the cinema's locale, provided by KioskApp. */
export const KioskContext = createContext<{ store: KioskStore; locale: Locale } | null>(null);

/** Reads from the kiosk store. */
export function useKiosk<T>(pick: (s: KioskState) => T): T {
  const ctx = useContext(KioskContext);
  if (ctx === null) throw new Error('KioskContext is missing');
  return useStore(ctx.store, pick);
}

/** The cinema's currency, locale and zone. */
export function useKioskLocale(): Locale {
  const ctx = useContext(KioskContext);
  if (ctx === null) throw new Error('KioskContext is missing');
  return ctx.locale;
}
