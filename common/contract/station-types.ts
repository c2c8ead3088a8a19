// Output types of the station contract, shared by the station and the renderer.
import type { GiveBackLine, GiveBackSource } from '../give-back.js';
import type { SeatKind, SeatState } from '../seat-map.js';
import type { StaffInfo } from './staff-types.js';

export type * from './staff-types.js';

/** The cinema a station belongs to, as the renderer needs it. */
export type CinemaInfo = {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  locale: string;
  /** Printed under the name on tickets and receipts, with the tax ids. */
  address: string;
  taxIds: string[];
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

/** The printer as last seen. */
export type PrinterStatus = {
  connected: boolean;
  paper: 'ok' | 'near-end' | 'out' | 'unknown';
  queued: number;
  lastError: string | null;
};

/** The open till of this station (it belongs to one staff member), for the header and the till screen. */
export type TillInfo = {
  id: string;
  openedAt: string;
  /** The owner: only they sell, void, refund and drop on it; they or a manager close it. */
  staffId: string;
  staffName: string;
  training: boolean;
  float: Record<string, number>;
  /** The cinema closes tills blind: the expected amounts appear only once the count is entered. */
  blindClose: boolean;
  /** A difference above this (either way, any tender) needs a manager's PIN and a note to close. */
  varianceLimitMinor: number;
} | null;

/** Whether this station holds a device credential the server accepts (DESIGN §10). */
export type EnrollmentStatus = {
  /** revoked: the server refused the credential; sync stopped, outbox and data are kept. */
  state: 'enrolled' | 'not-enrolled' | 'revoked';
  /** What to do, or the server's words when it refused the station. */
  message: string | null;
  /** The server it is (or would be) enrolled with: prefills the enrollment screen. */
  serverUrl: string;
  stationId: string | null;
  stationName: string | null;
  /** config: STATION_ID/STATION_SECRET; enrolled: stored when a code was typed. */
  source: 'config' | 'enrolled' | null;
};

/** A short-lived staff token for the admin API; kept in memory by whoever asked, never stored. */
export type StaffToken = {
  staff: { id: string; name: string; role: 'cashier' | 'manager' | 'admin'; cinemaIds: string[] };
  accessToken: string;
  /** Seconds until it expires. */
  expiresIn: number;
  /**
   * For the admin view to renew the access token while the manager works (single use, each refresh
   * gives the next); held in the renderer's memory only, like the access token.
   */
  refreshToken: string;
  refreshExpiresAt: string;
};

/** Who and where the station is. */
export type StationStatus = {
  stationId: string;
  enrollment: EnrollmentStatus;
  kiosk: boolean;
  /** counter (a kiosk too) or door (STATION_MODE). */
  mode: 'counter' | 'door';
  cinema: CinemaInfo | null;
  sync: SyncStatus;
  staff: StaffInfo | null;
  till: TillInfo;
  printer: PrinterStatus;
  counts: { shows: number; seats: number };
  /** Cash above this multiple of the amount due asks the cashier to confirm (config CASH_CONFIRM_MULTIPLE). */
  cashConfirmMultiple: number;
};

/** A show in the day's list. */
export type ShowListItem = {
  id: string;
  movieId: string;
  movieTitle: string;
  certification: string;
  durationMinutes: number;
  /** The film's poster on the server (/api/v1/media/{id}); null when it has none. */
  posterUrl: string | null;
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
  /** A pillar or rail hides part of the screen: the cashier tells the customer before selling it. */
  restrictedView?: boolean;
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
  /** Pillars of the room, drawn and never sold (layout units). */
  blocks?: { x: number; y: number }[];
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
  /** What each tender took and what voids already gave back on it: the void dialog splits with it. */
  tenderBalances: GiveBackSource[];
};

/** A sale after a void or refund, with what went back on each tender and the slip that printed. */
export type VoidResult = SaleView & {
  /** What to give back now, per tender and how (common/give-back.ts has the rule). */
  giveBack: GiveBackLine[];
  /** The print job of the refund slip. */
  slipJobId: string | null;
};

/** One tender's line of a till report. */
export type ZReportTender = {
  tender: string;
  float: number;
  sales: number;
  salesCount: number;
  /** Money given back in this tender: voids and refunds. */
  refunds: number;
  refundsCount: number;
  drops: number;
  /** Null on a blind close until the count is entered (cashiers only; managers always see it). */
  expected: number | null;
  counted: number | null;
  difference: number | null;
};

/** One staff member's share of a till: what they sold and gave back on it. */
export type ZReportStaff = {
  staffId: string;
  name: string;
  salesCount: number;
  salesMinor: number;
  voidsCount: number;
  voidsMinor: number;
  refundsCount: number;
  refundsMinor: number;
};

/** Z-report data of a closed till (an X-report while it is open). */
export type ZReport = {
  tillId: string;
  openedAt: string;
  closedAt: string | null;
  /** The till's owner. */
  staffId: string;
  staffName: string;
  /** A training till: its sales are practice and never count as takings. */
  training: boolean;
  currency: string;
  /** Money of the till: gross sales (after discounts), discounts given, voids, refunds and net. */
  totals: {
    grossMinor: number;
    discountsMinor: number;
    voidsMinor: number;
    refundsMinor: number;
    /** Gross − voids − refunds. */
    netMinor: number;
    floatMinor: number;
    dropsMinor: number;
    /** Null until counted (or hidden on a blind close). */
    expectedMinor: number | null;
    countedMinor: number | null;
  };
  perTender: ZReportTender[];
  /** Who did what on this till; the sums equal the totals. */
  perStaff: ZReportStaff[];
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
  /** True while expected amounts are withheld from a cashier (blind close, till still open). */
  blind: boolean;
  /** Who counted and closed the till (the owner, or a manager for them). */
  closedByName: string | null;
  /** The manager who signed off a variance over the limit, and why. */
  varianceApproval: { approvedByName: string; note: string } | null;
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

/** Why a door let a ticket in or not (issue 18); `admitted` is the only yes. */
export type DoorResult =
  | 'admitted'
  | 'already-admitted'
  | 'voided'
  | 'refunded'
  | 'another-cinema'
  | 'too-early'
  | 'too-late'
  | 'show-cancelled'
  | 'invalid'
  | 'not-ready';

/** A door's answer to one scan, as the screen shows it full size. */
export type DoorScan = {
  result: DoorResult;
  /** True only for `admitted`: green. */
  ok: boolean;
  /** What the screen says, e.g. "Already admitted 19:02 at Door 1". */
  message: string;
  /** The ticket as its code says and the replica knows it; null for codes that are not tickets. */
  ticket: null | {
    ticketId: string;
    showId: string;
    seatLabel: string;
    filmTitle: string | null;
    screenName: string | null;
    startsAt: string | null;
  };
  at: string;
};

/** What a door screen shows beside the last answer. */
export type DoorStatus = {
  door: string;
  /** False until the station has the server's key to check codes with (it needs to sync once). */
  ready: boolean;
  /** Admissions (and everything else) waiting to reach the server. */
  pending: number;
  /** Today's shows (by cinema day in the cinema's zone) with admitted of sold. */
  shows: {
    showId: string;
    filmTitle: string;
    screenName: string;
    startsAt: string;
    admitted: number;
    sold: number;
  }[];
  /** The latest scans here, newest first. */
  recent: { at: string; result: DoorResult; message: string }[];
  /** Admissions of this door that another door had made first (reported by the server). */
  conflicts: number;
};
export type * from './pickup-types.js';
