import { describe, expect, it } from 'vitest';
import {
  priceOrder,
  ticketUnitPrice,
  type PricedOrder,
  type PricingInput,
  type TaxComponent,
} from './pricing.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const GST_TICKETS: TaxComponent[] = [
  { name: 'CGST', rateBp: 900, inclusive: false, itemClass: 'ticket' },
  { name: 'SGST', rateBp: 900, inclusive: false, itemClass: 'ticket' },
];
const GST_FOOD: TaxComponent[] = [
  { name: 'CGST', rateBp: 250, inclusive: false, itemClass: 'concession' },
  { name: 'SGST', rateBp: 250, inclusive: false, itemClass: 'concession' },
];
const UK_VAT: TaxComponent[] = [
  { name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'ticket' },
  { name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'concession' },
];

const ticket = (basePriceMinor: number, typeBp = 10000, formatBp = 10000, ref?: string) => ({
  basePriceMinor,
  formatMultiplierBp: formatBp,
  ticketTypeMultiplierBp: typeBp,
  ...(ref === undefined ? {} : { ref }),
});

function priced(input: PricingInput, now = NOW): PricedOrder {
  const r = priceOrder(input, now);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function errorCode(input: PricingInput, now = NOW): string {
  const r = priceOrder(input, now);
  return r.ok ? 'ok' : r.error.code;
}

describe('ticket prices', () => {
  it('prices adult and child in 2D', () => {
    const o = priced({
      currency: 'INR',
      tickets: [ticket(25000, 10000, 10000, 'A1'), ticket(25000, 7000)],
    });
    expect(o.tickets.map((l) => [l.ref, l.unitPriceMinor])).toEqual([
      ['A1', 25000],
      [null, 17500],
    ]);
    expect(o.subtotalMinor).toBe(42500);
    expect(o.totalMinor).toBe(42500);
    expect(o.taxMinor).toBe(0);
  });

  it('applies the 3D multiplier and the ticket type with a single rounding', () => {
    expect(ticketUnitPrice(25000, 13000, 10000)).toBe(32500);
    expect(ticketUnitPrice(25000, 13000, 7000)).toBe(22750);
    // 3 × 1.5 × 0.7 = 3.15 → 3; rounding after each step would give 4.5 → 5, 5 × 0.7 = 3.5 → 4
    expect(ticketUnitPrice(3, 15000, 7000)).toBe(3);
    expect(ticketUnitPrice(1, 15000, 10000)).toBe(2);
  });
});

describe('taxes', () => {
  it('adds CGST + SGST on tickets', () => {
    const o = priced({
      currency: 'INR',
      tickets: [ticket(25000), ticket(25000, 7000)],
      taxes: GST_TICKETS,
    });
    expect(o.taxes.map((t) => [t.name, t.amountMinor])).toEqual([
      ['CGST', 3825],
      ['SGST', 3825],
    ]);
    expect(o.tickets[0]?.taxes.map((t) => t.amountMinor)).toEqual([2250, 2250]);
    expect(o.tickets[1]?.taxes.map((t) => t.amountMinor)).toEqual([1575, 1575]);
    expect(o.addedTaxMinor).toBe(7650);
    expect(o.inclusiveTaxMinor).toBe(0);
    expect(o.totalMinor).toBe(50150);
    expect(o.tickets[0]?.totalMinor).toBe(29500);
  });

  it('extracts UK VAT included in the price, per order and spread over lines', () => {
    const o = priced({
      currency: 'GBP',
      tickets: [ticket(1250), ticket(1250)],
      concessions: [{ unitPriceMinor: 650, quantity: 1 }],
      taxes: UK_VAT,
    });
    // tickets: 2500 − round(2500 / 1.2) = 2500 − 2083 = 417; popcorn: 650 − 542 = 108
    expect(o.taxes.map((t) => t.amountMinor)).toEqual([417, 108]);
    expect(o.tickets.map((l) => l.inclusiveTaxMinor)).toEqual([209, 208]);
    expect(o.concessions[0]?.inclusiveTaxMinor).toBe(108);
    expect(o.totalMinor).toBe(3150);
    expect(o.taxMinor).toBe(525);
    expect(o.addedTaxMinor).toBe(0);
  });

  it('shares one extraction between several inclusive components', () => {
    const o = priced({
      currency: 'INR',
      tickets: [ticket(11800)],
      taxes: GST_TICKETS.map((t) => ({ ...t, inclusive: true })),
    });
    // 18 % combined: 11800 − 11800 / 1.18 = 1800, split 900 / 900 (not 11800 − 11800/1.09 twice = 1948)
    expect(o.taxes.map((t) => t.amountMinor)).toEqual([900, 900]);
    expect(o.totalMinor).toBe(11800);
  });

  it('taxes each item class with its own components', () => {
    const o = priced({
      currency: 'INR',
      tickets: [ticket(20000)],
      concessions: [
        { ref: 'combo-large', unitPriceMinor: 45000, quantity: 2 },
        { ref: 'cola', unitPriceMinor: 12000, quantity: 1 },
      ],
      taxes: [...GST_TICKETS, ...GST_FOOD],
    });
    expect(o.taxes.map((t) => `${t.name}/${t.itemClass}=${t.amountMinor}`)).toEqual([
      'CGST/ticket=1800',
      'SGST/ticket=1800',
      'CGST/concession=2550',
      'SGST/concession=2550',
    ]);
    expect(o.concessions[0]).toMatchObject({
      unitPriceMinor: 45000,
      quantity: 2,
      grossMinor: 90000,
      addedTaxMinor: 4500,
    });
    expect(o.concessions[1]).toMatchObject({ grossMinor: 12000, addedTaxMinor: 600 });
    expect(o.subtotalMinor).toBe(122000);
    expect(o.totalMinor).toBe(122000 + 3600 + 5100);
  });
});

describe('discounts', () => {
  const base: PricingInput = {
    currency: 'INR',
    tickets: [ticket(25000), ticket(25000, 7000)],
    taxes: GST_TICKETS,
  };

  it('takes a percent promo off before tax, in proportion', () => {
    const o = priced({ ...base, discount: { code: 'TEN', kind: 'percent', value: 1000 } });
    expect(o.discount).toEqual({ code: 'TEN', kind: 'percent', amountMinor: 4250 });
    expect(o.tickets.map((l) => l.discountMinor)).toEqual([2500, 1750]);
    // GST on 38250: 3442.5 each, rounded half away from zero
    expect(o.taxes.map((t) => t.amountMinor)).toEqual([3443, 3443]);
    expect(o.totalMinor).toBe(38250 + 6886);
  });

  it('spreads a fixed promo by largest remainder', () => {
    const o = priced({
      currency: 'INR',
      tickets: [ticket(25000), ticket(25000), ticket(25000)],
      discount: { code: 'HUNDRED', kind: 'fixed', value: 10000, currency: 'INR' },
    });
    expect(o.tickets.map((l) => l.discountMinor)).toEqual([3334, 3333, 3333]);
    expect(o.totalMinor).toBe(65000);
  });

  it('never discounts below zero and can target one item class', () => {
    const big = priced({
      ...base,
      taxes: [],
      discount: { code: 'BIG', kind: 'fixed', value: 99999, currency: 'INR' },
    });
    expect(big.discountMinor).toBe(42500);
    expect(big.totalMinor).toBe(0);
    const food = priced({
      currency: 'GBP',
      tickets: [ticket(1000)],
      concessions: [{ unitPriceMinor: 500, quantity: 2 }],
      discount: { code: 'FOOD50', kind: 'percent', value: 5000, appliesTo: ['concession'] },
    });
    expect(food.tickets[0]?.discountMinor).toBe(0);
    expect(food.concessions[0]?.discountMinor).toBe(500);
  });

  it('checks the validity window against now; validTo is exclusive', () => {
    const d = {
      code: 'JUNE',
      kind: 'percent' as const,
      value: 1000,
      validFrom: '2025-06-01T00:00:00Z',
      validTo: '2025-07-01T00:00:00Z',
    };
    expect(errorCode({ ...base, discount: d })).toBe('ok');
    expect(errorCode({ ...base, discount: d }, new Date('2025-06-01T00:00:00Z'))).toBe('ok');
    expect(errorCode({ ...base, discount: d }, new Date('2025-05-31T23:59:59Z'))).toBe(
      'BO_DISCOUNT_NOT_YET_VALID',
    );
    expect(errorCode({ ...base, discount: d }, new Date('2025-07-01T00:00:00Z'))).toBe(
      'BO_DISCOUNT_EXPIRED',
    );
    const asDates = { ...d, validFrom: new Date('2025-06-20T00:00:00Z'), validTo: null };
    expect(errorCode({ ...base, discount: asDates })).toBe('BO_DISCOUNT_NOT_YET_VALID');
  });

  it('names validity times in the cinema zone and locale, never as ISO UTC', () => {
    const d = {
      code: 'JUNE',
      kind: 'percent' as const,
      value: 1000,
      validFrom: '2025-06-01T00:00:00Z',
      validTo: '2025-07-01T00:00:00Z',
    };
    const london = { timeZone: 'Europe/London', locale: 'en-GB' };
    const late = priceOrder({ ...base, discount: d, display: london }, new Date('2025-07-02Z'));
    expect(late.ok ? '' : late.error.message).toBe('Code JUNE expired on 1 Jul 2025, 01:00.');
    const early = priceOrder({ ...base, discount: d, display: london }, new Date('2025-05-01Z'));
    expect(early.ok ? '' : early.error.message).toBe('Code JUNE is valid from 1 Jun 2025, 01:00.');
    const noZone = priceOrder({ ...base, discount: d }, new Date('2025-07-02Z'));
    expect(noZone.ok ? '' : noZone.error.message).toBe(
      'Code JUNE expired on 1 Jul 2025, 00:00 UTC.',
    );
  });

  it('refuses exhausted codes, foreign currencies and too small baskets', () => {
    const pct = { code: 'X', kind: 'percent' as const, value: 1000 };
    expect(errorCode({ ...base, discount: { ...pct, maxUses: 5, uses: 5 } })).toBe(
      'BO_DISCOUNT_EXHAUSTED',
    );
    expect(errorCode({ ...base, discount: { ...pct, maxUses: 5, uses: 4 } })).toBe('ok');
    expect(errorCode({ ...base, discount: { ...pct, currency: 'GBP' } })).toBe(
      'BO_DISCOUNT_CURRENCY',
    );
    const fixed = { code: 'Y', kind: 'fixed' as const, value: 500 };
    expect(errorCode({ ...base, discount: { ...fixed, currency: 'GBP' } })).toBe(
      'BO_DISCOUNT_CURRENCY',
    );
    expect(errorCode({ ...base, discount: fixed })).toBe('BO_DISCOUNT_CURRENCY');
    expect(errorCode({ ...base, discount: { ...pct, minSpendMinor: 42501 } })).toBe(
      'BO_DISCOUNT_MIN_SPEND',
    );
    expect(errorCode({ ...base, discount: { ...pct, minSpendMinor: 42500 } })).toBe('ok');
    const r = priceOrder({ ...base, discount: { ...pct, minSpendMinor: 50000 } }, NOW);
    expect(r.ok ? '' : r.error.message).toContain('500.00');
  });
});

describe('validation', () => {
  it.each([
    ['a float price', { currency: 'GBP', tickets: [ticket(12.5)] }],
    ['a negative price', { currency: 'GBP', tickets: [ticket(-1)] }],
    ['a float multiplier', { currency: 'GBP', tickets: [ticket(1000, 7000.5)] }],
    ['a zero quantity', { currency: 'GBP', concessions: [{ unitPriceMinor: 100, quantity: 0 }] }],
    [
      'a negative unit price',
      { currency: 'GBP', concessions: [{ unitPriceMinor: -100, quantity: 1 }] },
    ],
    ['a lowercase currency', { currency: 'gbp' }],
    [
      'a percent above 100 %',
      { currency: 'GBP', discount: { code: 'A', kind: 'percent', value: 10001 } },
    ],
    [
      'a float tax rate',
      {
        currency: 'GBP',
        taxes: [{ name: 'VAT', rateBp: 20.5, inclusive: true, itemClass: 'ticket' }],
      },
    ],
    [
      'a date without offset',
      {
        currency: 'GBP',
        discount: { code: 'A', kind: 'percent', value: 1, validTo: '2025-01-01' },
      },
    ],
  ] as [string, PricingInput][])('rejects %s with BO_VALIDATION', (_name, input) => {
    const r = priceOrder(input, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BO_VALIDATION');
      expect(r.error.message).not.toContain('\n');
    }
  });

  it('rejects an invalid now and prices an empty basket as zero', () => {
    expect(errorCode({ currency: 'GBP' }, new Date(Number.NaN))).toBe('BO_VALIDATION');
    const o = priced({ currency: 'GBP', taxes: UK_VAT });
    expect([o.subtotalMinor, o.taxMinor, o.totalMinor]).toEqual([0, 0, 0]);
  });
});
