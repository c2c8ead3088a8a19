// The plain data each printed document is laid out from. The sale flow fills these from its own
// records; nothing here knows about the database. Amounts are integer minor units of the
// cinema's currency; instants are ISO 8601 strings in UTC and print in the cinema's time zone.

import type { CounterTender } from '../../common/tenders.js';

/** The cinema a document is printed for, and how it writes money and time. */
export type CinemaPrintInfo = {
  name: string;
  /** BCP 47 locale for numbers and dates, e.g. 'en-GB', 'de-DE', 'en-IN'. */
  locale: string;
  /** ISO 4217 currency of every amount on the document. */
  currency: string;
  /** IANA time zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  /** Lines under the name: address, tax registration. */
  headerLines?: readonly string[];
};

/** One tax component, e.g. { label: 'VAT 7%', amountMinor: 82 }. */
export type TaxLine = { label: string; amountMinor: number };

/** One admission ticket. */
export type TicketPrintData = {
  cinema: CinemaPrintInfo;
  movieTitle: string;
  /** Age rating as the market writes it: 'PG-13', 'U/A', 'FSK 12'. */
  certification: string;
  /** Presentation, e.g. '3D', 'IMAX'; omit for plain 2D. */
  format?: string;
  screenName: string;
  /** Show start, ISO 8601 instant. */
  startsAt: string;
  /** The reserved seat, or null for unreserved seating. */
  seat: { row: string; number: string } | null;
  /** Ticket type as sold: 'Adult', 'Child'. */
  ticketType: string;
  /** Price paid, tax included. */
  priceMinor: number;
  /** Taxes included in the price, printed as "incl. …" lines. */
  taxes?: readonly TaxLine[];
  saleNumber: string;
  /** 0 for the first print; n > 0 prints "REPRINT n". */
  reprintCount: number;
  /** Signed ticket code (common/ticket-code.ts) that the QR carries. */
  ticketCode: string;
  /** Not printed: lets a reprint keep only the tickets of the sale that are still valid. */
  ticketId?: string;
};

/** One line of a receipt, at shelf price (inclusive taxes in, before any discount and added taxes). */
export type ReceiptLine = {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  totalMinor: number;
};

/** A tax on a receipt; included taxes are part of the total, added ones were added to it. */
export type ReceiptTax = TaxLine & { included: boolean };

/** How a customer paid. */
export type TenderKind = CounterTender;

/** One payment towards a sale. */
export type ReceiptTender = {
  kind: TenderKind;
  label: string;
  amountMinor: number;
  reference?: string;
};

/** A sales receipt. */
export type ReceiptPrintData = {
  cinema: CinemaPrintInfo;
  saleNumber: string;
  /** When the sale completed, ISO 8601 instant. */
  soldAt: string;
  cashier?: string;
  stationName?: string;
  lines: readonly ReceiptLine[];
  /** Sum of the lines; printed when a discount or an added tax comes between it and the total. */
  subtotalMinor?: number;
  /** A promo code's reduction, e.g. { label: 'SUMMER10', amountMinor: 250 }; printed as a minus. */
  discount?: { label: string; amountMinor: number };
  taxes: readonly ReceiptTax[];
  totalMinor: number;
  tenders: readonly ReceiptTender[];
  changeMinor: number;
  /** Kick the cash drawer before printing (cash taken at a counter). */
  openDrawer: boolean;
  /** 0 or absent for the first print. */
  reprintCount?: number;
  /** Training-mode sale: printed as not a sale. */
  training?: boolean;
  footerLines?: readonly string[];
};

/** A count and an amount under a label, e.g. 12 Adult tickets for 150.00. */
export type CountAmount = { label: string; count: number; amountMinor: number };

/** Counted against expected for one tender at till close. */
export type TillCount = { label: string; expectedMinor: number; countedMinor: number };

/** The end-of-session Z-report of a till. */
export type ZReportPrintData = {
  cinema: CinemaPrintInfo;
  reportNumber: string;
  tillName: string;
  cashier?: string;
  openedAt: string;
  closedAt: string;
  /** First and last sale numbers of the session; null when there were no sales. */
  firstSaleNumber: string | null;
  lastSaleNumber: string | null;
  salesCount: number;
  grossMinor: number;
  tenders: readonly CountAmount[];
  ticketTypes: readonly CountAmount[];
  /** Food and drink per item (count = units); the section is left out when there are none. */
  concessions?: readonly CountAmount[];
  taxes: readonly TaxLine[];
  voids: { count: number; amountMinor: number };
  refunds: { count: number; amountMinor: number };
  floatMinor: number;
  counted: readonly TillCount[];
  training?: boolean;
  /** Discounts given on the sales (already taken off gross). */
  discountsMinor?: number;
  /** Gross − voids − refunds. */
  netMinor?: number;
  /** Money given back per tender (voids and refunds). */
  givenBack?: readonly CountAmount[];
  dropsMinor?: number;
  /** Per staff member: sales, and money they gave back. */
  staff?: readonly StaffLine[];
  /** Who counted and closed the till, when not its owner. */
  closedBy?: string;
  /** The manager who signed off a variance over the limit, and their note. */
  varianceApproval?: { by: string; note: string };
};

/** One staff member's lines on a Z-report. */
export type StaffLine = {
  label: string;
  salesCount: number;
  salesMinor: number;
  voidsMinor: number;
  refundsMinor: number;
};

/** One line of what goes back to the customer: how much, on which tender, and how. */
export type GiveBackPrintLine = {
  label: string;
  /** In the cashier's words: "in cash from the drawer", "back to the card on the terminal". */
  how: string;
  amountMinor: number;
  reference?: string;
};

/** The slip of a void or refund (a credit note): what went back, why, who did it and who approved. */
export type RefundSlipPrintData = {
  cinema: CinemaPrintInfo;
  kind: 'void' | 'refund';
  saleNumber: string;
  /** When the money went back, ISO 8601 instant. */
  at: string;
  movieTitle: string;
  screenName: string;
  /** Show start, ISO 8601 instant. */
  startsAt: string;
  /** Tickets (type and seat) and any food and drink given back, at what they cost. */
  lines: readonly ReceiptLine[];
  totalMinor: number;
  giveBack: readonly GiveBackPrintLine[];
  reason: string;
  cashier: string;
  /** The manager whose PIN approved a refund. */
  approvedBy?: string;
  /** Kick the drawer: cash goes back from it. */
  openDrawer: boolean;
  training?: boolean;
};
