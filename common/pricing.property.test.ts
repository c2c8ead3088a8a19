// Property run: whatever the basket, the lines add up to the totals exactly.
import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';
import { priceOrder, type PricedOrder, type PricingInput, type TaxComponent } from './pricing.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const GST_TICKETS: TaxComponent[] = [
  { name: 'CGST', rateBp: 900, inclusive: false, itemClass: 'ticket' },
  { name: 'SGST', rateBp: 900, inclusive: false, itemClass: 'ticket' },
];

const ticket = (basePriceMinor: number, typeBp: number, formatBp: number) => ({
  basePriceMinor,
  formatMultiplierBp: formatBp,
  ticketTypeMultiplierBp: typeBp,
});

function priced(input: PricingInput): PricedOrder {
  const r = priceOrder(input, NOW);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function randomBasket(rnd: () => number): PricingInput {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const tickets = Array.from({ length: int(0, 8) }, () =>
    ticket(int(0, 60000), pick([7000, 8000, 10000, 12345]), pick([10000, 13000, 15000])),
  );
  const concessions = Array.from({ length: int(0, 5) }, () => ({
    unitPriceMinor: int(0, 20000),
    quantity: int(1, 6),
  }));
  const taxes: TaxComponent[] = [];
  for (const itemClass of ['ticket', 'concession'] as const) {
    for (let i = int(0, 3); i > 0; i--)
      taxes.push({ name: `T${i}`, rateBp: int(0, 2800), inclusive: rnd() < 0.5, itemClass });
  }
  const discount = pick([
    null,
    { code: 'P', kind: 'percent' as const, value: int(0, 10000) },
    { code: 'F', kind: 'fixed' as const, value: int(0, 80000), currency: 'INR' },
    {
      code: 'C',
      kind: 'percent' as const,
      value: int(1, 5000),
      appliesTo: [pick(['ticket', 'concession'] as const)],
    },
  ]);
  return { currency: 'INR', tickets, concessions, taxes, discount };
}

const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('lines always add up to the totals', () => {
  it('holds for 3000 random baskets', () => {
    const rnd = seededRandom(20250615);
    for (let n = 0; n < 3000; n++) {
      const input = randomBasket(rnd);
      const o = priced(input);
      const lines = [...o.tickets, ...o.concessions];
      expect(total(lines.map((l) => l.grossMinor))).toBe(o.subtotalMinor);
      expect(total(lines.map((l) => l.discountMinor))).toBe(o.discountMinor);
      expect(total(lines.map((l) => l.totalMinor))).toBe(o.totalMinor);
      expect(total(lines.map((l) => l.taxMinor))).toBe(o.taxMinor);
      expect(o.totalMinor).toBe(o.subtotalMinor - o.discountMinor + o.addedTaxMinor);
      o.taxes.forEach((t) => {
        const onLines = lines
          .filter((l) => l.itemClass === t.itemClass)
          .map(
            (l) =>
              l.taxes.find((x) => x.name === t.name && x.inclusive === t.inclusive)?.amountMinor ??
              0,
          );
        // names repeat across classes in the generator only, so name + class identifies a component
        if (o.taxes.filter((u) => u.name === t.name && u.itemClass === t.itemClass).length === 1) {
          expect(total(onLines)).toBe(t.amountMinor);
        }
      });
      for (const l of lines) {
        for (const v of [l.grossMinor, l.discountMinor, l.netMinor, l.taxMinor, l.totalMinor]) {
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        }
        expect(l.inclusiveTaxMinor).toBeLessThanOrEqual(l.netMinor);
        expect(l.discountMinor).toBeLessThanOrEqual(l.grossMinor);
      }
      expect(priced(input)).toEqual(o);
    }
  });

  it('keeps each line within one minor unit of its own exact tax', () => {
    const rnd = seededRandom(7);
    for (let n = 0; n < 500; n++) {
      const o = priced({ ...randomBasket(rnd), taxes: GST_TICKETS, discount: null });
      for (const l of o.tickets) {
        for (const t of l.taxes)
          expect(Math.abs(t.amountMinor - (l.netMinor * t.rateBp) / 10000)).toBeLessThan(1.5);
      }
    }
  });
});
