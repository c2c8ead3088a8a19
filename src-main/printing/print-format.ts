// Money and time as printed: Intl in the cinema's locale, currency and time zone, then made
// printable in the printer's code page.
import { minorDigits } from '../../common/money.js';
import { isPrintable, toPrintable, type CodePageName } from './code-pages.js';
import type { CinemaPrintInfo } from './print-data.js';

/** Formats an amount for paper: the currency symbol when the page has it (€, £), else the ISO code (INR). */
export function formatPrintedMoney(
  amountMinor: number,
  cinema: CinemaPrintInfo,
  page: CodePageName,
): string {
  const value = amountMinor / 10 ** minorDigits(cinema.currency);
  const withSymbol = new Intl.NumberFormat(cinema.locale, {
    style: 'currency',
    currency: cinema.currency,
  }).format(value);
  const spaced = withSymbol.replace(/[\u00a0\u202f]/g, ' ');
  if (isPrintable(spaced, page)) return spaced;
  const withCode = new Intl.NumberFormat(cinema.locale, {
    style: 'currency',
    currency: cinema.currency,
    currencyDisplay: 'code',
  }).format(value);
  return toPrintable(withCode, page);
}

/** The calendar date of an instant in the cinema's time zone, e.g. "Fri, 14 Mar 2025". */
export function formatPrintedDate(
  iso: string,
  cinema: CinemaPrintInfo,
  page: CodePageName,
): string {
  const fmt = new Intl.DateTimeFormat(cinema.locale, {
    timeZone: cinema.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return toPrintable(fmt.format(new Date(iso)), page);
}

/** The wall-clock time of an instant in the cinema's time zone, e.g. "19:30" or "7:30 PM". */
export function formatPrintedTime(
  iso: string,
  cinema: CinemaPrintInfo,
  page: CodePageName,
): string {
  const fmt = new Intl.DateTimeFormat(cinema.locale, {
    timeZone: cinema.timeZone,
    hour: 'numeric',
    minute: '2-digit',
  });
  return toPrintable(fmt.format(new Date(iso)), page);
}

/** Date and time together, for receipts and reports. */
export function formatPrintedDateTime(
  iso: string,
  cinema: CinemaPrintInfo,
  page: CodePageName,
): string {
  const fmt = new Intl.DateTimeFormat(cinema.locale, {
    timeZone: cinema.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return toPrintable(fmt.format(new Date(iso)), page);
}
