// The booking side of the sweeper (DESIGN §12): lapsed bookings give their seats back, refunds the
// provider could not be asked for are asked again, and a payment whose webhook never came is looked
// up at the provider, so no payment stays "pending" for ever. Safe with several server processes:
// each step claims its rows (SKIP LOCKED, or a state change only one process can make).
import type pg from 'pg';
import type { TicketSigner } from '../../common/ticket-code.js';
import type { ProviderPaymentStatus } from '../payments/provider.js';
import { withTx } from '../services/tx.js';
import { expireBookings } from './expire.js';
import { executeRefund, type Providers } from './refunds.js';
import { applyProviderEvent } from './settle.js';

/** What the booking sweep needs. */
export type SweepDeps = {
  pool: pg.Pool;
  providers: Providers;
  signer: () => Promise<TicketSigner>;
  now: () => Date;
  /** Seconds after its last news that an open payment is looked up at its provider. */
  paymentCheckSeconds: number;
  /** Called with the shows whose seats the sweep changed. */
  seatsChanged: (showIds: string[]) => void;
};

/** What one sweep did. */
export type SweepResult = { expired: number; refundsRetried: number; paymentsChecked: number };

/** Asks again for refunds left pending (the provider was down, or the process stopped). */
async function retryRefunds(d: SweepDeps): Promise<number> {
  const r = await d.pool.query<{ id: string }>({
    name: 'refunds_to_retry',
    // Backs off with each attempt: 30 s, 1 min, 2 min … up to an hour between tries.
    text: `SELECT id FROM booking_refunds WHERE status = 'pending'
           AND updated_at < now() - LEAST(interval '1 hour', interval '30 seconds' * power(2, LEAST(attempts, 7)))
           ORDER BY updated_at LIMIT 20`,
  });
  for (const { id } of r.rows) await executeRefund(d.pool, d.providers, id);
  return r.rows.length;
}

/** Looks up open payments whose webhook is late, and applies what the provider says. */
async function checkPayments(d: SweepDeps): Promise<number> {
  const r = await d.pool.query<{
    id: string;
    provider: string;
    provider_ref: string;
    status: ProviderPaymentStatus;
  }>({
    name: 'payments_to_check',
    text: `UPDATE booking_payments SET updated_at = now() WHERE id IN (
             SELECT id FROM booking_payments WHERE status IN ('pending', 'processing') AND provider_ref IS NOT NULL
             AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT 20 FOR UPDATE SKIP LOCKED)
           RETURNING id, provider, provider_ref, status`,
    values: [d.paymentCheckSeconds],
  });
  for (const p of r.rows) {
    const provider = d.providers.get(p.provider);
    if (provider === undefined) continue;
    const seen = await provider.retrievePayment(p.provider_ref).catch(() => null);
    if (seen === null || seen.status === p.status) continue;
    const signer = await d.signer();
    const out = await withTx(d.pool, (tx) =>
      applyProviderEvent(
        tx,
        p.provider,
        {
          // One id per observed state: looking twice at the same state applies it once.
          id: `check:${p.provider_ref}:${seen.status}`,
          kind: 'payment',
          ref: p.provider_ref,
          status: seen.status,
          amountMinor: seen.amountMinor,
          currency: seen.currency,
          failureReason: seen.failureReason,
        },
        signer,
        d.now(),
      ),
    );
    if (out.showId !== null) d.seatsChanged([out.showId]);
    for (const id of out.refundIds) await executeRefund(d.pool, d.providers, id);
  }
  return r.rows.length;
}

/** One sweep of bookings and payments. */
export async function sweepBookings(d: SweepDeps): Promise<SweepResult> {
  const lapsed = await expireBookings(d.pool);
  if (lapsed.showIds.length > 0) d.seatsChanged(lapsed.showIds);
  for (const p of lapsed.payments)
    await d.providers
      .get(p.provider)
      ?.cancelPayment(p.ref)
      .catch(() => undefined);
  return {
    expired: lapsed.count,
    refundsRetried: await retryRefunds(d),
    paymentsChecked: await checkPayments(d),
  };
}
