// How the counter shows money and times: money only through formatMoney (Intl.NumberFormat), times
// always in the cinema's zone, never the browser's.
import type { CinemaInfo } from '../../../common/contract/station.js';
import { formatMoney } from '../../../common/money.js';
import { localDateOf, localTimeOf } from '../../../common/schedule.js';

/** What formatting needs to know about the cinema; a station without data falls back to UTC/en. */
export type Locale = { currency: string; locale: string; timeZone: string };

/** The cinema's formatting settings, or neutral ones before the station has its data. */
export function localeOf(cinema: CinemaInfo | null | undefined, currency?: string): Locale {
  return {
    currency: cinema?.currency ?? currency ?? 'USD',
    locale: cinema?.locale ?? 'en',
    timeZone: cinema?.timeZone ?? 'UTC',
  };
}

/** Formats minor units in the cinema's currency and locale. */
export function money(amountMinor: number, l: Locale, currency?: string): string {
  return formatMoney(amountMinor, currency ?? l.currency, l.locale);
}

/** A time of day in the cinema's zone, e.g. "19:30". */
export function timeOf(iso: string, l: Locale): string {
  return localTimeOf(new Date(iso), l.timeZone, l.locale);
}

/** Date and time in the cinema's zone, e.g. "14 Jan 2026, 19:30". */
export function dateTimeOf(iso: string, l: Locale): string {
  return new Intl.DateTimeFormat(l.locale, {
    timeZone: l.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** Today's date (YYYY-MM-DD) in the cinema's zone. */
export function todayIn(l: Locale): string {
  return localDateOf(new Date(), l.timeZone);
}

/** A calendar date (YYYY-MM-DD) for people, e.g. "Tue, 14 Jan". */
export function dateLabel(date: string, l: Locale): string {
  // The date is a calendar day, not an instant: format it at UTC midnight so no zone shifts it.
  return new Intl.DateTimeFormat(l.locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Adds days to a calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
