// How reports write money, shares and changes, in the cinema's locale and currency.
import { formatMoney, minorDigits } from '../../../../common/money.js';

/** What the report screens format with. */
export type ReportFormat = {
  /** Minor units per major unit, as a power of ten (2 for GBP, 0 for JPY). */
  digits: number;
  money: (minor: number) => string;
  /** Money in major units for a CSV cell ("1234.50"). */
  major: (minor: number) => number;
  percent: (share: number | null) => string;
  count: (n: number) => string;
  /** A chart axis's money in major units, short: "4.5L", "12K". */
  axis: (major: number) => string;
};

/** The formats of a currency and locale. */
export function reportFormat(currency: string, locale: string): ReportFormat {
  const digits = minorDigits(currency);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const num = new Intl.NumberFormat(locale);
  return {
    digits,
    money: (minor) => formatMoney(minor, currency, locale),
    major: (minor) => Number((minor / 10 ** digits).toFixed(digits)),
    percent: (share) => (share === null ? '–' : pct.format(share)),
    count: (n) => num.format(n),
    axis: (major) =>
      new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(
        major,
      ),
  };
}

/** "+12.5 %" / "−3 %" of `now` against `before`; null when there is nothing to compare with. */
export function change(now: number, before: number): { text: string; up: boolean } | null {
  if (before === 0) return null;
  const c = (now - before) / Math.abs(before);
  const text = `${c >= 0 ? '+' : '−'}${(Math.abs(c) * 100).toFixed(Math.abs(c) < 0.1 ? 1 : 0)} %`;
  return { text, up: c >= 0 };
}
