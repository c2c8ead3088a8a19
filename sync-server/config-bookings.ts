// The sync server's settings for online bookings and payments (DESIGN §7, §12).
import { z } from 'zod';
import { envValue, type ConfigSpec } from '../common/config-schema.js';

const secretText = z.string();

export const bookingsConfigSpec = {
  paymentProvider: {
    env: 'PAYMENT_PROVIDER',
    default: 'test',
    description:
      'Who takes online payments: the built-in test gateway (no account needed) or Stripe (needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET).',
    schema: z.enum(['test', 'stripe']),
    allowed: 'test or stripe',
  },
  publicUrl: {
    env: 'PUBLIC_URL',
    default: '',
    description:
      'The address buyers reach this server at, for the test gateway’s payment page links; empty: http://HOST:PORT.',
    schema: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    allowed: 'empty, or an http(s) URL',
  },
  testGatewaySecret: {
    env: 'TEST_GATEWAY_SECRET',
    default: '',
    description:
      'Key the test gateway signs its webhooks with; empty: generated once and kept in the database.',
    schema: secretText,
    allowed: 'any text',
    secret: true,
  },
  testGatewayDelaySeconds: {
    env: 'TEST_GATEWAY_DELAY_SECONDS',
    default: 20,
    description:
      'How long the test gateway’s delayed-confirmation card keeps a payment processing before it succeeds.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (seconds)',
  },
  stripeSecretKey: {
    env: 'STRIPE_SECRET_KEY',
    default: '',
    description: 'Stripe secret API key (sk_…), when PAYMENT_PROVIDER is stripe.',
    schema: secretText,
    allowed: 'a Stripe secret key, or empty',
    secret: true,
  },
  stripePublishableKey: {
    env: 'STRIPE_PUBLISHABLE_KEY',
    default: '',
    description:
      'Stripe publishable key (pk_…), handed to web shops with each payment’s client secret.',
    schema: z.string(),
    allowed: 'a Stripe publishable key, or empty',
  },
  stripeWebhookSecret: {
    env: 'STRIPE_WEBHOOK_SECRET',
    default: '',
    description:
      'Signing secret (whsec_…) of the Stripe webhook endpoint /api/v1/payments/webhooks/stripe.',
    schema: secretText,
    allowed: 'a Stripe webhook signing secret, or empty',
    secret: true,
  },
  stripeApiUrl: {
    env: 'STRIPE_API_URL',
    default: '',
    description:
      'Where the Stripe API is reached; empty: Stripe itself (tests point it at a local stand-in).',
    schema: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    allowed: 'empty, or an http(s) URL',
  },
  webhookToleranceSeconds: {
    env: 'WEBHOOK_TOLERANCE_SECONDS',
    default: 300,
    description: 'A webhook signed longer ago than this is refused as a replay.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  paymentCheckSeconds: {
    env: 'PAYMENT_CHECK_SECONDS',
    default: 120,
    description:
      'A payment still pending or processing this long after its last news is asked about at the provider, so none stays pending for ever.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  cancelCutoffMinutes: {
    env: 'BOOKING_CANCEL_CUTOFF_MINUTES',
    default: 120,
    description: 'Customers may cancel tickets until this many minutes before the show starts.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (minutes)',
  },
  cancelFeeBp: {
    env: 'BOOKING_CANCEL_FEE_BP',
    default: 0,
    description:
      'Share of a cancelled ticket’s price kept as a fee, in basis points (1000 = 10 %); never on a show the cinema cancelled.',
    schema: z.coerce.number().int().min(0).max(10_000),
    allowed: 'an integer from 0 to 10000',
  },
  idempotencyKeepHours: {
    env: 'IDEMPOTENCY_KEEP_HOURS',
    default: 24,
    description:
      'How long the answer to a request with an Idempotency-Key is kept for its retries.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (hours)',
  },
} satisfies ConfigSpec;

/** The address buyers reach this server at: PUBLIC_URL, else http://HOST:PORT; no trailing slash. */
export function publicBaseUrl(config: { publicUrl: string; host: string; port: number }): string {
  return config.publicUrl === ''
    ? `http://${config.host}:${String(config.port)}`
    : config.publicUrl.replace(/\/$/, '');
}
