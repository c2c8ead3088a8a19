// Cancelling a show (DESIGN §12): it stops selling at once, every web booking is cancelled and
// refunded in full (no fee: the cinema cancelled), unpaid bookings and holds end. Each booking is
// its own short transaction, so a big show never holds its seats locked for long; running it again
// finishes what a crash interrupted and answers the same summary.
//
// Counter and kiosk tickets are NOT voided here. Their money went into a till, and only the
// counter's refund flow (src-main/station/voids.ts: manager PIN → `void` mutation with refund →
// tickets refunded, seats freed, doors told, money back per tender on the cashier's open till) can
// give it back. That flow takes valid tickets only: a ticket voided here would reach the replica as
// void and the counter would answer "refunded already", leaving the customer's cash stuck. So they
// stay valid until the customer comes back; stations learn the show is cancelled (its row goes out
// as a `shows` change), and the summary says how many tickets are still owed at the counter.
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange } from '../services/change-log.js';
import { endHold } from '../services/holds.js';
import { clearShowCaches } from '../services/shows.js';
import { withTx, type Queryable } from '../services/tx.js';
import { cancelBooking } from './cancel.js';
import { appendEvent } from './events.js';

/** What a show cancellation did, all calls together (the same on every repeat). */
export type ShowCancelSummary = {
  showId: string;
  /** Web bookings the cancellation ended (paid ones refunded, unpaid ones released). */
  bookingsCancelled: number;
  /** Refund records written for them, and their sum. */
  refunds: number;
  refundedMinor: number;
  currency: string | null;
  /** Counter and kiosk tickets that were valid when the show was cancelled: refunded at the counter. */
  counterTicketsToRefund: number;
  /** Of those, how many the counter has not refunded yet. */
  counterTicketsOutstanding: number;
  /** Holds still active on the show that this call ended (0 on a repeat). */
  holdsEnded: number;
  /** The show was cancelled before this call (which finished anything left over). */
  alreadyCancelled: boolean;
};

/** What the caller does after the work committed: refunds and payment cancellations to ask for. */
export type ShowCancelled = ShowCancelSummary & {
  refundIds: string[];
  cancelPayments: { provider: string; ref: string }[];
};

const COUNTER_TICKETS =
  "SELECT count(*)::int AS n FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.show_id = $1 AND t.status = 'valid' AND o.channel <> 'web'";

/** Flips the show to cancelled (once) and tells stations; returns whether this call did it. */
async function flipShow(
  pool: pg.Pool,
  showId: string,
  reason: string,
  actor: Actor,
): Promise<boolean> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<{ status: string; cinema_id: string }>({
      name: 'show_cancel_lock',
      text: 'SELECT status, cinema_id FROM shows WHERE id = $1 FOR UPDATE',
      values: [showId],
    });
    const show = r.rows[0];
    if (!show) throw new BoError('BO_SHOW_NOT_FOUND', `No show ${showId}.`);
    if (show.status === 'cancelled') return false;
    const row = await tx.query<Record<string, unknown>>({
      name: 'show_cancel_set',
      text: "UPDATE shows SET status = 'cancelled' WHERE id = $1 RETURNING *",
      values: [showId],
    });
    // The whole row, as a snapshot sends it: the replica replaces its copy (apply-changes.ts).
    await appendChange(tx, {
      cinemaId: show.cinema_id,
      showId,
      entity: 'shows',
      entityId: showId,
      op: 'upsert',
      data: row.rows[0] ?? null,
    });
    // Counted as the show flips; a counter sale racing the flip (processes cache a show's status
    // for seconds) still shows in counterTicketsOutstanding, which is read afresh every time.
    const counter = await tx.query<{ n: number }>({
      name: 'show_cancel_counter_count',
      text: COUNTER_TICKETS,
      values: [showId],
    });
    const counterTickets = counter.rows[0]?.n ?? 0;
    await audit(tx, actor, 'cancel', 'show', showId, { reason, counterTickets });
    await appendEvent(tx, {
      type: 'show.cancelled',
      showId,
      cinemaId: show.cinema_id,
      data: { reason, counterTickets },
    });
    return true;
  });
}

