// Taxes per cinema and the price of each seat category of each show, in integer minor units.
import { applyBp } from '../../common/money.js';
import type { CinemaSpec } from './chain-spec.js';
import type { Rng } from './rng.js';
import { weekday } from './time-zone.js';
import type { CategoryCode, DemoData } from './types.js';

type TaxSpec = {
  name: string;
  rateBp: number;
  inclusive: boolean;
  itemClass: 'ticket' | 'concession';
};

const TAXES: Record<string, TaxSpec[]> = {
  // GST on cinema tickets above ₹100 is 18 %, split between the centre and the state; food is 5 %.
  INR: [
    { name: 'CGST', rateBp: 900, inclusive: false, itemClass: 'ticket' },
    { name: 'SGST', rateBp: 900, inclusive: false, itemClass: 'ticket' },
    { name: 'CGST', rateBp: 250, inclusive: false, itemClass: 'concession' },
    { name: 'SGST', rateBp: 250, inclusive: false, itemClass: 'concession' },
  ],
  // UK prices are shown with VAT included.
  GBP: [
    { name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'ticket' },
    { name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'concession' },
  ],
  // New York City's combined rate is 8.875 %; basis points are integers, so it is stored as 8.88 %.
  USD: [
    { name: 'NY sales tax', rateBp: 888, inclusive: false, itemClass: 'ticket' },
    { name: 'NY sales tax', rateBp: 888, inclusive: false, itemClass: 'concession' },
  ],
};

/** Builds the tax components of a cinema from its currency's rules. */
export function buildTaxes(rng: Rng, cinemaId: string, spec: CinemaSpec): DemoData['taxes'] {
  const taxes = TAXES[spec.currency];
  if (!taxes) throw new Error(`No demo taxes for ${spec.currency}`);
  return taxes.map((t) => ({ id: rng.uuid(), cinemaId, ...t }));
}

/** Rounds to the nearest multiple of `step` minor units. */
function roundTo(amount: number, step: number): number {
  return Math.round(amount / step) * step;
}

/** Time-of-day and weekend factor in basis points: matinees are cheaper, evenings and weekends dearer. */
export function demandBp(date: string, startMinutes: number): number {
  const time = startMinutes < 13 * 60 ? 8500 : startMinutes >= 18 * 60 ? 11500 : 10000;
  const day = weekday(date);
  const weekend = day === 0 || day === 6 || (day === 5 && startMinutes >= 18 * 60);
  return weekend ? applyBp(time, 11000) : time;
}

/** The seat price of a category for a show starting at `startMinutes` local time on `date`. */
export function seatPrice(
  spec: CinemaSpec,
  code: CategoryCode,
  date: string,
  startMinutes: number,
): number {
  return roundTo(applyBp(spec.basePrice[code], demandBp(date, startMinutes)), spec.priceStep);
}

/** A demo price card: when it applies, and a date and start time its prices are read from. */
const CARDS = [
  {
    name: 'Weekday matinee',
    weekdays: [1, 2, 3, 4, 5],
    from: 0,
    to: 780,
    sample: ['2026-01-05', 600],
  },
  {
    name: 'Weekday afternoon',
    weekdays: [1, 2, 3, 4, 5],
    from: 780,
    to: 1080,
    sample: ['2026-01-05', 900],
  },
  {
    name: 'Weekday evening',
    weekdays: [1, 2, 3, 4],
    from: 1080,
    to: 1440,
    sample: ['2026-01-05', 1200],
  },
  { name: 'Weekend matinee', weekdays: [6, 7], from: 0, to: 780, sample: ['2026-01-10', 600] },
  { name: 'Weekend afternoon', weekdays: [6, 7], from: 780, to: 1080, sample: ['2026-01-10', 900] },
  {
    name: 'Weekend evening',
    weekdays: [5, 6, 7],
    from: 1080,
    to: 1440,
    sample: ['2026-01-09', 1200],
  },
] as const;

/**
 * The price cards that reproduce the demo's prices (matinees cheaper, evenings and weekends
 * dearer), so shows a manager plans are priced as the seeded ones are.
 */
export function buildPriceCards(
  rng: Rng,
  cinemaId: string,
  spec: CinemaSpec,
  today: Date,
): DemoData['priceCards'] {
  const codes = Object.keys(spec.basePrice) as CategoryCode[];
  return CARDS.map((c) => ({
    id: rng.uuid(),
    cinemaId,
    name: c.name,
    currency: spec.currency,
    weekdays: [...c.weekdays],
    fromMinute: c.from,
    toMinute: c.to,
    prices: Object.fromEntries(
      codes.map((code) => [code, seatPrice(spec, code, c.sample[0], c.sample[1])]),
    ),
    createdAt: today,
    updatedAt: today,
  }));
}
