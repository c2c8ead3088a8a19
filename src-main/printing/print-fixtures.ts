// Sample documents for the printing tests and the test page; realistic values, no database.
import type {
  CinemaPrintInfo,
  ReceiptPrintData,
  TicketPrintData,
  ZReportPrintData,
} from './print-data.js';

/** A London cinema: PC858, £. */
export const LONDON: CinemaPrintInfo = {
  name: 'Marquee Leicester Square',
  locale: 'en-GB',
  currency: 'GBP',
  timeZone: 'Europe/London',
  headerLines: ['1 Leicester Sq, London WC2H'],
};

/** A Berlin cinema: PC858, € after the amount. */
export const BERLIN: CinemaPrintInfo = {
  name: 'Marquee Kino Köpenick',
  locale: 'de-DE',
  currency: 'EUR',
  timeZone: 'Europe/Berlin',
};

/** A Mumbai cinema: ₹ is in no code page, so amounts print with the ISO code. */
export const MUMBAI: CinemaPrintInfo = {
  name: 'Marquee Phoenix Mills',
  locale: 'en-IN',
  currency: 'INR',
  timeZone: 'Asia/Kolkata',
};

/** A ticket with every field filled; `ticketCode` is replaced by tests that verify it. */
export function sampleTicket(overrides: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    cinema: LONDON,
    movieTitle: 'The Grand Budapest Hotel',
    certification: '15',
    format: 'IMAX',
    screenName: 'Screen 3',
    startsAt: '2025-07-14T18:30:00.000Z',
    seat: { row: 'H', number: '12' },
    ticketType: 'Adult',
    priceMinor: 1250,
    taxes: [{ label: 'VAT 20%', amountMinor: 208 }],
    saleNumber: 'S-000123',
    reprintCount: 0,
    ticketCode: 'placeholder',
    ...overrides,
  };
}

/** A receipt for two tickets and a popcorn, paid in cash or by card. */
export function sampleReceipt(
  tender: 'cash' | 'card',
  overrides: Partial<ReceiptPrintData> = {},
): ReceiptPrintData {
  const cash = tender === 'cash';
  return {
    cinema: LONDON,
    saleNumber: 'S-000123',
    soldAt: '2025-07-14T17:55:00.000Z',
    cashier: 'Priya',
    stationName: 'Counter 2',
    lines: [
      {
        description: 'Adult - The Grand Budapest Hotel',
        quantity: 2,
        unitPriceMinor: 1250,
        totalMinor: 2500,
      },
      { description: 'Popcorn large', quantity: 1, unitPriceMinor: 650, totalMinor: 650 },
    ],
    taxes: [{ label: 'VAT 20%', amountMinor: 525, included: true }],
    totalMinor: 3150,
    tenders: cash
      ? [{ kind: 'cash', label: 'Cash', amountMinor: 4000 }]
      : [{ kind: 'card', label: 'Card', amountMinor: 3150, reference: 'Auth 083412' }],
    changeMinor: cash ? 850 : 0,
    openDrawer: cash,
    ...overrides,
  };
}

/** A Z-report of a short session with a cash shortfall. */
export function sampleZReport(overrides: Partial<ZReportPrintData> = {}): ZReportPrintData {
  return {
    cinema: LONDON,
    reportNumber: 'Z-0042',
    tillName: 'Counter 2',
    cashier: 'Priya',
    openedAt: '2025-07-14T09:00:00.000Z',
    closedAt: '2025-07-14T17:00:00.000Z',
    firstSaleNumber: 'S-000101',
    lastSaleNumber: 'S-000123',
    salesCount: 23,
    grossMinor: 41250,
    tenders: [
      { label: 'Cash', count: 9, amountMinor: 15250 },
      { label: 'Card', count: 14, amountMinor: 26000 },
    ],
    ticketTypes: [
      { label: 'Adult', count: 25, amountMinor: 31250 },
      { label: 'Child', count: 10, amountMinor: 6500 },
    ],
    concessions: [
      { label: 'Popcorn large', count: 4, amountMinor: 2600 },
      { label: 'Soft drink', count: 2, amountMinor: 900 },
    ],
    taxes: [{ label: 'VAT 20%', amountMinor: 6875 }],
    voids: { count: 2, amountMinor: 2500 },
    refunds: { count: 1, amountMinor: 1250 },
    floatMinor: 10000,
    counted: [{ label: 'Cash', expectedMinor: 25250, countedMinor: 25000 }],
    ...overrides,
  };
}

/** A Mumbai receipt: two tickets and food with GST added on top and a promo code, as the counter prints it. */
export function sampleFoodReceipt(overrides: Partial<ReceiptPrintData> = {}): ReceiptPrintData {
  return {
    cinema: MUMBAI,
    saleNumber: '42',
    soldAt: '2025-07-14T12:55:00.000Z',
    cashier: 'Rahul',
    lines: [
      { description: 'Adult J12', quantity: 1, unitPriceMinor: 36000, totalMinor: 36000 },
      { description: 'Adult J13', quantity: 1, unitPriceMinor: 36000, totalMinor: 36000 },
      {
        description: 'Salted Popcorn (Regular)',
        quantity: 2,
        unitPriceMinor: 29000,
        totalMinor: 58000,
      },
    ],
    subtotalMinor: 130000,
    discount: { label: 'FLAT100', amountMinor: 10000 },
    taxes: [
      { label: 'CGST 9%', amountMinor: 5982, included: false },
      { label: 'SGST 9%', amountMinor: 5982, included: false },
      { label: 'CGST 2.5%', amountMinor: 1338, included: false },
      { label: 'SGST 2.5%', amountMinor: 1338, included: false },
    ],
    totalMinor: 134640,
    tenders: [{ kind: 'cash', label: 'Cash', amountMinor: 140000 }],
    changeMinor: 5360,
    openDrawer: true,
    ...overrides,
  };
}
