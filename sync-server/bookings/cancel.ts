// Cancelling bookings and refunding them (DESIGN §7, §12). A customer cancels a whole booking or
// single tickets until the policy's cut-off before the show, less its fee; a manager refunds any
// booking, tickets or money, at any time. Tickets given back are refunded (their seats go back on
// sale and doors refuse them); refunds are recorded here and asked of the provider after commit.
import { recordRefundKept } from '../reports/deltas.js';
import { BoError } from '../../common/errors.js';
import { formatInstant, type TimeDisplay } from '../../common/instant-words.js';
import { mulDivRound } from '../../common/money.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange } from '../services/change-log.js';
import { voidTickets } from '../services/sale-voids.js';
import { showMeta } from '../services/shows.js';
import type { Tx } from '../services/tx.js';
import { orderChangeData } from './confirm.js';
import { cancelPending } from './cancel-pending.js';
import { appendEvent } from './events.js';
import type { BookingClaim } from './owner.js';
import { recordRefund, refundable, type NewRefund } from './refunds.js';
import { lockBooking, type BookingRow } from './rows.js';

/** Who cancels, and so which rules apply. */
export type Canceller =
  | { kind: 'customer'; cutoffMinutes: number; feeBp: number }
  | { kind: 'manager'; staffId: string; reason: string }
  | { kind: 'show'; reason: string };

/** What a cancellation asks for: tickets (none: all that are valid) and, for managers, extra money. */
export type CancelRequest = { ticketIds?: string[] | undefined; extraMinor?: number | undefined };

/** What to do once the transaction commits. */
export type CancelOutcome = {
  refundIds: string[];
  showId: string;
  /** Payments of a pending booking to cancel at their provider. */
  cancelPayments: { provider: string; ref: string }[];
};

/** The cinema's time zone and locale, so a deadline reads as its customers' clocks show it. */
async function displayOf(tx: Tx, cinemaId: string): Promise<TimeDisplay | null> {
  const r = await tx.query<{ time_zone: string; locale: string }>({
    name: 'cancel_cinema_display',
    text: 'SELECT time_zone, locale FROM cinemas WHERE id = $1',
    values: [cinemaId],
  });
  const c = r.rows[0];
  return c === undefined ? null : { timeZone: c.time_zone, locale: c.locale };
}

type TicketRow = { id: string; status: string; price_minor: number; code: string | null };

/** Spreads a refund over the booking's payments (most recent first); refuses more than is left. */
async function refundsFor(
  tx: Tx,
  b: BookingRow,
  amount: number,
  base: Omit<NewRefund, 'paymentId' | 'amountMinor' | 'currency'>,
): Promise<string[]> {
  const left = await refundable(tx, b.id);
  const total = left.reduce((a, p) => a + p.leftMinor, 0);
  if (amount > total)
    throw new BoError(
      'BO_REFUND_EXCEEDS_PAID',
      `That is more than is left to refund on this booking (${String(total)} in minor units).`,
      { refundableMinor: total },
    );
  const ids: string[] = [];
  let rest = amount;
  for (const p of left) {
    if (rest === 0) break;
    const part = Math.min(rest, p.leftMinor);
    ids.push(
      await recordRefund(tx, {
        ...base,
        paymentId: p.paymentId,
        amountMinor: part,
        currency: p.currency,
      }),
    );
    rest -= part;
  }
  return ids;
}

/**
 * Cancels a booking the claim may reach (null: the server or a manager), wholly or some tickets,
 * by the canceller's rules, in the caller's transaction.
 */
