// Starting a payment for a pending booking (DESIGN §3, §12): the hold is extended once (capped) so
// the buyer has time to pay, a payment record is written, and only then is the provider asked —
// outside any transaction. A provider that fails leaves no payment the buyer could complete.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import type { PaymentNext, PaymentProvider } from '../payments/provider.js';
import type { HoldTimes } from '../services/holds.js';
import { withTx } from '../services/tx.js';
import type { BookingClaim } from './owner.js';
import { lockBooking } from './rows.js';

/** A payment the buyer can now complete. */
export type StartedPayment = {
  paymentId: string;
  provider: string;
  status: 'pending' | 'processing';
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  failureReason: null;
  createdAt: string;
  next: PaymentNext;
  expiresAt: string;
};

type Prepared = {
  paymentId: string;
  amountMinor: number;
  currency: string;
  reference: string;
  email: string;
  expiresAt: Date;
  createdAt: Date;
  superseded: string[];
};

async function prepare(
  pool: pg.Pool,
  bookingId: string,
  claim: BookingClaim,
  provider: string,
  times: HoldTimes,
  now: Date,
): Promise<Prepared> {
  return withTx(pool, async (tx) => {
    const b = await lockBooking(tx, bookingId, claim);
    if (b.status === 'confirmed')
      throw new BoError('BO_BOOKING_STATE', 'This booking is paid already.');
    if (b.status !== 'pending' || b.expires_at <= now)
      throw new BoError(
        'BO_BOOKING_EXPIRED',
        'This booking has lapsed unpaid and its seats may be gone. Choose seats again.',
      );
    const open = await tx.query<{ id: string; status: string; provider_ref: string | null }>({
      name: 'payment_open',
      text: "SELECT id, status, provider_ref FROM booking_payments WHERE booking_id = $1 AND status IN ('pending', 'processing', 'succeeded') FOR UPDATE",
      values: [b.id],
    });
    if (open.rows.some((p) => p.status !== 'pending'))
      throw new BoError(
        'BO_BOOKING_STATE',
        'A payment for this booking is being confirmed by the bank. Wait for it; you will not be charged twice.',
      );
    // An unfinished earlier attempt is superseded; if it is paid after all, that money is refunded.
    const superseded = open.rows.flatMap((p) => (p.provider_ref === null ? [] : [p.provider_ref]));
    const hold = await tx.query<{ status: string; expires_at: Date }>({
      name: 'payment_hold_state',
      text: 'SELECT status, expires_at FROM holds WHERE id = $1 FOR UPDATE',
      values: [b.hold_id],
    });
    const h = hold.rows[0];
    // The buyer released the hold (or it lapsed): the seats may be gone, so no payment starts.
    if (h === undefined || h.status !== 'active' || h.expires_at <= now)
      throw new BoError(
        'BO_BOOKING_EXPIRED',
        'The seats of this booking were given up. Choose seats again.',
      );
    let expiresAt = b.expires_at;
    if (b.payment_started_at === null) {
      const ext = await tx.query<{ expires_at: Date }>({
        name: 'payment_extend_hold',
        text: `UPDATE holds SET extended = true,
                 expires_at = LEAST(expires_at + make_interval(secs => $2), created_at + make_interval(secs => $3))
               WHERE id = $1 AND status = 'active' AND NOT extended RETURNING expires_at`,
        values: [b.hold_id, times.extendSeconds, times.maxSeconds],
      });
      expiresAt = ext.rows[0]?.expires_at ?? expiresAt;
    }
    const paymentId = randomUUID();
    await tx.query({
      name: 'payment_prepare',
      text: `WITH old AS (UPDATE booking_payments SET status = 'cancelled', updated_at = $5 WHERE booking_id = $2 AND status = 'pending'),
                  b AS (UPDATE bookings SET payment_started_at = COALESCE(payment_started_at, $5), expires_at = $6, updated_at = $5 WHERE id = $2)
             INSERT INTO booking_payments (id, booking_id, provider, amount_minor, currency, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $7, 'pending', $5, $5)`,
      values: [paymentId, b.id, provider, b.total_minor, now, expiresAt, b.currency],
    });
    return {
      paymentId,
      amountMinor: b.total_minor,
      currency: b.currency,
      reference: b.reference,
      email: b.email,
      expiresAt,
      createdAt: now,
      superseded,
    };
  });
}

/** Starts a payment of a pending booking the claim may reach, with `provider`. */
export async function startPayment(
  pool: pg.Pool,
  provider: PaymentProvider,
  bookingId: string,
  claim: BookingClaim,
  times: HoldTimes,
  now: Date,
  describe: (reference: string) => string,
): Promise<StartedPayment> {
  const p = await prepare(pool, bookingId, claim, provider.name, times, now);
  let created;
  try {
    created = await provider.createPayment({
      paymentId: p.paymentId,
      bookingId,
      reference: p.reference,
      amountMinor: p.amountMinor,
      currency: p.currency,
      description: describe(p.reference),
      email: p.email,
    });
  } catch (e) {
    await pool.query({
      name: 'payment_not_started',
      text: "UPDATE booking_payments SET status = 'cancelled', failure_reason = $2, updated_at = now() WHERE id = $1 AND status = 'pending'",
      values: [p.paymentId, 'The payment provider could not be reached.'],
    });
    if (e instanceof BoError) throw e;
    throw new BoError(
      'BO_PAYMENT_PROVIDER',
      'The payment provider could not be reached; nothing was charged. Try again.',
    );
  }
  const status = created.status === 'processing' ? 'processing' : 'pending';
  await pool.query({
    name: 'payment_started',
    text: 'UPDATE booking_payments SET provider_ref = $2, updated_at = now() WHERE id = $1',
    values: [p.paymentId, created.ref],
  });
  for (const ref of p.superseded) await provider.cancelPayment(ref).catch(() => undefined);
  return {
    paymentId: p.paymentId,
    provider: provider.name,
    status,
    amountMinor: p.amountMinor,
    refundedMinor: 0,
    currency: p.currency,
    failureReason: null,
    createdAt: p.createdAt.toISOString(),
    next: created.next,
    expiresAt: p.expiresAt.toISOString(),
  };
}
