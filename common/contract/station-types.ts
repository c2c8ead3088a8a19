// Output types of the station contract, shared by the station and the renderer.
import type { SeatKind, SeatState } from '../seat-map.js';

/** The cinema a station belongs to, as the renderer needs it. */
export type CinemaInfo = {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  locale: string;
};

/** How the station stands with the sync server. */
export type SyncStatus = {
  state: 'online' | 'connecting' | 'offline';
  lastSyncAt: string | null;
  pendingCount: number;
  reviewCount: number;
  cursor: number;
  catchUp: { done: number; total: number } | null;
  lastError: string | null;
};

/** The signed-in staff member. */
export type StaffInfo = { id: string; name: string; role: 'cashier' | 'manager' | 'admin' };

/** The printer as last seen. */
export type PrinterStatus = {
  connected: boolean;
  paper: 'ok' | 'near-end' | 'out' | 'unknown';
  queued: number;
  lastError: string | null;
};

/** Till state for the header and the till screen. */
export type TillInfo = {
  id: string;
  openedAt: string;
  staffName: string;
  training: boolean;
  float: Record<string, number>;
} | null;

/** Who and where the station is. */
export type StationStatus = {
  stationId: string;
  kiosk: boolean;
  cinema: CinemaInfo | null;
  sync: SyncStatus;
  staff: StaffInfo | null;
  till: TillInfo;
  printer: PrinterStatus;
  counts: { shows: number; seats: number };
};

/** A show in the day's list. */
export type ShowListItem = {
  id: string;
  movieId: string;
  movieTitle: string;
  certification: string;
  durationMinutes: number;
  screenName: string;
  format: string;
  language: string;
  startsAt: string;
  endsAt: string;
  /** Start time in the cinema's zone, e.g. "19:30". */
  localTime: string;
  status: string;
  /** When the counter stops selling this show (start plus the station's grace period). */
  salesCloseAt: string;
  /** Seats this counter can sell (escrow included, pending sales excluded), as common/seat-counts counts them. */
  seats: { total: number; available: number; mine: number };
};

/** A seat of the station's seat map. */
export type StationSeat = {
  id: string;
  label: string;
  rowLabel: string;
  number: number;
  x: number;
  y: number;
  categoryId: string;
  kind: SeatKind;
  state: SeatState;
  /** Escrowed to this station (sellable offline). */
  mine: boolean;
  /** A sale of it waits in the outbox. */
  pending: boolean;
};

/** Everything the counter needs to draw a show and price a basket. */
export type StationSeatMap = {
  show: ShowListItem;
  width: number;
  height: number;
  rows: { label: string; y: number }[];
  seats: StationSeat[];
  categories: {
    id: string;
    name: string;
    color: string;
    rank: number;
    basePriceMinor: number;
    prices: Record<string, number>;
  }[];
  ticketTypes: { id: string; code: string; name: string; multiplierBp: number }[];
  formatMultiplierBp: number;
  taxes: { name: string; rateBp: number; inclusive: boolean; itemClass: 'ticket' | 'concession' }[];
  currency: string;
};

/** A food or drink item the cinema sells at the counter (combos are items with their own price). */
export type ConcessionItemView = {
  id: string;
  name: string;
  category: string;
  priceMinor: number;
  currency: string;
};

/** A basket priced by the station: totals, and each line after its share of the discount, with added taxes. */
export type SaleQuote = {
  totalMinor: number;
  taxMinor: number;
  discountMinor: number;
  subtotalMinor: number;
  lines: { seatId: string; priceMinor: number }[];
  concessions: { itemId: string; quantity: number; unitPriceMinor: number; totalMinor: number }[];
};

/** A concession line of a sale: shelf unit price, and what the line cost (discount and added taxes applied). */
export type SaleConcessionLine = {
  itemId: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  totalMinor: number;
};

/** A sale as the counter shows and reprints it. */
export type SaleView = {
  orderId: string;
  saleNumber: number | null;
  showId: string;
  status: string;
  totalMinor: number;
  taxMinor: number;
  currency: string;
  tenders: { tender: string; amountMinor: number; reference: string | null }[];
  changeDueMinor: number;
  offline: boolean;
  training: boolean;
  createdAt: string;
  tickets: {
    ticketId: string;
    seatId: string;
    seatLabel: string;
    ticketType: string;
    priceMinor: number;
    status: string;
  }[];
  /** Food and drink of the sale; they go back with the last ticket of a void or refund. */
  concessions: SaleConcessionLine[];
  printJobIds: string[];
};

/** Z-report data of a closed (or open) till. */
export type ZReport = {
  tillId: string;
  openedAt: string;
  closedAt: string | null;
  staffName: string;
  training: boolean;
  currency: string;
  perTender: {
    tender: string;
    float: number;
    sales: number;
    salesCount: number;
    refunds: number;
    refundsCount: number;
    drops: number;
    expected: number;
    counted: number | null;
    difference: number | null;
  }[];
  perTicketType: { ticketType: string; count: number; amountMinor: number }[];
  /** Food and drink sold, per item, net of voids and refunds. */
  perConcession: { item: string; count: number; amountMinor: number }[];
  /** Net sales per item class (tickets, concessions), so the two add up to the takings. */
  perItemClass: { itemClass: 'ticket' | 'concession'; amountMinor: number }[];
  /** Tax components by name and rate, e.g. "CGST 9%" on tickets and "CGST 2.5%" on food. */
  taxes: { name: string; amountMinor: number }[];
  /** Tickets voided in this till session, and the money given back for them. */
  voids: { count: number; amountMinor: number };
  /** Tickets refunded with a manager's approval. */
  refunds: { count: number; amountMinor: number };
  sales: {
    count: number;
    amountMinor: number;
    firstSaleNumber: number | null;
    lastSaleNumber: number | null;
  };
};

/** A rejected mutation awaiting a manager. */
export type ReviewItemView = {
  id: string;
  kind: string;
  code: string;
  message: string;
  createdAt: string;
  rejectedAt: string;
  advice: string;
  summary: string;
};

/** A print job as the counter lists it. */
export type PrintJobView = {
  id: string;
  kind: string;
  status: string;
  reprint: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
};

/** Seat state as events carry it. */
export type SeatStateEvent = {
  showId: string;
  seats: { seatId: string; state: SeatState; mine: boolean }[];
};