export async function cancelBooking(
  tx: Tx,
  bookingId: string,
  claim: BookingClaim,
  req: CancelRequest,
  who: Canceller,
  actor: Actor,
  now: Date,
): Promise<CancelOutcome> {
  const b = await lockBooking(tx, bookingId, claim);
  const why = who.kind === 'customer' ? 'cancelled by the customer' : who.reason;
  if (b.status === 'pending') {
    if (req.ticketIds !== undefined || req.extraMinor !== undefined)
      throw new BoError(
        'BO_BOOKING_STATE',
        'This booking is not paid yet: cancel all of it, or pay first.',
      );
    return cancelPending(tx, b, actor, why, who.kind === 'show');
  }
  if (b.status !== 'confirmed')
    throw new BoError(
      'BO_BOOKING_STATE',
      `This booking is ${b.status}; there is nothing to cancel.`,
    );
  const show = await showMeta(tx, b.show_id);
  if (who.kind === 'customer') {
    const deadline = new Date(show.startsAt.getTime() - who.cutoffMinutes * 60_000);
    if (now >= deadline)
      throw new BoError(
        'BO_CANCEL_CUTOFF',
        `Tickets can be cancelled online until ${formatInstant(deadline, await displayOf(tx, b.cinema_id))}; ask the cinema.`,
        { cancellableUntil: deadline.toISOString() },
      );
  }
  const t = await tx.query<TicketRow>({
    name: 'cancel_tickets',
    text: 'SELECT id, status, price_minor, code FROM tickets WHERE order_id = $1 ORDER BY id FOR UPDATE',
    values: [b.id],
  });
  const valid = t.rows.filter((x) => x.status === 'valid');
  let chosen: TicketRow[];
  if (req.ticketIds === undefined) {
    chosen = req.extraMinor !== undefined && who.kind === 'manager' ? [] : valid;
    if (chosen.length === 0 && req.extraMinor === undefined)
      throw new BoError('BO_BOOKING_STATE', 'Every ticket of this booking was refunded already.');
  } else {
    const byId = new Map(t.rows.map((x) => [x.id, x]));
    const unknown = req.ticketIds.filter((id) => !byId.has(id.toLowerCase()));
    if (unknown.length > 0)
      throw new BoError('BO_TICKET_NOT_FOUND', 'These tickets are not part of this booking.', {
        ticketIds: unknown,
      });
    chosen = [...new Set(req.ticketIds.map((id) => id.toLowerCase()))].map(
      (id) => byId.get(id) as TicketRow,
    );
    const gone = chosen.filter((x) => x.status !== 'valid').map((x) => x.id);
    if (gone.length > 0)
      throw new BoError('BO_TICKET_NOT_VALID', 'Some of these tickets were refunded already.', {
        ticketIds: gone,
      });
  }
  const whole = chosen.length > 0 && chosen.length === valid.length;
  const ticketsMinor = chosen.reduce((a, x) => a + x.price_minor, 0);
  // Food and drink are collected at the counter, so they go back with the last ticket.
  const itemsMinor = whole ? b.lines.concessions.reduce((a, c) => a + c.totalMinor, 0) : 0;
  const fee = who.kind === 'customer' ? mulDivRound(ticketsMinor, who.feeBp, 10_000) : 0;
  // Tickets give back what is left of what was paid for them (a goodwill refund may have come first);
  // an extra amount a manager names must fit in what is left besides.
  const left = (await refundable(tx, b.id)).reduce((a, p) => a + p.leftMinor, 0);
  const amount = Math.min(ticketsMinor + itemsMinor - fee, left) + (req.extraMinor ?? 0);
  const requestedBy =
    who.kind === 'manager'
      ? `staff:${who.staffId}`
      : who.kind === 'show'
        ? 'system'
        : actor.id === null
          ? 'guest'
          : `customer:${actor.id}`;
  const reason: NewRefund['reason'] =
    who.kind === 'customer'
      ? 'customer_cancel'
      : who.kind === 'manager'
        ? 'manager'
        : 'show_cancelled';
  const refundIds =
    amount > 0
      ? await refundsFor(tx, b, amount, {
          bookingId: b.id,
          feeMinor: fee,
          reason,
          ticketIds: chosen.map((x) => x.id),
          requestedBy,
        })
      : [];
  // What the refund kept of the value it gave back (a fee, less goodwill), for the reports.
  await recordRefundKept(tx, b.id, ticketsMinor + itemsMinor - Math.max(0, amount));
  if (chosen.length > 0) {
    await voidTickets(
      tx,
      {
        ticketIds: chosen.map((x) => x.id),
        reason: why,
        refund: true,
        staffId: who.kind === 'manager' ? who.staffId : undefined,
      },
      actor,
    );
    const gone = new Set(chosen.map((x) => x.id));
    const codes = new Map(
      t.rows.flatMap((x) => (x.code === null ? [] : [[x.id, x.code] as const])),
    );
    await appendChange(tx, {
      cinemaId: b.cinema_id,
      showId: b.show_id,
      entity: 'order',
      entityId: b.id,
      op: 'upsert',
      data: orderChangeData(
        b,
        whole ? 'refunded' : 'partially_refunded',
        (id) =>
          gone.has(id) || t.rows.find((x) => x.id === id)?.status !== 'valid'
            ? 'refunded'
            : 'valid',
        codes,
      ),
    });
  } else {
    await audit(tx, actor, 'refund', 'booking', b.id, { reason: why, amountMinor: amount });
  }
  if (whole)
    await tx.query({
      name: 'booking_cancelled',
      text: "UPDATE bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = $1",
      values: [b.id],
    });
  const common = { bookingId: b.id, showId: b.show_id, cinemaId: b.cinema_id };
  if (whole)
    await appendEvent(tx, {
      ...common,
      type: 'booking.cancelled',
      data: {
        reference: b.reference,
        reason: why,
        refundMinor: amount,
        feeMinor: fee,
        // Show cancellations count their bookings by this flag (show-cancel.ts).
        byShow: who.kind === 'show',
      },
    });
  if (amount > 0)
    await appendEvent(tx, {
      ...common,
      type: 'booking.refunded',
      data: {
        reference: b.reference,
        reason,
        amountMinor: amount,
        feeMinor: fee,
        ticketIds: chosen.map((x) => x.id),
        currency: b.currency,
        // The cancellation's own message tells of this refund (notifications/fanout.ts).
        partOfCancel: whole,
      },
    });
  return { refundIds, showId: b.show_id, cancelPayments: [] };
}