/** The summary as the database has it now, so a repeat answers what the first call did. */
async function summaryOf(
  db: Queryable,
  showId: string,
): Promise<Omit<ShowCancelSummary, 'holdsEnded' | 'alreadyCancelled'>> {
  const r = await db.query<{
    bookings: number;
    refunds: number;
    refunded: number;
    currency: string | null;
    counter: number | null;
    outstanding: number;
  }>({
    name: 'show_cancel_summary',
    text: `SELECT
        (SELECT count(*)::int FROM events e WHERE e.show_id = $1 AND e.type = 'booking.cancelled' AND e.data->>'byShow' = 'true') AS bookings,
        (SELECT count(*)::int FROM booking_refunds r JOIN bookings b ON b.id = r.booking_id WHERE b.show_id = $1 AND r.reason = 'show_cancelled') AS refunds,
        (SELECT COALESCE(sum(r.amount_minor), 0)::int FROM booking_refunds r JOIN bookings b ON b.id = r.booking_id WHERE b.show_id = $1 AND r.reason = 'show_cancelled') AS refunded,
        (SELECT c.currency FROM shows sh JOIN cinemas c ON c.id = sh.cinema_id WHERE sh.id = $1) AS currency,
        (SELECT (e.data->>'counterTickets')::int FROM events e WHERE e.show_id = $1 AND e.type = 'show.cancelled' ORDER BY e.id LIMIT 1) AS counter,
        (${COUNTER_TICKETS.replace('count(*)::int AS n', 'count(*)::int')}) AS outstanding`,
    values: [showId],
  });
  const row = r.rows[0];
  return {
    showId,
    bookingsCancelled: row?.bookings ?? 0,
    refunds: row?.refunds ?? 0,
    refundedMinor: row?.refunded ?? 0,
    currency: row?.currency ?? null,
    counterTicketsToRefund: row?.counter ?? 0,
    counterTicketsOutstanding: row?.outstanding ?? 0,
  };
}

/** Cancels a show and everything sold or held for it online; safe to run again. */
export async function cancelShow(
  pool: pg.Pool,
  showId: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<ShowCancelled> {
  // The status flips first, in its own transaction: from here on nothing new sells or holds.
  const fresh = await flipShow(pool, showId, reason, actor);
  // Every process re-reads a show's status within seconds; this one at once.
  clearShowCaches();
  const refundIds: string[] = [];
  const cancelPayments: ShowCancelled['cancelPayments'] = [];
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
      // A booking whose payment the bank is still confirming is refunded when it lands: its
      // confirmation finds the show cancelled (confirm.ts) and refunds the payment in full.
      if (e instanceof BoError && e.code === 'BO_BOOKING_STATE') return null;
      throw e;
    });
    if (done === null) continue;
    refundIds.push(...done.refundIds);
    cancelPayments.push(...done.cancelPayments);
  }
  // Holds not turned into bookings: web baskets and counters' seats mid-sale.
  const holds = await pool.query<{ id: string }>({
    name: 'show_cancel_holds',
    text: "SELECT id FROM holds WHERE show_id = $1 AND status = 'active' ORDER BY id",
    values: [showId],
  });
  let holdsEnded = 0;
  for (const { id } of holds.rows) {
    const ended = await withTx(pool, (tx) => endHold(tx, id, actor, 'released')).then(
      () => true,
      (e: unknown) => {
        // Ended meanwhile (released by its owner, expired, sold): nothing left to do.
        if (e instanceof BoError && e.code === 'BO_HOLD_NOT_FOUND') return false;
        throw e;
      },
    );
    if (ended) holdsEnded += 1;
  }
  return {
    ...(await summaryOf(pool, showId)),
    holdsEnded,
    alreadyCancelled: !fresh,
    refundIds,
    cancelPayments,
  };
}
