// Reads Stripe's objects into the payment port's words (DESIGN §7). Pure: no SDK client, no I/O, so
// the adapter (stripe.ts) and its webhook reader share one mapping and tests can read it directly.
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { ProviderEvent, ProviderPaymentStatus, RefundResult } from './provider.js';

/** The part of a Stripe PaymentIntent the adapter reads; Stripe adds fields freely, so the rest passes. */
export const stripePaymentIntentSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  client_secret: z.string().nullish(),
  last_payment_error: z.object({ message: z.string().nullish() }).nullish(),
});

/** The part of a Stripe Refund the adapter reads. */
export const stripeRefundSchema = z.object({
  id: z.string().min(1),
  status: z.string().nullish(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  failure_reason: z.string().nullish(),
});

/** The part of a Stripe Charge (in `charge.refunded`) the adapter reads. */
const stripeChargeSchema = z.object({
  id: z.string().min(1),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  refunds: z.object({ data: z.array(stripeRefundSchema) }).nullish(),
});

/** A verified Stripe event, as far as the adapter reads it. */
export const stripeEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type StripePaymentIntent = z.infer<typeof stripePaymentIntentSchema>;
export type StripeRefund = z.infer<typeof stripeRefundSchema>;

/**
 * Maps a PaymentIntent status. A PaymentIntent back in requires_payment_method after a declined card
 * is still pending: the buyer may try another card, so the UI must not call it failed (issue 13).
 */
export function paymentStatusOf(status: string): ProviderPaymentStatus {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    // requires_capture: authorised, not yet captured (we capture automatically), so not final.
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'canceled':
      return 'cancelled';
    default:
      // requires_payment_method, requires_confirmation, requires_action and any status Stripe adds.
      return 'pending';
  }
}

/** Maps a Refund status: requires_action and pending wait; canceled never gives money back. */
export function refundStatusOf(status: string | null | undefined): RefundResult['status'] {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return 'pending';
  }
}

/** Our ISO currency code (upper case) for Stripe's lower-case one. */
export const ourCurrency = (stripeCurrency: string): string => stripeCurrency.toUpperCase();

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  v == null ? null : typeof v === 'string' ? v : v.id;

/** A refund's answer in the port's words. */
export function refundResultOf(refund: StripeRefund): RefundResult {
  const status = refundStatusOf(refund.status);
  return {
    ref: refund.id,
    status,
    failureReason:
      status === 'failed' ? (refund.failure_reason ?? refund.status ?? 'failed') : null,
  };
}

const paymentEventTypes = new Set([
  'payment_intent.succeeded',
  'payment_intent.processing',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
]);
const refundEventTypes = new Set([
  'refund.created',
  'refund.updated',
  'refund.failed',
  'charge.refund.updated',
]);

/** Parses an event's object with `schema`; a signed event we cannot read is refused loudly, not dropped. */
function objectOf<T>(schema: z.ZodType<T>, type: string, object: unknown): T {
  const parsed = schema.safeParse(object);
  if (!parsed.success) {
    throw new BoError(
      'BO_BAD_REQUEST',
      `The Stripe event ${type} does not carry the expected object.`,
    );
  }
  return parsed.data;
}

function refundEvent(id: string, refund: StripeRefund, paymentRef: string): ProviderEvent {
  const result = refundResultOf(refund);
  return {
    id,
    kind: 'refund',
    ref: refund.id,
    refundId: refund.metadata?.refundId ?? null,
    paymentRef,
    status: result.status,
    failureReason: result.failureReason,
  };
}

/** Reduces a verified Stripe event to what bookings act on; every other type is `other`. */
export function eventOf(event: z.infer<typeof stripeEventSchema>): ProviderEvent {
  const { id, type } = event;
  const object = event.data.object;
  if (paymentEventTypes.has(type)) {
    const pi = objectOf(stripePaymentIntentSchema, type, object);
    // payment_failed is one attempt failing; reported as failed so the booking side can decide.
    const failed = type === 'payment_intent.payment_failed';
    return {
      id,
      kind: 'payment',
      ref: pi.id,
      status: failed ? 'failed' : paymentStatusOf(pi.status),
      amountMinor: pi.amount,
      currency: ourCurrency(pi.currency),
      failureReason: failed ? (pi.last_payment_error?.message ?? 'The payment failed.') : null,
    };
  }
  if (refundEventTypes.has(type)) {
    const refund = objectOf(stripeRefundSchema, type, object);
    const paymentRef = idOf(refund.payment_intent);
    // A refund of a charge made without a PaymentIntent is none of ours.
    return paymentRef === null ? { id, kind: 'other', type } : refundEvent(id, refund, paymentRef);
  }
  if (type === 'charge.refunded') {
    const charge = objectOf(stripeChargeSchema, type, object);
    const paymentRef = idOf(charge.payment_intent);
    // Newer API versions leave `refunds` out of the charge: then only refund.* events say which
    // refund moved, so the endpoint should be subscribed to those too; Stripe lists the newest first.
    const latest = charge.refunds?.data[0];
    return paymentRef === null || latest === undefined
      ? { id, kind: 'other', type }
      : refundEvent(id, latest, idOf(latest.payment_intent) ?? paymentRef);
  }
  return { id, kind: 'other', type };
}
