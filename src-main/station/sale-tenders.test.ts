// Tenders at the station: what each one applies to the total, which need a reference, that only
// cash gives change; training sales counted apart (T-1, T-2…); and receipts that print each tender.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CinemaInfo } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { priceOrder } from '../../common/pricing.js';
import { saleNumberLabel } from '../../common/sale-number.js';
import { cashNeedsConfirmation } from '../../common/tenders.js';
import { decodeEscPos, plainText } from '../printing/escpos-decoder.js';
import { buildReceipt } from '../printing/layouts.js';
import { openLocalDb, type LocalDb } from './local-db.js';
import { receiptPrint } from './sale-prints.js';
import { nextSaleNumber } from './sale-record.js';
import { applyTenders } from './sales.js';

const refused = (f: () => unknown): BoError => {
  try {
    f();
  } catch (e) {
    if (e instanceof BoError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('applyTenders', () => {
  it('gives change from cash only, and keeps each tender with its reference', () => {
    expect(applyTenders(70_800, [{ tender: 'cash', amountMinor: 100_000 }])).toEqual({
      applied: [{ tender: 'cash', amountMinor: 70_800 }],
      changeDue: 29_200,
    });
    expect(
      applyTenders(70_800, [
        { tender: 'voucher', amountMinor: 20_000, reference: ' GIFT-77 ' },
        { tender: 'electronic', amountMinor: 30_000, reference: 'UPI 4411' },
        { tender: 'card', amountMinor: 10_000 },
        { tender: 'cash', amountMinor: 20_000 },
      ]),
    ).toEqual({
      applied: [
        { tender: 'voucher', amountMinor: 20_000, reference: 'GIFT-77' },
        { tender: 'electronic', amountMinor: 30_000, reference: 'UPI 4411' },
        { tender: 'card', amountMinor: 10_000 },
        { tender: 'cash', amountMinor: 10_800 },
      ],
      changeDue: 9_200,
    });
  });

  it('joins cash handed over in parts into one cash line net of change', () => {
    expect(
      applyTenders(70_800, [
        { tender: 'cash', amountMinor: 10_000 },
        { tender: 'card', amountMinor: 30_000, reference: 'AUTH 1' },
        { tender: 'cash', amountMinor: 50_000 },
      ]),
    ).toEqual({
      applied: [
        { tender: 'cash', amountMinor: 40_800 },
        { tender: 'card', amountMinor: 30_000, reference: 'AUTH 1' },
      ],
      changeDue: 19_200,
    });
  });

  it.each(['card', 'voucher', 'electronic'] as const)(
    'never gives change from %s: more than the total is refused',
    (tender) => {
      const e = refused(() =>
        applyTenders(70_800, [{ tender, amountMinor: 70_900, reference: 'REF-1' }]),
      );
      expect(e.code).toBe('BO_VALIDATION');
      expect(e.message).toMatch(/only cash gives change/);
    },
  );

  it.each([
    ['voucher', /Voucher: type the voucher code/],
    ['electronic', /UPI \/ wallet: type the upi \/ wallet transaction reference/],
  ] as const)('refuses a %s without its reference', (tender, message) => {
    for (const reference of [undefined, '', '   ']) {
      const e = refused(() => applyTenders(1000, [{ tender, amountMinor: 1000, reference }]));
      expect(e.code).toBe('BO_VALIDATION');
      expect(e.message).toMatch(message);
    }
  });

  it('takes a card without a reference, as before, but no non-cash tender of nothing', () => {
    expect(applyTenders(1000, [{ tender: 'card', amountMinor: 1000 }]).applied).toEqual([
      { tender: 'card', amountMinor: 1000 },
    ]);
    expect(
      refused(() =>
        applyTenders(1000, [
          { tender: 'voucher', amountMinor: 0, reference: 'V1' },
          { tender: 'cash', amountMinor: 1000 },
        ]),
      ).message,
    ).toMatch(/Voucher payment of nothing/);
  });

  it('refuses tenders that do not cover the total', () => {
    expect(
      refused(() =>
        applyTenders(1000, [
          { tender: 'cash', amountMinor: 500 },
          { tender: 'card', amountMinor: 400 },
        ]),
      ).message,
    ).toMatch(/do not cover the total/);
  });
});

describe('cash far above what is due', () => {
  it('asks for confirmation above the configured multiple only', () => {
    expect(cashNeedsConfirmation(5_000_000, 70_800, 10)).toBe(true);
    expect(cashNeedsConfirmation(708_000, 70_800, 10)).toBe(false);
    expect(cashNeedsConfirmation(708_001, 70_800, 10)).toBe(true);
    expect(cashNeedsConfirmation(200_000, 70_800, 2)).toBe(true);
    expect(cashNeedsConfirmation(100_000, 0, 10)).toBe(false);
  });
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const localDb = async (): Promise<LocalDb> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-tenders-'));
  dirs.push(dir);
  return openLocalDb(dir);
};

describe('training sale numbers', () => {
  it('count apart from real ones, which never advance for training', async () => {
    const db = await localDb();
    expect(nextSaleNumber(db)).toBe(1);
    expect(nextSaleNumber(db, true)).toBe(1);
    expect(nextSaleNumber(db, true)).toBe(2);
    expect(nextSaleNumber(db, true)).toBe(3);
    expect(nextSaleNumber(db)).toBe(2);
    expect(saleNumberLabel(3, true)).toBe('T-3');
    expect(saleNumberLabel(2, false)).toBe('2');
    expect(saleNumberLabel(null, true)).toBe('');
    db.$client.close();
  });
});

describe('receipt tenders', () => {
  const cinema: CinemaInfo = {
    id: 'c1',
    name: 'Marquee Test',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
    locale: 'en-IN',
    address: '1 MG Road, Bengaluru',
    taxIds: ['GSTIN 29ABCDE1234F1Z5'],
  };
  const priced = priceOrder(
    {
      currency: 'INR',
      tickets: [
        { basePriceMinor: 70_800, formatMultiplierBp: 10_000, ticketTypeMultiplierBp: 10_000 },
      ],
    },
    new Date(),
  );
  if (!priced.ok) throw new Error(priced.error.message);
  const sale = (training: boolean, tendered: Parameters<typeof applyTenders>[1]) => {
    const { applied, changeDue } = applyTenders(priced.value.totalMinor, tendered);
    return {
      lines: [{ seatId: 's1', ticketTypeId: 't1', ticketId: 'k1' }],
      concessions: [],
      priced: priced.value,
      saleNumber: 3,
      tenders: applied,
      changeDueMinor: changeDue,
      training,
    };
  };
  const printer = { type: 'epson', widthMm: 80, drawerPin: 2 } as const;

  it('prints each tender with its label and reference, and the cash handed over', async () => {
    const db = await localDb();
    const data = receiptPrint(
      db,
      cinema,
      sale(false, [
        { tender: 'voucher', amountMinor: 20_000, reference: 'GIFT-77' },
        { tender: 'electronic', amountMinor: 30_000, reference: 'UPI 4411' },
        { tender: 'cash', amountMinor: 50_000 },
      ]),
      'Asha',
    );
    const doc = decodeEscPos(buildReceipt(data, printer));
    const text = plainText(doc);
    expect(text).toMatch(/Voucher\s+INR\s?200\.00\n\s*Code GIFT-77\n/);
    // The cinema's address and tax id head the receipt (DESIGN §8).
    expect(text).toContain('1 MG Road, Bengaluru');
    expect(text).toContain('GSTIN 29ABCDE1234F1Z5');
    expect(text).toMatch(/UPI \/ wallet\s+INR\s?300\.00\n\s*Ref UPI 4411\n/);
    expect(text).toMatch(/Cash\s+INR\s?500\.00/);
    expect(text).toMatch(/Change\s+INR\s?292\.00/);
    expect(doc.items.filter((i) => i.kind === 'drawer')).toHaveLength(1);
    db.$client.close();
  });

  it('numbers a training receipt T-n and never kicks the drawer for it', async () => {
    const db = await localDb();
    const data = receiptPrint(
      db,
      cinema,
      sale(true, [{ tender: 'cash', amountMinor: 100_000 }]),
      'Asha',
    );
    expect(data.openDrawer).toBe(false);
    expect(data.saleNumber).toBe('T-3');
    // The layout holds to it even if a caller asked for the kick.
    const doc = decodeEscPos(buildReceipt({ ...data, openDrawer: true }, printer));
    expect(doc.items.filter((i) => i.kind === 'drawer')).toEqual([]);
    expect(plainText(doc)).toContain('T-3');
    db.$client.close();
  });
});
