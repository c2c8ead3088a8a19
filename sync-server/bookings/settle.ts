// Applying a verified provider event (DESIGN §7, §12). Each event id is taken once, so duplicates
// are harmless; payment states only move forward, so events out of order are too. A succeeded
// payment confirms its booking, or — when the booking lapsed and its seats went, or another payment
// paid it already — is refunded in full, automatically: never a paid booking without seats, never
// seats sold twice.
import type { TicketSigner } from '../../common/ticket-code.js';
import type { ProviderEvent, ProviderPaymentStatus } from '../payments/provider.js';
import { audit, systemActor } from '../services/audit.js';
import type { Tx } from '../services/tx.js';
import { confirmBooking } from './confirm.js';
import { appendEvent } from './events.js';
import { recordRefund, settleRefund } from './refunds.js';
import { lockBooking, lockPaymentByRef, type PaymentRow } from './rows.js';

/**
 * What the event did, for after its transaction commits: refunds to ask the provider for, the show
 * whose seats changed (caches, live feed), and whether the event had been seen before.
 */
export type Followups = { refundIds: string[]; showId: string | null; duplicate: boolean };

const RANK: Record<ProviderPaymentStatus, number> = {
  pending: 0,
  processing: 1,
  cancelled: 2,
  failed: 2,
  succeeded: 3,
};

/** Whether a payment in state `from` moves to `to`: forward only, and succeeded beats everything. */
export function paymentMoves(from: ProviderPaymentStatus, to: ProviderPaymentStatus): boolean {
  if (from === to || from === 'succeeded') return false;
  return RANK[to] > RANK[from] || to === 'succeeded';
}

/**
 * Records the event id; false when it was seen before (the caller answers 200 and does nothing).
 */
async function firstSight(tx: Tx, provider: string, e: ProviderEvent): Promise<boolean> {
  const r = await tx.query({
    name: 'webhook_first_sight',
    text: 'INSERT INTO webhook_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    values: [provider, e.id, e.kind === 'other' ? e.type : `${e.kind}.${e.status}`],
  });
  return r.rowCount === 1;
}

async function paid(
  tx: Tx,
  payment: PaymentRow,
  signer: TicketSigner,
  now: Date,
): Promise<Followups> {
  const b = await lockBooking(tx, payment.booking_id, null);
  const refundAll = async (reason: 'late_payment' | 'duplicate_payment') => {
    const refundId = await recordRefund(tx, {
      bookingId: b.id,
      paymentId: payment.id,
      amountMinor: payment.amount_minor,
      feeMinor: 0,
      currency: payment.currency,
      reason,
      ticketIds: [],
      requestedBy: 'system',
    });
    await audit(tx, systemActor, 'refund', 'booking', b.id, { reason, paymentId: payment.id });
    await appendEvent(tx, {
      type: 'booking.refunded',
      bookingId: b.id,
      showId: b.show_id,
      cinemaId: b.cinema_id,
      data: { reason, amountMinor: payment.amount_minor, currency: payment.currency },
    });
    return { refundIds: [refundId], showId: b.show_id, duplicate: false };
  };
  if (b.status === 'confirmed') return refundAll('duplicate_payment');
  if (await confirmBooking(tx, b, payment, signer, now))
    return { refundIds: [], showId: b.show_id, duplicate: false };
  if (b.status === 'pending') {
    // Its seats went to someone else after the hold lapsed: the booking ends here, unpaid.
    await tx.query({
      name: 'booking_lapsed',
      text: "UPDATE bookings SET status = 'expired', updated_at = now() WHERE id = $1",
      values: [b.id],
    });
    await appendEvent(tx, {
      type: 'booking.expired',
      bookingId: b.id,
      showId: b.show_id,
      cinemaId: b.cinema_id,
      data: { reference: b.reference, seatsGone: true },
    });
  }
  return refundAll('late_payment');
}

/**
 * Applies one verified event of `provider` in the caller's transaction; returns the refunds to ask
 * for once it commits.
 */
export async function applyProviderEvent(
  tx: Tx,
  provider: string,
  e: ProviderEvent,
  signer: TicketSigner,
  now: Date,
): Promise<Followups> {
  const none: Followups = { refundIds: [], showId: null, duplicate: false };
  if (!(await firstSight(tx, provider, e))) return { ...none, duplicate: true };
  if (e.kind === 'other') return none;
  if (e.kind === 'refund') {
    const r = await tx.query<{ id: string }>({
      name: 'refund_by_ref',
      text: 'SELECT id FROM booking_refunds WHERE id::text = $1 OR provider_ref = $2 LIMIT 1',
      values: [e.refundId ?? '', e.ref],
    });
    const id = r.rows[0]?.id;
    if (id !== undefined)
      await settleRefund(tx, id, { ref: e.ref, status: e.status, failureReason: e.failureReason });
    return none;
  }
  const payment = await lockPaymentByRef(tx, provider, e.ref);
  // Not one of ours (another shop on the same provider account): acknowledged, ignored.
  if (payment === null || !paymentMoves(payment.status, e.status)) return none;
  await tx.query({
    name: 'payment_status',
    text: 'UPDATE booking_payments SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1',
    values: [payment.id, e.status, e.status === 'failed' ? e.failureReason : null],
  });
  if (e.status === 'failed') {
    await appendEvent(tx, {
      type: 'payment.failed',
      bookingId: payment.booking_id,
      data: { paymentId: payment.id, reason: e.failureReason },
    });
    return none;
  }
  if (e.status !== 'succeeded') return none;
  return paid(tx, payment, signer, now);
}
