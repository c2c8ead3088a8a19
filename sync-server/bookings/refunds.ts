// Refunds are records of their own (DESIGN §7, §12): written `pending` in the transaction that
// decides them, asked of the provider after it commits, and settled by its answer or its webhook.
// A refund the provider could not be asked for stays pending and the sweeper asks again, so a
// crash between the two never loses one.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PaymentProvider, RefundResult } from '../payments/provider.js';
import { withTx, type Queryable, type Tx } from '../services/tx.js';
import { appendEvent } from './events.js';

/** A refund to record. */
export type NewRefund = {
  bookingId: string;
  paymentId: string;
  amountMinor: number;
  feeMinor: number;
  currency: string;
  reason: 'customer_cancel' | 'manager' | 'show_cancelled' | 'late_payment' | 'duplicate_payment';
  ticketIds: string[];
  requestedBy: string;
};

/** Records a pending refund in the caller's transaction; returns its id for executeRefund. */
export async function recordRefund(tx: Tx, r: NewRefund): Promise<string> {
  const id = randomUUID();
  await tx.query({
    name: 'refund_insert',
    text: `INSERT INTO booking_refunds (id, booking_id, payment_id, amount_minor, fee_minor, currency, reason, ticket_ids, status, requested_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)`,
    values: [
      id,
      r.bookingId,
      r.paymentId,
      r.amountMinor,
      r.feeMinor,
      r.currency,
      r.reason,
      JSON.stringify(r.ticketIds),
      r.requestedBy,
    ],
  });
  return id;
}

/**
 * What can still be refunded of a booking's succeeded payments, payment by payment (refunds
 * pending or done count as given back), most recent first.
 */
export async function refundable(
  db: Queryable,
  bookingId: string,
): Promise<{ paymentId: string; leftMinor: number; currency: string }[]> {
  const r = await db.query<{ id: string; left_minor: number; currency: string }>({
    name: 'refundable_payments',
    text: `SELECT p.id, p.currency, p.amount_minor - COALESCE((SELECT sum(r.amount_minor) FROM booking_refunds r
               WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0)::int AS left_minor
           FROM booking_payments p WHERE p.booking_id = $1 AND p.status = 'succeeded' ORDER BY p.created_at DESC`,
    values: [bookingId],
  });
  return r.rows
    .filter((p) => p.left_minor > 0)
    .map((p) => ({ paymentId: p.id, leftMinor: p.left_minor, currency: p.currency }));
}

/**
 * Settles a refund from the provider's word (its answer, or a webhook): only a pending refund
 * changes, so a duplicate or late word is harmless. A succeeded refund counts against its payment.
 */
export async function settleRefund(tx: Tx, refundId: string, result: RefundResult): Promise<void> {
  if (result.status === 'pending') {
    await tx.query({
      name: 'refund_ref',
      text: "UPDATE booking_refunds SET provider_ref = COALESCE(provider_ref, $2), updated_at = now() WHERE id = $1 AND status = 'pending'",
      values: [refundId, result.ref],
    });
    return;
  }
  const r = await tx.query<{
    booking_id: string;
    payment_id: string;
    amount_minor: number;
    currency: string;
    reason: string;
  }>({
    name: 'refund_settle',
    text: `UPDATE booking_refunds SET status = $2, provider_ref = COALESCE(provider_ref, $3), failure_reason = $4, updated_at = now()
           WHERE id = $1 AND status = 'pending' RETURNING booking_id, payment_id, amount_minor, currency, reason`,
    values: [refundId, result.status, result.ref, result.failureReason],
  });
  const row = r.rows[0];
  if (!row) return;
  if (result.status === 'succeeded') {
    await tx.query({
      name: 'payment_refunded',
      text: 'UPDATE booking_payments SET refunded_minor = refunded_minor + $2, updated_at = now() WHERE id = $1',
      values: [row.payment_id, row.amount_minor],
    });
    return;
  }
  await appendEvent(tx, {
    type: 'refund.failed',
    bookingId: row.booking_id,
    data: {
      refundId,
      amountMinor: row.amount_minor,
      currency: row.currency,
      reason: result.failureReason,
    },
  });
}

/** The providers by name, as the app knows them. */
export type Providers = ReadonlyMap<string, PaymentProvider>;

/**
 * Asks the provider for a pending refund and settles its answer; a provider that cannot be reached
 * leaves it pending for the sweeper. Returns the refund's state afterwards.
 */
export async function executeRefund(
  pool: pg.Pool,
  providers: Providers,
  refundId: string,
): Promise<'pending' | 'succeeded' | 'failed' | 'gone'> {
  const r = await pool.query<{
    amount_minor: number;
    currency: string;
    provider: string;
    provider_ref: string | null;
  }>({
    name: 'refund_to_execute',
    text: `UPDATE booking_refunds r SET attempts = r.attempts + 1, updated_at = now()
           FROM booking_payments p WHERE r.id = $1 AND r.status = 'pending' AND p.id = r.payment_id
           RETURNING r.amount_minor, r.currency, p.provider, p.provider_ref`,
    values: [refundId],
  });
  const row = r.rows[0];
  if (!row) return 'gone';
  const provider = providers.get(row.provider);
  if (provider === undefined || row.provider_ref === null) return 'pending';
  let result: RefundResult;
  try {
    result = await provider.refund({
      refundId,
      paymentRef: row.provider_ref,
      amountMinor: row.amount_minor,
      currency: row.currency,
    });
  } catch (e) {
    await pool.query({
      name: 'refund_try_failed',
      text: 'UPDATE booking_refunds SET failure_reason = $2 WHERE id = $1',
      values: [refundId, e instanceof Error ? e.message.slice(0, 500) : 'provider error'],
    });
    return 'pending';
  }
  await withTx(pool, (tx) => settleRefund(tx, refundId, result));
  return result.status;
}
