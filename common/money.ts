// Money is integer minor units with an ISO 4217 currency (DESIGN §6); never floats.

/** An amount in minor units (cents, paise) of a currency. */
export type Money = { amountMinor: number; currency: string };

/** Minor-unit digits of a currency as Intl knows them (JPY 0, USD 2, BHD 3). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** Formats minor units for people, only through Intl.NumberFormat (STYLE 7). */
export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    amountMinor / 10 ** digits,
  );
}

/** Multiplies minor units by basis points (10000 = ×1), rounding half away from zero. */
export function applyBp(amountMinor: number, bp: number): number {
  return mulDivRound(amountMinor, bp, 10000);
}

// Below 2^52 a float quotient of two integers truncates to the exact integer quotient; above it we
// switch to BigInt so rounding stays exact instead of silently drifting.
const FLOAT_EXACT = 2 ** 52;

/** Integer a ÷ b rounded half away from zero, exact for any safe integers (b ≠ 0). */
export function divRound(a: number, b: number): number {
  assertInt(a, 'a');
  assertInt(b, 'b');
  if (b === 0) throw new RangeError('divRound: division by zero');
  if (Math.abs(a) >= FLOAT_EXACT) return bigDivRound(BigInt(a), BigInt(b));
  const q = Math.trunc(a / b);
  const r = a - q * b;
  return 2 * Math.abs(r) >= Math.abs(b) ? q + Math.sign(a) * Math.sign(b) : q;
}

/** amount × num ÷ den rounded half away from zero; exact even when the product passes 2^53. */
export function mulDivRound(amount: number, num: number, den: number): number {
  assertInt(amount, 'amount');
  assertInt(num, 'num');
  const product = amount * num;
  if (Math.abs(product) < FLOAT_EXACT) return divRound(product, den);
  assertInt(den, 'den');
  if (den === 0) throw new RangeError('mulDivRound: division by zero');
  return bigDivRound(BigInt(amount) * BigInt(num), BigInt(den));
}

/**
 * Splits a non-negative total over non-negative weights in proportion, by largest remainder: the
 * shares sum to the total exactly, no share exceeds its exact proportion rounded up, and ties go to
 * the earlier weight so the split is deterministic. All-zero weights split the total evenly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertInt(total, 'total');
  if (total < 0) throw new RangeError('allocate: total must be non-negative');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('allocate: no weights to carry a non-zero total');
    return [];
  }
  let sum = 0n;
  const ws = weights.map((w) => {
    assertInt(w, 'weight');
    if (w < 0) throw new RangeError('allocate: weights must be non-negative');
    sum += BigInt(w);
    return BigInt(w);
  });
  const even = sum === 0n;
  const divisor = even ? BigInt(ws.length) : sum;
  const t = BigInt(total);
  const shares: number[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of ws) {
    const part = t * (even ? 1n : w);
    const share = part / divisor;
    shares.push(Number(share));
    remainders.push(part % divisor);
    given += share;
  }
  const order = remainders.map((_, i) => i);
  order.sort((i, j) => {
    const ri = remainders[i] ?? 0n;
    const rj = remainders[j] ?? 0n;
    return ri === rj ? i - j : ri > rj ? -1 : 1;
  });
  const left = Number(t - given);
  for (let k = 0; k < left; k++) {
    const i = order[k] ?? 0;
    shares[i] = (shares[i] ?? 0) + 1;
  }
  return shares;
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

function bigDivRound(a: bigint, b: bigint): number {
  const q = a / b;
  const r = a - q * b;
  const abs = (v: bigint): bigint => (v < 0n ? -v : v);
  const sign = a < 0n !== b < 0n ? -1n : 1n;
  const rounded = 2n * abs(r) >= abs(b) ? q + sign : q;
  const n = Number(rounded);
  if (!Number.isSafeInteger(n)) throw new RangeError('money: result is beyond a safe integer');
  return n;
}

function assertInt(v: number, name: string): void {
  if (!Number.isSafeInteger(v))
    throw new RangeError(`money: ${name} must be a safe integer, got ${v}`);
}
