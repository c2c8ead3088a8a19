// Applies an 'order' change to the replica: the order and its tickets, so today's bookings can be
// looked up offline (DESIGN §5): a web booking by its reference, each ticket with its signed code
// for the door. The change carries less than the orders table holds; see notes. Keys that older
// servers do not send leave what the replica has.
import { z } from 'zod';
import type { LocalDb } from '../local-db.js';

const orderData = z.object({
  orderId: z.uuid(),
  status: z.string().min(1),
  channel: z.string().min(1),
  stationId: z.string().nullable().optional(),
  totalMinor: z.number().int(),
  currency: z.string().min(1),
  // Sent with web bookings (and by newer servers); without it the show is found from the seats.
  showId: z.uuid().optional(),
  // A web booking's reference, said at the counter to pick the tickets up.
  reference: z.string().min(1).max(40).nullable().optional(),
  tickets: z.array(
    z.object({
      ticketId: z.uuid(),
      seatId: z.uuid(),
      ticketTypeId: z.uuid(),
      priceMinor: z.number().int(),
      taxMinor: z.number().int(),
      // Web bookings: each ticket's state (refunded after a cancellation) and its signed code.
      // A state this version does not know (a newer server's) leaves the replica's, rather than
      // dropping the whole order.
      status: z.enum(['valid', 'refunded', 'void']).optional().catch(undefined),
      code: z.string().min(1).max(1000).nullable().optional(),
    }),
  ),
  // Sent by servers that sell concessions; an order without the key keeps the items it has.
  subtotalMinor: z.number().int().optional(),
  discountMinor: z.number().int().optional(),
  taxMinor: z.number().int().optional(),
  concessions: z
    .array(
      z.object({
        orderItemId: z.uuid(),
        itemId: z.uuid(),
        quantity: z.number().int().positive(),
        unitPriceMinor: z.number().int(),
        taxMinor: z.number().int(),
        totalMinor: z.number().int(),
      }),
    )
    .optional(),
});

/** An order change as the server logs it. */
export type OrderData = z.infer<typeof orderData>;

/** Parses the data of an order change; null when it is malformed. */
export function parseOrderData(data: unknown): OrderData | null {
  const r = orderData.safeParse(data);
  return r.success ? r.data : null;
}

// Orders with a sale still in the outbox are the station's own, not yet confirmed.
const PENDING_ORDER_IDS =
  "SELECT json_extract(payload, '$.orderId') FROM outbox WHERE kind = 'sell' AND json_extract(payload, '$.orderId') IS NOT NULL";

/** Prepared statements for order changes; every call runs inside the caller's transaction. */
export type OrderApplier = {
  upsert(order: OrderData, showId: string | null, cinemaId: string, now: number): void;
  remove(orderId: string): void;
  /** A seat that is no longer sold voids its local valid ticket (unless the sale is still ours and pending). */
  seatUnsold(showId: string, seatId: string): void;
  /** The one show in which all these seats are sold, when exactly one matches. */
  guessShow(seatIds: string[]): string | null;
};

