// Cancelling a show (DESIGN §12): it stops selling at once, every web booking is cancelled and
// refunded in full (no fee: the cinema cancelled), unpaid bookings and holds end, and tickets sold
// at counters and kiosks are voided (doors refuse them) and their orders marked for a refund at the
// counter. Each booking is its own short transaction, so a big show never holds its seats locked
// for long; running it again finishes what a crash interrupted.
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange } from '../services/change-log.js';
import { endHold } from '../services/holds.js';
import { voidTickets } from '../services/sale-voids.js';
import { clearShowCaches } from '../services/shows.js';
import { withTx } from '../services/tx.js';
import { cancelBooking } from './cancel.js';
import { appendEvent } from './events.js';

/** What a show cancellation did. */
export type ShowCancelled = {
  showId: string;
  bookingsCancelled: number;
  refundIds: string[];
  cancelPayments: { provider: string; ref: string }[];
  counterTicketsVoided: number;
  holdsEnded: number;
  /** The show was cancelled before this call (which finished anything left over). */
  alreadyCancelled: boolean;
};

/** Cancels a show and everything sold or held for it; safe to run again. */
export async function cancelShow(
  pool: pg.Pool,
  showId: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<ShowCancelled> {
  const first = await withTx(pool, async (tx) => {
    const r = await tx.query<{ status: string; cinema_id: string }>({
      name: 'show_cancel_lock',
      text: 'SELECT status, cinema_id FROM shows WHERE id = $1 FOR UPDATE',
      values: [showId],
    });
    const show = r.rows[0];
    if (!show) throw new BoError('BO_SHOW_NOT_FOUND', `No show ${showId}.`);
    if (show.status === 'cancelled') return { cinemaId: show.cinema_id, fresh: false };
    const row = await tx.query<Record<string, unknown>>({
      name: 'show_cancel_set',
      text: "UPDATE shows SET status = 'cancelled' WHERE id = $1 RETURNING *",
      values: [showId],
    });
    await appendChange(tx, {
      cinemaId: show.cinema_id,
      showId,
      entity: 'shows',
      entityId: showId,
      op: 'upsert',
      data: row.rows[0] ?? null,
    });
    await audit(tx, actor, 'cancel', 'show', showId, { reason });
    await appendEvent(tx, {
      type: 'show.cancelled',
      showId,
      cinemaId: show.cinema_id,
      data: { reason },
    });
    return { cinemaId: show.cinema_id, fresh: true };
  });
  // Every process re-reads a show's status within seconds; this one at once.
  clearShowCaches();
  const out: Omit<ShowCancelled, 'alreadyCancelled'> = {
    showId,
    bookingsCancelled: 0,
    refundIds: [],
    cancelPayments: [],
    counterTicketsVoided: 0,
    holdsEnded: 0,
  };
  const bookings = await pool.query<{ id: string }>({
    name: 'show_cancel_bookings',
    text: "SELECT id FROM bookings WHERE show_id = $1 AND status IN ('pending', 'confirmed') ORDER BY created_at",
    values: [showId],
  });
  for (const { id } of bookings.rows) {
    const done = await withTx(pool, (tx) =>
      cancelBooking(
        tx,
        id,
        null,
        {},
        { kind: 'show', reason: `show cancelled: ${reason}` },
        actor,
        now,
      ),
    ).catch((e: unknown) => {
      // A booking whose payment the bank is still confirming is settled (and refunded) when it lands.
      if (e instanceof BoError && e.code === 'BO_BOOKING_STATE') return null;
      throw e;
    });
    if (done === null) continue;
    out.bookingsCancelled += 1;
    out.refundIds.push(...done.refundIds);
    out.cancelPayments.push(...done.cancelPayments);
  }
  const holds = await pool.query<{ id: string }>({
    name: 'show_cancel_holds',
    text: "SELECT id FROM holds WHERE show_id = $1 AND status = 'active'",
    values: [showId],
  });
  for (const { id } of holds.rows) {
    await withTx(pool, (tx) => endHold(tx, id, actor, 'released')).catch(() => undefined);
    out.holdsEnded += 1;
  }
  // Counter and kiosk sales: the tickets stop admitting, and the orders say money is owed back.
  const counter = await pool.query<{ id: string; order_id: string }>({
    name: 'show_cancel_counter',
    text: "SELECT t.id, t.order_id FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.show_id = $1 AND t.status = 'valid' AND o.channel <> 'web'",
    values: [showId],
  });
  if (counter.rows.length > 0) {
    await withTx(pool, async (tx) => {
      await voidTickets(
        tx,
        {
          ticketIds: counter.rows.map((t) => t.id),
          reason: `show cancelled: ${reason}; refund at the counter`,
          refund: false,
        },
        actor,
      );
      await tx.query({
        name: 'show_cancel_refund_due',
        text: "UPDATE orders SET status = 'refund_due' WHERE id = ANY($1::uuid[])",
        values: [[...new Set(counter.rows.map((t) => t.order_id))]],
      });
    });
    out.counterTicketsVoided = counter.rows.length;
  }
  return { ...out, alreadyCancelled: !first.fresh };
}
