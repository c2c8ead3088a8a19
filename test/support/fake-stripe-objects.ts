// Stripe-shaped JSON for the local Stripe stand-in (fake-stripe.ts): PaymentIntents, Refunds, errors
// and events with the fields Stripe's API reference shows, and webhooks signed the way Stripe signs.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** A PaymentIntent as the stand-in keeps it (the fields the adapter and a web shop read). */
export type FakePaymentIntent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  description: string | null;
  last_payment_error: { type: string; code: string; decline_code?: string; message: string } | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: string;
};

/** A Refund as the stand-in keeps it. */
export type FakeRefund = {
  id: string;
  object: 'refund';
  amount: number;
  charge: string | null;
  created: number;
  currency: string;
  failure_reason?: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: string;
};

/** A Stripe event as delivered to a webhook endpoint. */
export type FakeStripeEvent = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

/** A Stripe-looking id with `prefix` (pi, re, ch, evt, pm, req). */
export const stripeId = (prefix: string): string =>
  `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

/** A new PaymentIntent from the form fields the SDK sent to POST /v1/payment_intents. */
export function newPaymentIntent(
  form: Record<string, unknown>,
  created: number,
): FakePaymentIntent {
  const id = stripeId('pi');
  const ape = form.automatic_payment_methods as Record<string, unknown> | undefined;
  return {
    id,
    object: 'payment_intent',
    amount: Number(form.amount),
    amount_received: 0,
    automatic_payment_methods: ape ? { enabled: ape.enabled === 'true' } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    confirmation_method: 'automatic',
    created,
    currency: String(form.currency),
    description: typeof form.description === 'string' ? form.description : null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: (form.metadata as Record<string, string> | undefined) ?? {},
    next_action: null,
    payment_method: null,
    payment_method_types: ['card', 'link'],
    receipt_email: typeof form.receipt_email === 'string' ? form.receipt_email : null,
    status: 'requires_payment_method',
  };
}

/** The buyer confirmed and the money arrived: `pi` succeeds (changed in place, returned). */
export function buyerSucceeds(pi: FakePaymentIntent): FakePaymentIntent {
  return Object.assign(pi, {
    status: 'succeeded',
    amount_received: pi.amount,
    latest_charge: stripeId('ch'),
    payment_method: stripeId('pm'),
    last_payment_error: null,
  });
}

/** The buyer confirmed with a slow method (SEPA, a delayed card): `pi` is processing. */
export function buyerProcesses(pi: FakePaymentIntent): FakePaymentIntent {
  return Object.assign(pi, { status: 'processing', payment_method: stripeId('pm') });
}

/** The card was declined: `pi` goes back to requires_payment_method with the decline as its last error. */
export function cardDeclined(
  pi: FakePaymentIntent,
  message = 'Your card was declined.',
): FakePaymentIntent {
  return Object.assign(pi, {
    status: 'requires_payment_method',
    payment_method: null,
    last_payment_error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message,
    },
  });
}

/** Stripe's error body: `{error: {type, code, message, ...}}`. */
export function stripeErrorBody(
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
): { error: Record<string, unknown> } {
  return { error: { type, message, ...extra } };
}

/** An event of `type` about `object`, as Stripe would post it. */
export function stripeEvent(type: string, object: object, created: number): FakeStripeEvent {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object: structuredClone(object) as Record<string, unknown> },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/**
 * A webhook delivery of `event` signed with `secret` as Stripe signs it (SDK
 * `generateTestHeaderString`), at `timestamp` (Unix seconds; default now): post `body` raw with `headers`.
 */
export function signStripeWebhook(
  event: object | string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): { body: string; headers: { 'content-type': string; 'stripe-signature': string } } {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}
