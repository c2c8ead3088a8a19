// The basket's food and drink: quantities within the contract's limits, every change re-priced
// together with the tickets, and nothing left behind by a new sale.
import { describe, expect, it } from 'vitest';
import type {
  ConcessionItemView,
  SaleQuote,
  StationSeatMap,
} from '../../../common/contract/station.js';
import type { StationClient } from '../contract-client.js';
import { createCounterStore } from './counter-store.js';

const popcorn: ConcessionItemView = {
  id: '6f7d2d0e-1b1a-4c53-9d77-0a5e6f3b2c11',
  name: 'Popcorn',
  category: 'popcorn',
  priceMinor: 600,
  currency: 'GBP',
};
const soda: ConcessionItemView = {
  id: '0c9b8a7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
  name: 'Soda',
  category: 'drinks',
  priceMinor: 400,
  currency: 'GBP',
};

function fakeStation(menu: ConcessionItemView[]) {
  const quotes: unknown[] = [];
  const client = {
    invoke: (channel: string, input: unknown) => {
      if (channel === 'catalog:concessions') return Promise.resolve({ ok: true, value: menu });
      if (channel === 'sales:quote') {
        quotes.push(input);
        const value: SaleQuote = {
          totalMinor: 0,
          taxMinor: 0,
          discountMinor: 0,
          subtotalMinor: 0,
          lines: [],
          concessions: [],
        };
        return Promise.resolve({ ok: true, value });
      }
      return Promise.resolve({ ok: false, error: { code: 'BO_NOT_FOUND', message: channel } });
    },
    on: () => () => undefined,
    onConnection: () => () => undefined,
  } as unknown as StationClient;
  const store = createCounterStore(client);
  store.setState({
    map: { show: { id: 'c3d4e5f6-0000-4000-8000-000000000001' } } as StationSeatMap,
    lines: [
      {
        seatId: 'a1b2c3d4-0000-4000-8000-000000000002',
        ticketTypeId: 'a1b2c3d4-0000-4000-8000-000000000003',
      },
    ],
  });
  return { store, quotes };
}

describe('food and drink in the basket', () => {
  it('adds, counts and removes items, re-pricing the basket with them each time', async () => {
    const { store, quotes } = fakeStation([popcorn, soda]);
    await store.getState().loadConcessions();
    const s = () => store.getState();
    s().changeConcession(popcorn.id, 1);
    s().changeConcession(popcorn.id, 1);
    s().changeConcession(soda.id, 1);
    expect(s().concessionLines).toEqual([
      { itemId: popcorn.id, quantity: 2 },
      { itemId: soda.id, quantity: 1 },
    ]);
    await s().settledQuote();
    expect(quotes.at(-1)).toMatchObject({ concessions: s().concessionLines });
    s().changeConcession(soda.id, -1);
    s().removeConcession(popcorn.id);
    expect(s().concessionLines).toEqual([]);
    await s().settledQuote();
    expect(quotes.at(-1)).not.toHaveProperty('concessions');
  });

  it('stops at the most one sale may take, and says so', async () => {
    const { store } = fakeStation([popcorn]);
    await store.getState().loadConcessions();
    for (let i = 0; i < 21; i++) store.getState().changeConcession(popcorn.id, 1);
    expect(store.getState().concessionLines).toEqual([{ itemId: popcorn.id, quantity: 20 }]);
    expect(store.getState().notice?.text).toMatch(/At most 20 of Popcorn/);
  });

  it('drops items the menu no longer has, and empties with the basket', async () => {
    const { store } = fakeStation([popcorn]);
    store.setState({
      concessionItems: [popcorn, soda],
      concessionLines: [
        { itemId: popcorn.id, quantity: 1 },
        { itemId: soda.id, quantity: 1 },
      ],
    });
    await store.getState().loadConcessions();
    expect(store.getState().concessionLines).toEqual([{ itemId: popcorn.id, quantity: 1 }]);
    store.getState().clearBasket();
    expect(store.getState().concessionLines).toEqual([]);
  });
});
