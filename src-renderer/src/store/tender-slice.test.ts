// A sale in progress keeps its tenders: stepping back to the seats keeps them, leaving the sale asks
// first and says what to hand back, cash far above what is due asks first, and references are required.
import { describe, expect, it } from 'vitest';
import type { SaleQuote, StationSeatMap } from '../../../common/contract/station.js';
import { formatMoney } from '../../../common/money.js';
import type { StationClient } from '../contract-client.js';
import { giveBackLines } from '../lib/give-back.js';
import { createCounterStore } from './counter-store.js';

const TOTAL = 70_800;

function fakeStation() {
  const sold: unknown[] = [];
  const client = {
    invoke: (channel: string, input: unknown) => {
      if (channel === 'sales:quote') {
        const value: SaleQuote = {
          totalMinor: TOTAL,
          taxMinor: 0,
          discountMinor: 0,
          subtotalMinor: TOTAL,
          lines: [],
          concessions: [],
        };
        return Promise.resolve({ ok: true, value });
      }
      if (channel === 'sales:create') {
        sold.push(input);
        return Promise.resolve({
          ok: true,
          value: { orderId: 'o1', printJobIds: [], tickets: [], concessions: [], tenders: [] },
        });
      }
      return Promise.resolve({ ok: false, error: { code: 'BO_NOT_FOUND', message: channel } });
    },
    on: () => () => undefined,
    onConnection: () => () => undefined,
  } as unknown as StationClient;
  const store = createCounterStore(client);
  store.setState({
    view: 'seats',
    status: { till: { id: 't1' }, cashConfirmMultiple: 10, sync: { state: 'offline' } } as never,
    map: { show: { id: 'c3d4e5f6-0000-4000-8000-000000000001' } } as StationSeatMap,
    lines: [
      {
        seatId: 'a1b2c3d4-0000-4000-8000-000000000002',
        ticketTypeId: 'a1b2c3d4-0000-4000-8000-000000000003',
      },
    ],
  });
  return { store, sold, s: () => store.getState() };
}

describe('a sale in progress', () => {
  it('keeps part payments when the cashier steps back to the seats and comes back', async () => {
    const { s, sold } = fakeStation();
    await s().requote();
    await s().startTender('cash');
    await s().takeTender({ tender: 'cash', amountMinor: 10_000 });
    expect(s().tenders).toEqual([{ tender: 'cash', amountMinor: 10_000 }]);
    s().cancelTender();
    expect(s().leaving).toBe('seats');
    expect(s().view).toBe('tender');
    s().confirmLeave(false);
    expect(s().view).toBe('seats');
    expect(s().tenders).toEqual([{ tender: 'cash', amountMinor: 10_000 }]);
    await s().startTender('cash');
    // The rest in cash joins the first cash line; the sale goes with one cash tender.
    await s().takeTender({ tender: 'cash', amountMinor: null });
    expect(sold).toEqual([
      expect.objectContaining({ tenders: [{ tender: 'cash', amountMinor: TOTAL }] }),
    ]);
    expect(s().view).toBe('done');
    expect(s().tenders).toEqual([]);
  });

  it('asks before leaving the sale, and only drops the tenders once handed back', async () => {
    const { s } = fakeStation();
    await s().requote();
    await s().startTender('card');
    await s().takeTender({ tender: 'card', amountMinor: 20_000, reference: 'AUTH 7' });
    s().cancelTender();
    s().confirmLeave(false);
    for (const leave of [() => s().back(), () => s().requestLeave('clear'), () => s().newSale()]) {
      leave();
      expect(s().leaving).not.toBeNull();
      s().cancelLeave();
      expect(s().tenders).toHaveLength(1);
      expect(s().view).toBe('seats');
      expect(s().lines).toHaveLength(1);
    }
    s().requestLeave('clear');
    s().confirmLeave(true);
    expect(s().tenders).toEqual([]);
    expect(s().lines).toEqual([]);
  });

  it('says per tender what to hand back', () => {
    const m = (n: number) => formatMoney(n, 'INR', 'en-IN');
    expect(
      giveBackLines(
        [
          { tender: 'cash', amountMinor: 10_000 },
          { tender: 'card', amountMinor: 20_000, reference: 'AUTH 7' },
          { tender: 'voucher', amountMinor: 5_000, reference: 'GIFT-1' },
          { tender: 'electronic', amountMinor: 3_000, reference: 'UPI 9' },
        ],
        m,
      ).map((g) => g.text),
    ).toEqual([
      `Give back ${m(10_000)} cash from the drawer`,
      `Reverse ${m(20_000)} on the card terminal (ref AUTH 7)`,
      `Hand back voucher GIFT-1 (${m(5_000)})`,
      `Refund ${m(3_000)} by UPI / wallet (ref UPI 9)`,
    ]);
  });

  it('asks before taking cash far above what is due', async () => {
    const { s, sold } = fakeStation();
    await s().requote();
    await s().startTender('cash');
    await s().takeTender({ tender: 'cash', amountMinor: 5_000_000 });
    expect(s().largeCash).toEqual({
      line: { tender: 'cash', amountMinor: 5_000_000 },
      dueMinor: TOTAL,
    });
    expect(sold).toEqual([]);
    await s().confirmLargeCash(false);
    expect(s().largeCash).toBeNull();
    expect(sold).toEqual([]);
    await s().takeTender({ tender: 'cash', amountMinor: 5_000_000 });
    await s().confirmLargeCash(true);
    expect(sold).toHaveLength(1);
  });

  it('needs a voucher code and a UPI reference, and never more than due on them', async () => {
    const { s, sold } = fakeStation();
    await s().requote();
    await s().startTender('voucher');
    await s().takeTender({ tender: 'voucher', amountMinor: 1000, reference: '  ' });
    expect(s().notice?.text).toMatch(/Voucher: type the voucher code/);
    await s().takeTender({ tender: 'electronic', amountMinor: TOTAL + 1, reference: 'UPI 1' });
    expect(s().notice?.text).toMatch(/only cash gives change/);
    await s().takeTender({ tender: 'voucher', amountMinor: 20_000, reference: 'GIFT-1' });
    await s().takeTender({ tender: 'electronic', amountMinor: null, reference: 'UPI 1' });
    expect(sold).toEqual([
      expect.objectContaining({
        tenders: [
          { tender: 'voucher', amountMinor: 20_000, reference: 'GIFT-1' },
          { tender: 'electronic', amountMinor: TOTAL - 20_000, reference: 'UPI 1' },
        ],
      }),
    ]);
  });
});
