// A sale the server completed after the counter stopped waiting: keep it (nothing is lost) and put it
// in front of a manager, since no money may have been taken for it.
import type { ConcessionLine } from '../../common/concession-lines.js';
import type { CinemaInfo } from '../../common/contract/station.js';
import type { LocalDb } from './local-db.js';
import { priceBasket } from './pricing-data.js';
import { printJobsKey } from './sales.js';
import { writeOrderItems } from './sale-record.js';

type SellPayload = {
  orderId: string;
  showId: string;
  lines: { seatId: string; ticketTypeId: string; ticketId: string }[];
  staffId?: string;
  saleNumber?: number;
  discountCode?: string;
  concessions?: ConcessionLine[];
};

/** Records an acknowledged sale that the station has no order for, and files a review item. */
export function recordLateSale(
  deps: { db: LocalDb; cinema: () => CinemaInfo; stationId: string },
  payload: unknown,
): void {
  const p = payload as SellPayload;
  const { db } = deps;
  // Sold here in the usual way (its prints queued), or filed already: nothing to do. The order row
  // alone says nothing: the server's change log brings every order of the cinema into the replica,
  // often before a late answer, and a late sale missed for that reason was sold on the server with
  // no money taken, nothing printed and nobody told (found by the chaos run).
  const soldHere = db.$client
    .prepare('SELECT 1 FROM sync_state WHERE key = ?')
    .get(printJobsKey(p.orderId));
  const filed = db.$client
    .prepare(
      "SELECT 1 FROM review_items WHERE code = 'BO_LATE_SALE' AND json_extract(payload, '$.orderId') = ?",
    )
    .get(p.orderId);
  if (soldHere !== undefined || filed !== undefined) return;
  const known =
    db.$client.prepare('SELECT 1 FROM orders WHERE id = ?').get(p.orderId) !== undefined;
  const cinema = deps.cinema();
  const priced = priceBasket(db, p.showId, p.lines, p.discountCode, p.concessions ?? []);
  const now = Date.now();
  const recordOrder = () => {
    db.$client
      .prepare(
        `INSERT INTO orders (id, cinema_id, show_id, channel, station_id, staff_id, sale_number, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, training, offline, created_at)
           VALUES (?, ?, ?, 'counter', ?, ?, ?, 'paid', ?, ?, ?, ?, ?, 0, 0, ?)`,
      )
      .run(
        p.orderId,
        cinema.id,
        p.showId,
        deps.stationId,
        p.staffId ?? null,
        p.saleNumber ?? null,
        priced.currency,
        priced.subtotalMinor,
        priced.discountMinor,
        priced.taxMinor,
        priced.totalMinor,
        now,
      );
    const add = db.$client.prepare(
      "INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'valid', ?)",
    );
    p.lines.forEach((l, i) =>
      add.run(
        l.ticketId,
        p.orderId,
        p.showId,
        l.seatId,
        l.ticketTypeId,
        priced.tickets[i]?.totalMinor ?? 0,
        priced.tickets[i]?.taxMinor ?? 0,
        now,
      ),
    );
    writeOrderItems(db, p.orderId, p.concessions ?? [], priced);
  };
  db.$client.transaction(() => {
    if (!known) recordOrder();
    db.$client
      .prepare(
        'INSERT INTO review_items (id, kind, payload, code, message, created_at, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        crypto.randomUUID(),
        'sell',
        JSON.stringify(p),
        'BO_LATE_SALE',
        `Sale ${String(p.saleNumber ?? '')} completed on the server after the counter gave up waiting. Collect payment and reprint, or void it.`,
        now,
        now,
      );
  })();
}
