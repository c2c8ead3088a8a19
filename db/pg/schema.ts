// Central PostgreSQL schema (DESIGN §3–§7). Column names are snake_case via drizzle's `casing`.
import { sql } from 'drizzle-orm';
import {

  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name?: string) =>
  name === undefined
    ? timestamp({ withTimezone: true, mode: 'date' })
    : timestamp(name, { withTimezone: true, mode: 'date' });

/** PostgreSQL's 64-bit transaction id, used so change-log readers never skip a late commit. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

export const chains = pgTable('chains', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
});

export const cities = pgTable('cities', {
  id: uuid().primaryKey(),
  chainId: uuid().notNull().references(() => chains.id),
  name: text().notNull(),
  country: text().notNull(),
});

export const cinemas = pgTable('cinemas', {
  id: uuid().primaryKey(),
  chainId: uuid().notNull().references(() => chains.id),
  cityId: uuid().notNull().references(() => cities.id),
  name: text().notNull(),
  address: text().notNull(),
  timeZone: text().notNull(),
  currency: text().notNull(),
  locale: text().notNull(),
});

export const screens = pgTable('screens', {
  id: uuid().primaryKey(),
  cinemaId: uuid().notNull().references(() => cinemas.id),
  name: text().notNull(),
  /** Minutes between shows for cleaning; a show's end includes it. */
  cleaningMinutes: integer().notNull().default(15),
});

export const seatCategories = pgTable('seat_categories', {
  id: uuid().primaryKey(),
  screenId: uuid().notNull().references(() => screens.id),
  code: text().notNull(),
  name: text().notNull(),
  /** Higher ranks are the better seats; best-available tries them in order. */
  rank: integer().notNull(),
  color: text().notNull(),
});

export const seatLayouts = pgTable('seat_layouts', {
  id: uuid().primaryKey(),
  screenId: uuid().notNull().references(() => screens.id),
  name: text().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  active: boolean().notNull().default(true),
});

export const layoutRows = pgTable('layout_rows', {
  id: uuid().primaryKey(),
  layoutId: uuid().notNull().references(() => seatLayouts.id),
  label: text().notNull(),
  sortOrder: integer().notNull(),
  y: integer().notNull(),
});

export const seats = pgTable(
  'seats',
  {
    id: uuid().primaryKey(),
    layoutId: uuid().notNull().references(() => seatLayouts.id),
    rowId: uuid().notNull().references(() => layoutRows.id),
    rowLabel: text().notNull(),
    number: integer().notNull(),
    label: text().notNull(),
    categoryId: uuid().notNull().references(() => seatCategories.id),
    /** standard | wheelchair | companion */
    kind: text().notNull().default('standard'),
    x: integer().notNull(),
    y: integer().notNull(),
  },
  (t) => [uniqueIndex('seats_layout_label_uq').on(t.layoutId, t.label)],
);

export const movies = pgTable('movies', {
  id: uuid().primaryKey(),
  title: text().notNull(),
  synopsis: text().notNull(),
  genres: jsonb().$type<string[]>().notNull(),
  languages: jsonb().$type<string[]>().notNull(),
  certification: text().notNull(),
  cast: jsonb().$type<string[]>().notNull(),
  durationMinutes: integer().notNull(),
  /** Rating in tenths (78 = 7.8/10), never a float. */
  ratingTenths: integer(),
  releaseDate: date({ mode: 'string' }).notNull(),
  closeDate: date({ mode: 'string' }),
  posterUrl: text(),
});

export const formats = pgTable('formats', {
  id: uuid().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  /** Price multiplier in basis points: 10000 = ×1.00. */
  multiplierBp: integer().notNull(),
});

