// Money is integer minor units with an ISO 4217 currency (DESIGN §6); never floats.

/** An amount in minor units (cents, paise) of a currency. */
export type Money = { amountMinor: number; currency: string };

/** Minor-unit digits of a currency as Intl knows them (JPY 0, USD 2, BHD 3). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats minor units for people, only through Intl.NumberFormat (STYLE 7). */
export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** digits);
}

/** Multiplies minor units by basis points (10000 = ×1), rounding half away from zero. */
export function applyBp(amountMinor: number, bp: number): number {
  const product = amountMinor * bp;
  const q = Math.trunc(product / 10000);
  const r = product - q * 10000;
  if (Math.abs(r) * 2 >= 10000) return q + Math.sign(product);
  return q;
}

/** Parses a typed amount like "12.50" into minor units; null when it is not a valid amount. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}
