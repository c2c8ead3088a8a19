// Writes a sale into the replica: order, tickets, concessions, payments, seats and till events, in one transaction.
import { randomUUID } from 'node:crypto';
import type { ConcessionLine } from '../../common/concession-lines.js';
import type { SaleView } from '../../common/contract/station.js';
import type { CounterTender } from '../../common/tenders.js';
import type { PricedOrder, TaxTotal } from '../../common/pricing.js';
import { giveBackSources } from './give-back-sources.js';
import type { LocalDb } from './local-db.js';
import type { TillDetails, Tills } from './till.js';

export type SaleTender = {
  tender: CounterTender;
  amountMinor: number;
  reference?: string | undefined;
};

/** Everything a recorded sale consists of. */
export type SaleRecord = {
  orderId: string;
  showId: string;
  cinemaId: string;
  stationId: string;
  staffId: string;
  saleNumber: number;
  lines: { seatId: string; ticketTypeId: string; ticketId: string }[];
  /** Food and drink, in the order of `priced.concessions`. */
  concessions: ConcessionLine[];
  priced: PricedOrder;
  /** Amounts applied to the total per tender (cash net of change). */
  tenders: SaleTender[];
  changeDueMinor: number;
  offline: boolean;
  training: boolean;
  tillId: string;
  discountCode?: string | undefined;
};

/** A tax component as receipts and Z-reports name it: CGST 9 % on tickets and CGST 2.5 % on food are different lines. */
export function taxLabel(t: Pick<TaxTotal, 'name' | 'rateBp'>): string {
  return `${t.name} ${String(t.rateBp / 100)}%`;
}

/** Writes the concession lines of an order, replacing any (the server's change for it may have landed first). */
export function writeOrderItems(
  db: LocalDb,
  orderId: string,
  lines: readonly ConcessionLine[],
  priced: PricedOrder,
): void {
  db.$client.prepare('DELETE FROM order_items WHERE order_id = ?').run(orderId);
  const add = db.$client.prepare(
    'INSERT INTO order_items (id, order_id, concession_item_id, quantity, unit_price_minor, tax_minor, total_minor) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  lines.forEach((l, i) => {
    const line = priced.concessions[i];
    add.run(
      randomUUID(),
      orderId,
      l.itemId,
      l.quantity,
      line?.unitPriceMinor ?? 0,
      line?.taxMinor ?? 0,
      line?.totalMinor ?? 0,
    );
  });
}

/** The Z-report's share of a recorded sale: taxes, tickets per type and concessions per item. */
function saleDetails(db: LocalDb, s: SaleRecord): TillDetails {
  const c = db.$client;
  const count = (
    into: Map<string, { count: number; amountMinor: number }>,
    name: string,
    n: number,
    amount: number,
  ) => {
    const cur = into.get(name) ?? { count: 0, amountMinor: 0 };
    into.set(name, { count: cur.count + n, amountMinor: cur.amountMinor + amount });
  };
  const typeName = c.prepare('SELECT name FROM ticket_types WHERE id = ?');
  const byType = new Map<string, { count: number; amountMinor: number }>();
  s.lines.forEach((l, i) =>
    count(
      byType,
      (typeName.get(l.ticketTypeId) as { name: string } | undefined)?.name ?? 'Ticket',
      1,
      s.priced.tickets[i]?.totalMinor ?? 0,
    ),
  );
  const itemName = c.prepare('SELECT name FROM concession_items WHERE id = ?');
  const byItem = new Map<string, { count: number; amountMinor: number }>();
  s.concessions.forEach((l, i) =>
    count(
      byItem,
      (itemName.get(l.itemId) as { name: string } | undefined)?.name ?? 'Item',
      l.quantity,
      s.priced.concessions[i]?.totalMinor ?? 0,
    ),
  );
  return {
    taxes: s.priced.taxes
      .filter((t) => t.amountMinor !== 0)
      .map((t) => ({ name: taxLabel(t), amountMinor: t.amountMinor })),
    ticketTypes: [...byType].map(([name, v]) => ({ name, ...v })),
    ...(byItem.size === 0 ? {} : { concessions: [...byItem].map(([name, v]) => ({ name, ...v })) }),
  };
}

