// Words printed on tickets, receipts and reports. English by default; a cinema passes its own.

/** Every fixed word a layout prints. */
export type PrintLabels = {
  screen: string;
  date: string;
  time: string;
  row: string;
  seat: string;
  unreservedSeating: string;
  ticketType: string;
  price: string;
  included: string;
  sale: string;
  reprint: string;
  rated: string;
  receipt: string;
  total: string;
  change: string;
  /** Before a card or UPI / wallet payment's reference. */
  reference: string;
  /** Before a voucher's code. */
  voucherCode: string;
  tax: string;
  cashier: string;
  station: string;
  training: string;
  zReport: string;
  till: string;
  opened: string;
  closed: string;
  firstSale: string;
  lastSale: string;
  sales: string;
  gross: string;
  tenders: string;
  ticketTypes: string;
  taxes: string;
  voids: string;
  refunds: string;
  float: string;
  counted: string;
  expected: string;
  difference: string;
  none: string;
  testPage: string;
  subtotal: string;
  discount: string;
  concessions: string;
  discounts: string;
  net: string;
  givenBack: string;
  byStaff: string;
  drops: string;
  closedBy: string;
  varianceApprovedBy: string;
  note: string;
  refundSlip: string;
  voidSlip: string;
  show: string;
  reason: string;
  approvedBy: string;
  giveBack: string;
  customerSignature: string;
};

/** English labels. */
export const ENGLISH_LABELS: PrintLabels = {
  screen: 'Screen',
  date: 'Date',
  time: 'Time',
  row: 'Row',
  seat: 'Seat',
  unreservedSeating: 'Unreserved seating',
  ticketType: 'Ticket',
  price: 'Price',
  included: 'incl.',
  sale: 'Sale',
  reprint: 'REPRINT',
  rated: 'Rated',
  receipt: 'RECEIPT',
  total: 'TOTAL',
  change: 'Change',
  reference: 'Ref',
  voucherCode: 'Code',
  tax: 'Tax',
  cashier: 'Cashier',
  station: 'Station',
  training: 'TRAINING - NOT A SALE',
  zReport: 'Z-REPORT',
  till: 'Till',
  opened: 'Opened',
  closed: 'Closed',
  firstSale: 'First sale',
  lastSale: 'Last sale',
  sales: 'Sales',
  gross: 'Gross',
  tenders: 'Tenders',
  ticketTypes: 'Ticket types',
  taxes: 'Taxes',
  voids: 'Voids',
  refunds: 'Refunds',
  float: 'Float',
  counted: 'Counted',
  expected: 'Expected',
  difference: 'Difference',
  none: '-',
  testPage: 'TEST PAGE',
  subtotal: 'Subtotal',
  discount: 'Discount',
  concessions: 'Food and drink',
  discounts: 'Discounts',
  net: 'NET',
  givenBack: 'Given back',
  byStaff: 'By staff member',
  drops: 'Drops',
  closedBy: 'Closed by',
  varianceApprovedBy: 'Variance approved by',
  note: 'Note',
  refundSlip: 'CREDIT NOTE - REFUND',
  voidSlip: 'VOID - TICKETS CANCELLED',
  show: 'Show',
  reason: 'Reason',
  approvedBy: 'Approved by',
  giveBack: 'Given back',
  customerSignature: 'Customer signature',
};

/** English labels with a cinema's overrides. */
export function labelsWith(overrides: Partial<PrintLabels> | undefined): PrintLabels {
  return { ...ENGLISH_LABELS, ...overrides };
}
