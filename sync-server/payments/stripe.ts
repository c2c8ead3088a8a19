// The Stripe adapter of the payment port (DESIGN §7): PaymentIntents confirmed in the buyer's browser
// with a client secret, refunds, and webhooks verified by the SDK over the raw body. Every call
// carries our own id as Stripe's idempotency key, so a retried request never charges or refunds twice.
import Stripe from 'stripe';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { ServerConfig } from '../config.js';
import type {
  CreatePaymentInput,
  CreatedPayment,
  PaymentProvider,
  ProviderEvent,
  RefundInput,
  RefundResult,
  RetrievedPayment,
} from './provider.js';
import { isStripeError, providerError } from './stripe-errors.js';
import {
  eventOf,
  ourCurrency,
  paymentStatusOf,
  refundResultOf,
  stripeEventSchema,
  stripePaymentIntentSchema,
  stripeRefundSchema,
} from './stripe-map.js';

/** The settings the Stripe adapter reads. */
export type StripeProviderConfig = Pick<
  ServerConfig,
  | 'stripeSecretKey'
  | 'stripePublishableKey'
  | 'stripeWebhookSecret'
  | 'stripeApiUrl'
  | 'webhookToleranceSeconds'
>;

/** What tests may replace: the clock webhooks are aged by, and how long a Stripe call may take. */
export type StripeProviderDeps = { now?: () => Date; timeoutMs?: number };

// Stripe's own default is 80 s; a buyer waiting on "Pay" should get an answer (and a retry) sooner.
const defaultTimeoutMs = 20_000;

const createInput = z.object({
  paymentId: z.string().min(1).max(255),
  bookingId: z.string().min(1).max(255),
  reference: z.string().min(1).max(255),
  amountMinor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  description: z.string().max(1000),
  email: z.email().nullable(),
});
const refundInput = z.object({
  refundId: z.string().min(1).max(255),
  paymentRef: z.string().min(1).max(255),
  amountMinor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
});
const refSchema = z.string().min(1).max(255);

/** `schema`'s reading of `input`, or BO_VALIDATION naming the first bad field; nothing is sent. */
function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || what;
  throw new BoError('BO_VALIDATION', `Invalid ${what}: ${field}: ${issue?.message ?? 'invalid'}`);
}

/** The SDK options that point it at `apiUrl` (a local stand-in in tests) instead of Stripe itself. */
export function stripeClientOptions(apiUrl: string, timeoutMs: number): Stripe.StripeConfig {
  const base: Stripe.StripeConfig = { maxNetworkRetries: 1, timeout: timeoutMs };
  if (apiUrl === '') return base;
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port);
  return { ...base, host: url.hostname, port, protocol };
}

/** Our payment's state from a PaymentIntent Stripe sent back, checked before it is believed. */
function readPaymentIntent(
  object: unknown,
  doing: string,
): z.infer<typeof stripePaymentIntentSchema> {
  const parsed = stripePaymentIntentSchema.safeParse(object);
  if (!parsed.success) {
    throw new BoError('BO_PAYMENT_PROVIDER', `${doing}: Stripe sent an unreadable PaymentIntent.`);
  }
  return parsed.data;
}

