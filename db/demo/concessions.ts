// The concession stand menu of a cinema, priced in its currency; combos list the items they bundle.
import type { CinemaSpec } from './chain-spec.js';
import type { Rng } from './rng.js';
import type { DemoData } from './types.js';

type ItemSpec = {
  key: string;
  name: string;
  category: string;
  price: Record<string, number>;
  combo?: string[];
};

const MENU: ItemSpec[] = [
  {
    key: 'pop-r',
    name: 'Salted Popcorn (Regular)',
    category: 'popcorn',
    price: { INR: 29000, GBP: 595, USD: 799 },
  },
  {
    key: 'pop-l',
    name: 'Salted Popcorn (Large)',
    category: 'popcorn',
    price: { INR: 39000, GBP: 745, USD: 999 },
  },
  {
    key: 'caramel-l',
    name: 'Caramel Popcorn (Large)',
    category: 'popcorn',
    price: { INR: 45000, GBP: 795, USD: 1099 },
  },
  {
    key: 'nachos',
    name: 'Nachos with Cheese Dip',
    category: 'snacks',
    price: { INR: 32000, GBP: 650, USD: 899 },
  },
  { key: 'samosa', name: 'Samosa (2 pcs)', category: 'snacks', price: { INR: 16000 } },
  { key: 'hotdog', name: 'Hot Dog', category: 'snacks', price: { GBP: 595, USD: 799 } },
  { key: 'candy', name: 'Chocolate Bar', category: 'snacks', price: { GBP: 295, USD: 549 } },
  {
    key: 'soda-r',
    name: 'Soft Drink (Regular)',
    category: 'drinks',
    price: { INR: 21000, GBP: 450, USD: 599 },
  },
  {
    key: 'soda-l',
    name: 'Soft Drink (Large)',
    category: 'drinks',
    price: { INR: 28000, GBP: 575, USD: 749 },
  },
  {
    key: 'water',
    name: 'Still Water 500 ml',
    category: 'drinks',
    price: { INR: 8000, GBP: 300, USD: 450 },
  },
  {
    key: 'coffee',
    name: 'Cold Coffee',
    category: 'drinks',
    price: { INR: 25000, GBP: 425, USD: 599 },
  },
  {
    key: 'duo',
    name: 'Date Night Combo (Large Popcorn + 2 Regular Drinks)',
    category: 'combos',
    price: { INR: 72000, GBP: 1395, USD: 1799 },
    combo: ['pop-l', 'soda-r', 'soda-r'],
  },
  {
    key: 'nacho-combo',
    name: 'Nacho Combo (Nachos + Regular Drink)',
    category: 'combos',
    price: { INR: 47000, GBP: 950, USD: 1299 },
    combo: ['nachos', 'soda-r'],
  },
  {
    key: 'family',
    name: 'Family Combo (2 Large Popcorn + 4 Regular Drinks)',
    category: 'combos',
    price: { INR: 129000, GBP: 2450, USD: 3199 },
    combo: ['pop-l', 'pop-l', 'soda-r', 'soda-r', 'soda-r', 'soda-r'],
  },
];

/** Builds a cinema's concession items; items without a price in its currency are not sold there. */
export function buildConcessions(
  rng: Rng,
  cinemaId: string,
  spec: CinemaSpec,
): DemoData['concessionItems'] {
  const ids = new Map<string, string>();
  const rows: DemoData['concessionItems'] = [];
  for (const item of MENU) {
    const priceMinor = item.price[spec.currency];
    if (priceMinor === undefined) continue;
    const id = rng.uuid();
    ids.set(item.key, id);
    const comboOf = item.combo?.map((key) => {
      const part = ids.get(key);
      if (part === undefined) throw new Error(`Combo ${item.key} needs ${key} listed before it`);
      return part;
    });
    rows.push({
      id,
      cinemaId,
      name: item.name,
      category: item.category,
      priceMinor,
      currency: spec.currency,
      comboOf: comboOf ?? null,
      active: true,
    });
  }
  return rows;
}