/** Prepares the order statements on the replica. */
export function createOrderApplier(db: LocalDb): OrderApplier {
  const c = db.$client;
  const insertOrder = c.prepare(`
    INSERT INTO orders (id, cinema_id, show_id, channel, station_id, status, currency, subtotal_minor, discount_minor, tax_minor, total_minor, reference, created_at)
    VALUES (@id, @cinemaId, @showId, @channel, @stationId, @status, @currency, @subtotal, @discount, @tax, @total, @reference, @now)
    ON CONFLICT(id) DO UPDATE SET status = excluded.status, total_minor = excluded.total_minor, show_id = coalesce(orders.show_id, excluded.show_id),
      reference = coalesce(excluded.reference, orders.reference)`);
  const voidOthers = c.prepare(
    "UPDATE tickets SET status = 'void' WHERE show_id = ? AND seat_id = ? AND status = 'valid' AND id != ?",
  );
  // A status or code the change does not carry (NULL) leaves the replica's as it is.
  const insertTicket = c.prepare(`
    INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status, code, created_at)
    VALUES (@id, @orderId, @showId, @seatId, @typeId, @price, @tax, coalesce(@status, 'valid'), @code, @now)
    ON CONFLICT(id) DO UPDATE SET price_minor = excluded.price_minor, tax_minor = excluded.tax_minor,
      status = coalesce(@status, tickets.status), code = coalesce(excluded.code, tickets.code)`);
  const linkSeat = c.prepare(
    "UPDATE show_seats SET ticket_id = ? WHERE show_id = ? AND seat_id = ? AND state = 'sold'",
  );
  const deleteTickets = c.prepare('DELETE FROM tickets WHERE order_id = ?');
  const deleteItems = c.prepare('DELETE FROM order_items WHERE order_id = ?');
  const insertItem = c.prepare(
    'INSERT OR REPLACE INTO order_items (id, order_id, concession_item_id, quantity, unit_price_minor, tax_minor, total_minor) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const deleteOrder = c.prepare('DELETE FROM orders WHERE id = ?');
  const voidUnsold = c.prepare(
    `UPDATE tickets SET status = 'void' WHERE show_id = ? AND seat_id = ? AND status = 'valid' AND order_id NOT IN (${PENDING_ORDER_IDS})`,
  );

  return {
    upsert(order, showId, cinemaId, now) {
      const items = order.concessions ?? [];
      const subtotal =
        order.subtotalMinor ??
        [...order.tickets, ...items.map((i) => ({ priceMinor: i.totalMinor }))].reduce(
          (a, t) => a + t.priceMinor,
          0,
        );
      insertOrder.run({
        id: order.orderId,
        cinemaId,
        showId,
        // The server stores station sales under the 'counter' channel.
        channel: order.channel === 'station' ? 'counter' : order.channel,
        stationId: order.stationId ?? null,
        status: order.status,
        currency: order.currency,
        subtotal,
        discount: order.discountMinor ?? Math.max(0, subtotal - order.totalMinor),
        tax: order.taxMinor ?? [...order.tickets, ...items].reduce((a, t) => a + t.taxMinor, 0),
        total: order.totalMinor,
        reference: order.reference ?? null,
        now,
      });
      if (order.concessions !== undefined) {
        // The server's lines replace whatever this station wrote for the order: it is the authority.
        deleteItems.run(order.orderId);
        for (const i of order.concessions)
          insertItem.run(
            i.orderItemId,
            order.orderId,
            i.itemId,
            i.quantity,
            i.unitPriceMinor,
            i.taxMinor,
            i.totalMinor,
          );
      }
      if (showId === null) return;
      for (const t of order.tickets) {
        // A refunded or void ticket no longer holds its seat: it must not void the seat's new owner.
        const holdsSeat = t.status === undefined || t.status === 'valid';
        // The server sold this seat to this ticket, so every other valid local ticket for it is stale.
        if (holdsSeat) voidOthers.run(showId, t.seatId, t.ticketId);
        insertTicket.run({
          id: t.ticketId,
          orderId: order.orderId,
          showId,
          seatId: t.seatId,
          typeId: t.ticketTypeId,
          price: t.priceMinor,
          tax: t.taxMinor,
          status: t.status ?? null,
          code: t.code ?? null,
          now,
        });
        if (holdsSeat) linkSeat.run(t.ticketId, showId, t.seatId);
      }
    },
    remove(orderId) {
      deleteTickets.run(orderId);
      deleteItems.run(orderId);
      deleteOrder.run(orderId);
    },
    seatUnsold(showId, seatId) {
      voidUnsold.run(showId, seatId);
    },
    guessShow(seatIds) {
      if (seatIds.length === 0) return null;
      const rows = c
        .prepare(
          `SELECT show_id FROM show_seats WHERE state = 'sold' AND seat_id IN (${seatIds.map(() => '?').join(',')}) GROUP BY show_id HAVING count(*) = ? LIMIT 2`,
        )
        .all(...seatIds, seatIds.length) as { show_id: string }[];
      return rows.length === 1 ? (rows[0]?.show_id ?? null) : null;
    },
  };
}
