// Confirming a paid booking (DESIGN §3, §12): its seats are sold under the seat locks, its tickets
// written with signed codes, and stations learn of it through the change log, all in the webhook's
// transaction. A payment that comes after the hold lapsed re-takes the seats if they are still free.
import { signTicketCode, type TicketSigner } from '../../common/ticket-code.js';
import type { Actor } from '../services/audit.js';
import { appendChangesWithAudit, seatsChange } from '../services/change-log.js';
import { writeSale } from '../services/sales.js';
import { isFreeFor, lockSeats } from '../services/seat-locks.js';
import { showMeta } from '../services/shows.js';
import type { Tx } from '../services/tx.js';
import { basketNames } from './basket.js';
import { appendEvent } from './events.js';
import type { BookingRow, PaymentRow } from './rows.js';

const webActor: Actor = { kind: 'system', id: null, channel: 'web' };

/** The order change stations store (src-main/station/sync/apply-order.ts reads it). */
export function orderChangeData(
  b: BookingRow,
  status: string,
  ticketStatus: (ticketId: string) => string,
  codes: Map<string, string>,
): Record<string, unknown> {
  return {
    orderId: b.id,
    showId: b.show_id,
    status,
    channel: 'web',
    stationId: null,
    reference: b.reference,
    subtotalMinor: b.subtotal_minor,
    discountMinor: b.discount_minor,
    taxMinor: b.tax_minor,
    totalMinor: b.total_minor,
    currency: b.currency,
    tickets: b.lines.tickets.map((t) => ({
      ...t,
      status: ticketStatus(t.ticketId),
      code: codes.get(t.ticketId) ?? null,
    })),
    concessions: b.lines.concessions,
  };
}

/**
 * Sells a booking's seats to it and marks it confirmed; false (nothing written) when a seat is no
 * longer the booking's or free, or the show can no longer be sold, so the caller refunds instead.
 */
export async function confirmBooking(
  tx: Tx,
  b: BookingRow,
  payment: PaymentRow,
  signer: TicketSigner,
  now: Date,
): Promise<boolean> {
  const show = await showMeta(tx, b.show_id);
  if (show.status === 'cancelled') return false;
  const seatIds = b.lines.tickets.map((t) => t.seatId);
  // Codes are signed before the seats are locked: the locks are held as briefly as can be.
  const names = await basketNames(tx, seatIds, [], []);
  const issuedAt = now.getTime();
  const codes = new Map(
    b.lines.tickets.map((t) => [
      t.ticketId,
      signTicketCode(
        {
          ticketId: t.ticketId,
          showId: b.show_id,
          seatLabel: names.seats.get(t.seatId) ?? '',
          issuedAt,
        },
        signer,
      ),
    ]),
  );
  const locked = await lockSeats(tx, b.show_id, seatIds);
  // Still held by the booking's hold (even if its time ran out, nobody else has them), or free again.
  const ours = locked.every(
    (s) => (s.state === 'held' && s.hold_id === b.hold_id) || isFreeFor(s, webActor, now),
  );
  if (!ours) return false;
  const changes = await writeSale(
    tx,
    {
      orderId: b.id,
      showId: b.show_id,
      cinemaId: b.cinema_id,
      status: 'paid',
      channel: 'web',
      stationId: null,
      reference: b.reference,
      tenders: [
        {
          tender: 'online',
          amountMinor: payment.amount_minor,
          reference: payment.provider_ref ?? undefined,
          provider: payment.provider,
        },
      ],
    },
    {
      currency: b.currency,
      subtotalMinor: b.subtotal_minor,
      discountMinor: b.discount_minor,
      taxMinor: b.tax_minor,
      totalMinor: b.total_minor,
      discount: b.discount_code === null ? null : { code: b.discount_code },
    },
    b.lines.tickets.map((t) => ({ ...t, code: codes.get(t.ticketId) ?? null })),
    b.lines.concessions,
  );
  await tx.query({
    name: 'booking_confirm',
    text: `WITH hold AS (UPDATE holds SET status = 'sold' WHERE id = $2 AND status = 'active')
           UPDATE bookings SET status = 'confirmed', confirmed_at = $3, updated_at = $3 WHERE id = $1`,
    values: [b.id, b.hold_id, now],
  });
  await appendChangesWithAudit(
    tx,
    [
      seatsChange(b.cinema_id, b.show_id, changes),
      {
        cinemaId: b.cinema_id,
        showId: b.show_id,
        entity: 'order',
        entityId: b.id,
        op: 'upsert',
        data: orderChangeData(b, 'paid', () => 'valid', codes),
      },
    ],
    {
      actor: webActor,
      action: 'confirm',
      entity: 'booking',
      entityId: b.id,
      details: {
        reference: b.reference,
        paymentId: payment.id,
        seatIds,
        late: b.status !== 'pending',
      },
    },
  );
  await appendEvent(tx, {
    type: 'booking.confirmed',
    bookingId: b.id,
    showId: b.show_id,
    cinemaId: b.cinema_id,
    data: { reference: b.reference, totalMinor: b.total_minor, currency: b.currency },
  });
  return true;
}