/** Records the sale; must run inside a better-sqlite3 transaction together with its outbox row. */
export function recordSale(db: LocalDb, tills: Tills, s: SaleRecord): void {
  const now = Date.now();
  const c = db.$client;
  c.prepare(
    `INSERT INTO orders (id, cinema_id, show_id, channel, station_id, staff_id, sale_number, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, discount_code, training, offline, created_at)
     VALUES (?, ?, ?, 'counter', ?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, staff_id = excluded.staff_id, sale_number = excluded.sale_number,
       discount_code = excluded.discount_code, training = excluded.training, offline = excluded.offline`,
  ).run(
    s.orderId,
    s.cinemaId,
    s.showId,
    s.stationId,
    s.staffId,
    s.saleNumber,
    s.priced.currency,
    s.priced.subtotalMinor,
    s.priced.discountMinor,
    s.priced.taxMinor,
    s.priced.totalMinor,
    s.priced.discount?.code ?? null,
    s.training ? 1 : 0,
    s.offline ? 1 : 0,
    now,
  );
  // The server's own change for this order may have landed first (it raced our ack).
  const addTicket = c.prepare(
    "INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'valid', ?) ON CONFLICT (id) DO NOTHING",
  );
  // Training sales never take real seats: only their order is kept, for the training till.
  const sellSeat = c.prepare(
    "UPDATE show_seats SET state = 'sold', station_id = NULL, hold_id = NULL, ticket_id = ? WHERE show_id = ? AND seat_id = ?",
  );
  s.lines.forEach((l, i) => {
    const line = s.priced.tickets[i];
    if (!s.training)
      addTicket.run(
        l.ticketId,
        s.orderId,
        s.showId,
        l.seatId,
        l.ticketTypeId,
        line?.totalMinor ?? 0,
        line?.taxMinor ?? 0,
        now,
      );
    if (!s.training) sellSeat.run(l.ticketId, s.showId, l.seatId);
  });
  // Concessions take no seat, so training sales keep them: the training till's report shows them.
  writeOrderItems(db, s.orderId, s.concessions, s.priced);
  const addPayment = c.prepare(
    "INSERT INTO payments (id, order_id, tender, amount_minor, currency, reference, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'succeeded', ?)",
  );
  const details = saleDetails(db, s);
  s.tenders.forEach((t, i) => {
    addPayment.run(
      randomUUID(),
      s.orderId,
      t.tender,
      t.amountMinor,
      s.priced.currency,
      t.reference ?? null,
      now,
    );
    tills.record({
      tillId: s.tillId,
      kind: 'sale',
      tender: t.tender,
      amountMinor: t.amountMinor,
      orderId: s.orderId,
      staffId: s.staffId,
      details: i === 0 ? details : null,
      reference: t.reference,
    });
  });
}

/** Reads a sale back as the counter shows it. */
export function saleView(
  db: LocalDb,
  orderId: string,
  extra: { changeDueMinor?: number; printJobIds?: string[] } = {},
): SaleView | null {
  const o = db.$client.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as
    | {
        id: string;
        sale_number: number | null;
        show_id: string;
        status: string;
        total_minor: number;
        tax_minor: number;
        currency: string;
        offline: number;
        training: number;
        created_at: number;
      }
    | undefined;
  if (!o) return null;
  const tickets = db.$client
    .prepare(
      'SELECT t.id, t.seat_id, s.label, tt.name, t.price_minor, t.status FROM tickets t JOIN seats s ON s.id = t.seat_id JOIN ticket_types tt ON tt.id = t.ticket_type_id WHERE t.order_id = ? ORDER BY s.label',
    )
    .all(orderId) as {
    id: string;
    seat_id: string;
    label: string;
    name: string;
    price_minor: number;
    status: string;
  }[];
  const tenders = db.$client
    .prepare('SELECT tender, amount_minor, reference FROM payments WHERE order_id = ?')
    .all(orderId) as { tender: string; amount_minor: number; reference: string | null }[];
  const items = db.$client
    .prepare(
      "SELECT i.concession_item_id, coalesce(c.name, 'Item') AS name, i.quantity, i.unit_price_minor, i.total_minor FROM order_items i LEFT JOIN concession_items c ON c.id = i.concession_item_id WHERE i.order_id = ? ORDER BY i.rowid",
    )
    .all(orderId) as {
    concession_item_id: string;
    name: string;
    quantity: number;
    unit_price_minor: number;
    total_minor: number;
  }[];
  return {
    orderId: o.id,
    saleNumber: o.sale_number,
    showId: o.show_id,
    status: o.status,
    totalMinor: o.total_minor,
    taxMinor: o.tax_minor,
    currency: o.currency,
    tenders: tenders.map((t) => ({
      tender: t.tender,
      amountMinor: t.amount_minor,
      reference: t.reference,
    })),
    changeDueMinor: extra.changeDueMinor ?? 0,
    offline: o.offline === 1,
    training: o.training === 1,
    createdAt: new Date(o.created_at).toISOString(),
    tickets: tickets.map((t) => ({
      ticketId: t.id,
      seatId: t.seat_id,
      seatLabel: t.label,
      ticketType: t.name,
      priceMinor: t.price_minor,
      status: t.status,
    })),
    concessions: items.map((i) => ({
      itemId: i.concession_item_id,
      name: i.name,
      quantity: i.quantity,
      unitPriceMinor: i.unit_price_minor,
      totalMinor: i.total_minor,
    })),
    printJobIds: extra.printJobIds ?? [],
    tenderBalances: giveBackSources(db, orderId),
  };
}

/**
 * The next sale number of this station (kept in sync_state, so it survives restarts). Training sales
 * have a counter of their own, shown as T-1, T-2…, so real numbers stay gapless and never advance for practice.
 */
export function nextSaleNumber(db: LocalDb, training = false): number {
  const key = training ? 'training_sale_number' : 'sale_number';
  const row = db.$client.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  const next = Number(row?.value ?? '0') + 1;
  db.$client
    .prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(key, String(next));
  return next;
}