/** Builds the Stripe adapter; throws at start-up when the keys it needs are missing. */
export function createStripeProvider(
  config: StripeProviderConfig,
  deps: StripeProviderDeps = {},
): PaymentProvider {
  if (config.stripeSecretKey === '' || config.stripeWebhookSecret === '') {
    throw new BoError(
      'BO_VALIDATION',
      'PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.',
    );
  }
  const secretKey = config.stripeSecretKey;
  const stripe = new Stripe(
    secretKey,
    stripeClientOptions(config.stripeApiUrl, deps.timeoutMs ?? defaultTimeoutMs),
  );
  const now = deps.now ?? (() => new Date());
  const publishableKey = config.stripePublishableKey === '' ? null : config.stripePublishableKey;

  /** Runs one SDK call; anything it throws becomes BO_PAYMENT_PROVIDER saying what we were doing. */
  async function call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw providerError(doing, err, secretKey);
    }
  }

  async function retrievePayment(ref: string): Promise<RetrievedPayment> {
    const id = parse(refSchema, ref, 'payment reference');
    const doing = `Reading Stripe payment ${id}`;
    const pi = readPaymentIntent(
      await call(doing, () => stripe.paymentIntents.retrieve(id)),
      doing,
    );
    return {
      ref: pi.id,
      status: paymentStatusOf(pi.status),
      amountMinor: pi.amount,
      currency: ourCurrency(pi.currency),
      failureReason: pi.last_payment_error?.message ?? null,
    };
  }

  return {
    name: 'stripe',

    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      const p = parse(createInput, input, 'payment');
      const doing = `Starting the Stripe payment for booking ${p.reference}`;
      const created = await call(doing, () =>
        stripe.paymentIntents.create(
          {
            amount: p.amountMinor,
            currency: p.currency.toLowerCase(),
            description: p.description,
            ...(p.email === null ? {} : { receipt_email: p.email }),
            metadata: { bookingId: p.bookingId, paymentId: p.paymentId, reference: p.reference },
            automatic_payment_methods: { enabled: true },
          },
          { idempotencyKey: p.paymentId },
        ),
      );
      const pi = readPaymentIntent(created, doing);
      if (!pi.client_secret) {
        throw new BoError('BO_PAYMENT_PROVIDER', `${doing}: Stripe sent no client secret.`);
      }
      return {
        ref: pi.id,
        status: paymentStatusOf(pi.status),
        next: { kind: 'client_secret', clientSecret: pi.client_secret, publishableKey },
      };
    },

    retrievePayment,

    async cancelPayment(ref: string): Promise<void> {
      const id = parse(refSchema, ref, 'payment reference');
      const doing = `Cancelling Stripe payment ${id}`;
      try {
        await stripe.paymentIntents.cancel(id);
      } catch (err) {
        // Stripe refuses to cancel a succeeded or already cancelled PaymentIntent; the port makes
        // that a no-op. Any other refusal (a payment still processing) the caller must hear about.
        if (isStripeError(err) && err.code === 'payment_intent_unexpected_state') {
          const current = await retrievePayment(id);
          if (current.status === 'succeeded' || current.status === 'cancelled') return;
        }
        throw providerError(doing, err, secretKey);
      }
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const r = parse(refundInput, input, 'refund');
      const doing = `Refunding Stripe payment ${r.paymentRef}`;
      const created = await call(doing, () =>
        stripe.refunds.create(
          {
            payment_intent: r.paymentRef,
            amount: r.amountMinor,
            metadata: { refundId: r.refundId },
          },
          { idempotencyKey: r.refundId },
        ),
      );
      const refund = stripeRefundSchema.safeParse(created);
      if (!refund.success) {
        throw new BoError('BO_PAYMENT_PROVIDER', `${doing}: Stripe sent an unreadable Refund.`);
      }
      return refundResultOf(refund.data);
    },

    verifyWebhook(rawBody, headers): ProviderEvent {
      const header = headers['stripe-signature'];
      if (typeof header !== 'string' || header === '') {
        throw new BoError(
          'BO_WEBHOOK_SIGNATURE',
          'The webhook has no single Stripe-Signature header.',
        );
      }
      let event: unknown;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          header,
          config.stripeWebhookSecret,
          config.webhookToleranceSeconds,
          undefined,
          now().getTime(),
        );
      } catch (err) {
        // The SDK's reason (no signature matches, timestamp outside the tolerance) helps whoever
        // configures the endpoint and reveals nothing a forger does not already know.
        // Only its first line: the rest is a tutorial, too long for an API answer.
        const why =
          (err instanceof Error ? err.message : '').split('\n')[0] || 'it does not verify';
        throw new BoError('BO_WEBHOOK_SIGNATURE', `The Stripe webhook was refused: ${why}`);
      }
      const parsed = stripeEventSchema.safeParse(event);
      if (!parsed.success) {
        throw new BoError('BO_BAD_REQUEST', 'The Stripe webhook is signed but is not an event.');
      }
      return eventOf(parsed.data);
    },
  };
}
