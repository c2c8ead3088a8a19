// Amounts a customer is likely to hand over for a total: the next round sums of common notes.
import { minorDigits } from '../../../common/money.js';

const STEPS = [5, 10, 20, 50, 100, 500, 1000];

/** Up to four amounts above `dueMinor`, smallest first. */
export function quickCash(dueMinor: number, currency: string): number[] {
  if (dueMinor <= 0) return [];
  const unit = 10 ** minorDigits(currency);
  const out = new Set<number>();
  for (const step of STEPS) {
    const s = step * unit;
    const v = Math.ceil(dueMinor / s) * s;
    if (v > dueMinor) out.add(v);
  }
  return [...out].sort((a, b) => a - b).slice(0, 4);
}