export const shows = pgTable(
  'shows',
  {
    id: uuid().primaryKey(),
    cinemaId: uuid().notNull().references(() => cinemas.id),
    screenId: uuid().notNull().references(() => screens.id),
    layoutId: uuid().notNull().references(() => seatLayouts.id),
    movieId: uuid().notNull().references(() => movies.id),
    formatId: uuid().notNull().references(() => formats.id),
    language: text().notNull(),
    startsAt: ts().notNull(),
    /** End of the film plus the screen's cleaning buffer; shows on a screen never overlap. */
    endsAt: ts().notNull(),
    /** scheduled | on_sale | cancelled | finished */
    status: text().notNull().default('on_sale'),
  },
  (t) => [
    index('shows_cinema_start_idx').on(t.cinemaId, t.startsAt),
    index('shows_screen_start_idx').on(t.screenId, t.startsAt),
  ],
);

export const showPrices = pgTable(
  'show_prices',
  {
    showId: uuid().notNull().references(() => shows.id),
    categoryId: uuid().notNull().references(() => seatCategories.id),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.categoryId] })],
);

export const ticketTypes = pgTable('ticket_types', {
  id: uuid().primaryKey(),
  chainId: uuid().notNull().references(() => chains.id),
  code: text().notNull(),
  name: text().notNull(),
  /** Multiplier on the seat price in basis points: child 7000 = 70 %. */
  multiplierBp: integer().notNull(),
  sortOrder: integer().notNull(),
});

export const taxes = pgTable('taxes', {
  id: uuid().primaryKey(),
  cinemaId: uuid().notNull().references(() => cinemas.id),
  name: text().notNull(),
  /** Rate in basis points: 900 = 9 %. */
  rateBp: integer().notNull(),
  /** true: the price already includes it; false: it is added on top. */
  inclusive: boolean().notNull(),
  /** ticket | concession */
  itemClass: text().notNull(),
});

export const discounts = pgTable('discounts', {
  id: uuid().primaryKey(),
  chainId: uuid().notNull().references(() => chains.id),
  code: text().notNull().unique(),
  name: text().notNull(),
  /** percent (value in basis points) | fixed (value in minor units) */
  kind: text().notNull(),
  value: integer().notNull(),
  currency: text(),
  validFrom: ts(),
  validTo: ts(),
  maxUses: integer(),
  uses: integer().notNull().default(0),
});

export const concessionItems = pgTable('concession_items', {
  id: uuid().primaryKey(),
  cinemaId: uuid().notNull().references(() => cinemas.id),
  name: text().notNull(),
  category: text().notNull(),
  priceMinor: integer().notNull(),
  currency: text().notNull(),
  /** For combos: the items it bundles. */
  comboOf: jsonb().$type<string[]>(),
  active: boolean().notNull().default(true),
});

export const stations = pgTable('stations', {
  id: uuid().primaryKey(),
  cinemaId: uuid().notNull().references(() => cinemas.id),
  name: text().notNull(),
  /** counter | kiosk */
  kind: text().notNull(),
  /** scrypt hash of the device secret: salt$hash, hex. */
  secretHash: text().notNull(),
  /** Ed25519 public key (hex) the server certifies for offline ticket codes. */
  publicKey: text(),
  lastSeenAt: ts(),
});

export const holds = pgTable(
  'holds',
  {
    /** Unguessable capability token. */
    id: text().primaryKey(),
    showId: uuid().notNull().references(() => shows.id),
    /** web | station */
    channel: text().notNull(),
    stationId: uuid(),
    /** active | released | expired | sold */
    status: text().notNull().default('active'),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    extended: boolean().notNull().default(false),
  },
  (t) => [index('holds_active_expiry_idx').on(t.expiresAt).where(sql`status = 'active'`)],
);

export const showSeats = pgTable(
  'show_seats',
  {
    showId: uuid().notNull().references(() => shows.id),
    seatId: uuid().notNull().references(() => seats.id),
    /** available | held | sold | blocked | allocated */
    state: text().notNull().default('available'),
    holdId: text(),
    /** Station the seat is escrowed to (state allocated), or that holds it. */
    stationId: uuid(),
    ticketId: uuid(),
    blockReason: text(),
    /** Bumped on every change, so readers can tell which version they have. */
    version: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.showId, t.seatId] }), index('show_seats_hold_idx').on(t.holdId)],
);

