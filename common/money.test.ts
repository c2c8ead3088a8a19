import { describe, expect, it } from 'vitest';
import {
  allocate,
  applyBp,
  divRound,
  formatMoney,
  minorDigits,
  mulDivRound,
  parseMoney,
} from './money.js';

describe('divRound', () => {
  it('rounds halves away from zero, both signs', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(5, -2)).toBe(-3);
    expect(divRound(7, 3)).toBe(2);
    expect(divRound(8, 3)).toBe(3);
    expect(divRound(0, 7)).toBe(0);
  });

  it('is exact near 2^53', () => {
    const big = Number.MAX_SAFE_INTEGER; // 9007199254740991 = 3 × 3002399751580330.33…
    expect(divRound(big, 3)).toBe(3002399751580330);
    expect(divRound(big - 1, 2)).toBe(4503599627370495);
  });

  it('refuses floats and zero divisors', () => {
    expect(() => divRound(1.5, 2)).toThrow(RangeError);
    expect(() => divRound(1, 0)).toThrow(RangeError);
  });
});

describe('mulDivRound', () => {
  it('multiplies past 2^53 exactly', () => {
    // 10^9 × 10^10 / 10^8 = 10^11; the product 10^19 is far beyond a double's integers.
    expect(mulDivRound(1_000_000_000, 10_000_000_000, 100_000_000)).toBe(100_000_000_000);
    expect(mulDivRound(999_999_999, 9_999_999_999, 100_000_000)).toBe(99_999_999_890);
  });

  it('rounds half away from zero', () => {
    expect(mulDivRound(25, 1, 2)).toBe(13);
    expect(mulDivRound(-25, 1, 2)).toBe(-13);
  });
});

describe('applyBp', () => {
  it('multiplies by basis points with half-away rounding', () => {
    expect(applyBp(1000, 7000)).toBe(700);
    expect(applyBp(1005, 5000)).toBe(503);
    expect(applyBp(-1005, 5000)).toBe(-503);
    expect(applyBp(1, 4999)).toBe(0);
  });
});

describe('allocate', () => {
  it('sums to the total and follows the weights', () => {
    expect(allocate(10000, [25000, 25000, 25000])).toEqual([3334, 3333, 3333]);
    expect(allocate(100, [1, 1, 2])).toEqual([25, 25, 50]);
    expect(allocate(0, [5, 7])).toEqual([0, 0]);
  });

  it('gives the remainder to the largest fractions, ties to the earlier weight', () => {
    // exact shares 3.3, 3.3, 3.4 → floors 3, 3, 3, one left goes to the .4
    expect(allocate(10, [33, 33, 34])).toEqual([3, 3, 4]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('never gives anything to a zero weight while others carry weight', () => {
    expect(allocate(7, [0, 3, 0, 4])).toEqual([0, 3, 0, 4]);
  });

  it('splits evenly over all-zero weights and rejects bad input', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(1, [])).toThrow(RangeError);
    expect(() => allocate(-1, [1])).toThrow(RangeError);
    expect(() => allocate(1, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(1, [0.5])).toThrow(RangeError);
  });
});

describe('format and parse', () => {
  it('knows minor digits per currency', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('formats through Intl', () => {
    expect(formatMoney(1250, 'GBP', 'en-GB')).toBe('£12.50');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
  });

  it('parses typed amounts into minor units', () => {
    expect(parseMoney('12.50', 'GBP')).toBe(1250);
    expect(parseMoney('12,5', 'EUR')).toBe(1250);
    expect(parseMoney('7', 'INR')).toBe(700);
    expect(parseMoney('12.505', 'GBP')).toBeNull();
    expect(parseMoney('-1', 'GBP')).toBeNull();
    expect(parseMoney('1.5', 'JPY')).toBeNull();
  });
});