export const staff = pgTable('staff', {
  id: uuid().primaryKey(),
  chainId: uuid().notNull().references(() => chains.id),
  cinemaId: uuid().references(() => cinemas.id),
  name: text().notNull(),
  /** cashier | manager | admin */
  role: text().notNull(),
  /** scrypt hash of the PIN: salt$hash, hex. */
  pinHash: text().notNull(),
  active: boolean().notNull().default(true),
});

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey(),
    cinemaId: uuid().notNull().references(() => cinemas.id),
    showId: uuid().references(() => shows.id),
    /** counter | kiosk | web */
    channel: text().notNull(),
    stationId: uuid(),
    staffId: uuid(),
    /** Per-station running number printed on receipts. */
    saleNumber: integer(),
    /** pending | paid | void | refunded | partially_refunded | expired */
    status: text().notNull(),
    currency: text().notNull(),
    subtotalMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    taxMinor: integer().notNull(),
    totalMinor: integer().notNull(),
    discountCode: text(),
    training: boolean().notNull().default(false),
    offline: boolean().notNull().default(false),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('orders_show_idx').on(t.showId)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid().primaryKey(),
    orderId: uuid().notNull().references(() => orders.id),
    showId: uuid().notNull().references(() => shows.id),
    seatId: uuid().notNull().references(() => seats.id),
    ticketTypeId: uuid().notNull().references(() => ticketTypes.id),
    priceMinor: integer().notNull(),
    taxMinor: integer().notNull(),
    /** valid | void | refunded */
    status: text().notNull().default('valid'),
    code: text(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    // The last line of defence of DESIGN §3: a seat of a show has at most one valid ticket.
    uniqueIndex('tickets_valid_seat_uq').on(t.showId, t.seatId).where(sql`status = 'valid'`),
    index('tickets_order_idx').on(t.orderId),
  ],
);

export const orderItems = pgTable('order_items', {
  id: uuid().primaryKey(),
  orderId: uuid().notNull().references(() => orders.id),
  concessionItemId: uuid().notNull().references(() => concessionItems.id),
  quantity: smallint().notNull(),
  unitPriceMinor: integer().notNull(),
  taxMinor: integer().notNull(),
});

export const payments = pgTable('payments', {
  id: uuid().primaryKey(),
  orderId: uuid().notNull().references(() => orders.id),
  /** cash | card | voucher | online */
  tender: text().notNull(),
  amountMinor: integer().notNull(),
  currency: text().notNull(),
  /** Card terminal reference, voucher number or provider payment id. */
  reference: text(),
  provider: text(),
  /** pending | succeeded | failed | refunded */
  status: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
});

export const changeLog = pgTable(
  'change_log',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    /** The writing transaction: readers stop below the oldest one still running (DESIGN §4). */
    txId: xid8().notNull().default(sql`pg_current_xact_id()`),
    cinemaId: uuid().notNull(),
    showId: uuid(),
    entity: text().notNull(),
    entityId: text().notNull(),
    /** upsert | delete */
    op: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('change_log_cinema_pos_idx').on(t.cinemaId, t.txId, t.seq),
    index('change_log_pos_idx').on(t.txId, t.seq),
  ],
);

export const appliedMutations = pgTable('applied_mutations', {
  id: uuid().primaryKey(),
  stationId: uuid().notNull(),
  kind: text().notNull(),
  /** ack | reject */
  outcome: text().notNull(),
  result: jsonb().$type<unknown>(),
  appliedAt: ts().notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: ts().notNull().defaultNow(),
    /** station | staff | customer | system */
    actorKind: text().notNull(),
    actorId: text(),
    /** web | station | admin | system */
    channel: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

/** Keeps the server's settings that must survive restarts, such as the demo seed marker. */
export const serverMeta = pgTable('server_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
});

