// Stripe webhooks through the adapter: events signed by the SDK are read into the port's events;
// forged, tampered, unsigned or old ones are BO_WEBHOOK_SIGNATURE. Also Stripe's and the network's
// failures: BO_PAYMENT_PROVIDER, never with the secret key in the message. The clock is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoError } from '../../common/errors.js';
import {
  signStripeWebhook,
  startFakeStripe,
  stripeEvent,
  type FakeStripe,
} from '../../test/support/fake-stripe.js';
import type { PaymentProvider } from './provider.js';
import { createStripeProvider, stripeClientOptions, type StripeProviderConfig } from './stripe.js';
import { paymentStatusOf } from './stripe-map.js';

const now = new Date('2026-03-01T12:00:00Z');
const nowSec = Math.floor(now.getTime() / 1000);
const secretKey = 'sk_test_51HoneyBadger0000secretkeyvalue';
const webhookSecret = 'whsec_test_secret_for_the_stand_in';

let fake: FakeStripe;
let config: StripeProviderConfig;
let stripe: PaymentProvider;
beforeAll(async () => {
  fake = await startFakeStripe({ now: () => now, secretKey });
  config = {
    stripeSecretKey: secretKey,
    stripePublishableKey: '',
    stripeWebhookSecret: webhookSecret,
    stripeApiUrl: fake.url,
    webhookToleranceSeconds: 300,
  };
  stripe = createStripeProvider(config, { now: () => now, timeoutMs: 5_000 });
});
afterAll(async () => {
  await fake.close();
});

/** The BoError a call threw (fails the test when it did not throw one). */
async function boErrorOf(run: () => unknown): Promise<BoError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof BoError) return err;
    throw err;
  }
  throw new Error('expected a BoError');
}
/** Delivers `event` to the adapter as Stripe would, signed at `timestamp`. */
const deliver = (event: object, timestamp = nowSec, secret = webhookSecret) => {
  const { body, headers } = signStripeWebhook(event, secret, timestamp);
  return stripe.verifyWebhook(Buffer.from(body), headers);
};
const newPayment = async (paymentId: string) =>
  stripe.createPayment({
    paymentId,
    bookingId: `bk_${paymentId}`,
    reference: 'MQ7KX',
    amountMinor: 1800,
    currency: 'GBP',
    description: 'Marquee booking MQ7KX',
    email: null,
  });

describe('Stripe webhooks', () => {
  it('reads payment events: succeeded, processing, payment_failed (failed), canceled', async () => {
    const { ref } = await newPayment('pay_w1');
    const base = { ref, amountMinor: 1800, currency: 'GBP', kind: 'payment' };
    const processing = fake.process(ref);
    expect(deliver(processing)).toEqual({
      ...base,
      id: processing.id,
      status: 'processing',
      failureReason: null,
    });
    const declined = fake.decline(ref);
    expect(deliver(declined)).toEqual({
      ...base,
      id: declined.id,
      status: 'failed',
      failureReason: 'Your card was declined.',
    });
    const succeeded = fake.succeed(ref);
    expect(deliver(succeeded)).toMatchObject({ id: succeeded.id, status: 'succeeded' });
    const other = await newPayment('pay_w2');
    await stripe.cancelPayment(other.ref);
    const canceled = fake.events.at(-1);
    expect(canceled?.type).toBe('payment_intent.canceled');
    expect(deliver(canceled ?? {})).toMatchObject({ ref: other.ref, status: 'cancelled' });
  });

  it('reads refund events with our refund id, and ignores types bookings do not act on', async () => {
    const { ref } = await newPayment('pay_w3');
    fake.succeed(ref);
    fake.setRefundOutcome('pending');
    const refund = await stripe.refund({
      refundId: 'rf_w3',
      paymentRef: ref,
      amountMinor: 800,
      currency: 'GBP',
    });
    const settled = fake.settleRefund(refund.ref, 'succeeded');
    expect(deliver(settled)).toEqual({
      id: settled.id,
      kind: 'refund',
      ref: refund.ref,
      refundId: 'rf_w3',
      paymentRef: ref,
      status: 'succeeded',
      failureReason: null,
    });
    const failed = fake.settleRefund(refund.ref, 'failed', 'lost_or_stolen_card');
    expect(deliver(failed)).toMatchObject({
      status: 'failed',
      failureReason: 'lost_or_stolen_card',
    });
    const stored = fake.refunds.get(refund.ref);
    const charge = {
      id: 'ch_1',
      object: 'charge',
      payment_intent: ref,
      refunds: { data: [stored] },
    };
    expect(deliver(stripeEvent('charge.refunded', charge, nowSec))).toMatchObject({
      kind: 'refund',
      ref: refund.ref,
      refundId: 'rf_w3',
      paymentRef: ref,
    });
    // Without the refunds list (newer API versions) the charge does not say which refund moved.
    const bare = stripeEvent('charge.refunded', { id: 'ch_1', payment_intent: ref }, nowSec);
    expect(deliver(bare)).toEqual({ id: bare.id, kind: 'other', type: 'charge.refunded' });
    const created = stripeEvent(
      'payment_intent.created',
      fake.paymentIntents.get(ref) ?? {},
      nowSec,
    );
    expect(deliver(created)).toEqual({
      id: created.id,
      kind: 'other',
      type: 'payment_intent.created',
    });
  });

  it('refuses a forged, tampered, unsigned or old webhook', async () => {
    const { ref } = await newPayment('pay_w4');
    const event = fake.succeed(ref);
    const refused = async (body: string | Buffer, headers: Record<string, string | string[]>) =>
      (await boErrorOf(() => stripe.verifyWebhook(Buffer.from(body), headers))).code;

    const forged = signStripeWebhook(event, 'whsec_someone_else', nowSec);
    expect(await refused(forged.body, forged.headers)).toBe('BO_WEBHOOK_SIGNATURE');

    const good = signStripeWebhook(event, webhookSecret, nowSec);
    const tampered = good.body.replace('"amount":1800', '"amount":1');
    expect(tampered).not.toBe(good.body);
    expect(await refused(tampered, good.headers)).toBe('BO_WEBHOOK_SIGNATURE');

    const old = signStripeWebhook(event, webhookSecret, nowSec - 301);
    expect(await refused(old.body, old.headers)).toBe('BO_WEBHOOK_SIGNATURE');
    const oldError = await boErrorOf(() =>
      stripe.verifyWebhook(Buffer.from(old.body), old.headers),
    );
    expect(oldError.message).toBe(
      'The Stripe webhook was refused: Timestamp outside the tolerance zone',
    );
    // Just inside the tolerance is still fine (a slow delivery, not a replay).
    expect(deliver(event, nowSec - 290).kind).toBe('payment');

    expect(await refused(good.body, {})).toBe('BO_WEBHOOK_SIGNATURE');
    const sig = good.headers['stripe-signature'];
    expect(await refused(good.body, { 'stripe-signature': [sig, sig] })).toBe(
      'BO_WEBHOOK_SIGNATURE',
    );
    expect(await refused(good.body, { 'stripe-signature': 'garbage' })).toBe(
      'BO_WEBHOOK_SIGNATURE',
    );
  });
});

describe('Stripe failures', () => {
  it('turns a Stripe 500 and a card decline into BO_PAYMENT_PROVIDER', async () => {
    fake.failNext({ status: 500 });
    const down = await boErrorOf(() => newPayment('pay_f1'));
    expect(down.code).toBe('BO_PAYMENT_PROVIDER');
    expect(down.message).toMatch(/Stripe answered 500/);
    fake.failNext({ status: 402, code: 'card_declined' });
    const declined = await boErrorOf(() => newPayment('pay_f2'));
    expect(declined).toMatchObject({
      code: 'BO_PAYMENT_PROVIDER',
      details: { stripeCode: 'card_declined' },
    });
  });

  it('retries a retryable failure once with the same idempotency key', async () => {
    fake.failNext({ status: 500, retry: true });
    const before = fake.requests.length;
    const created = await newPayment('pay_f3');
    const tries = fake.requests.slice(before);
    expect(tries.map((r) => r.idempotencyKey)).toEqual(['pay_f3', 'pay_f3']);
    expect(fake.paymentIntents.has(created.ref)).toBe(true);
  });

  it('never puts the secret key in an error', async () => {
    const wrongKey = 'sk_test_wrongWrongWrong123456789';
    const wrong = createStripeProvider({ ...config, stripeSecretKey: wrongKey });
    const err = await boErrorOf(() => wrong.retrievePayment('pi_x'));
    expect(err.code).toBe('BO_PAYMENT_PROVIDER');
    expect(err.message).not.toContain(wrongKey);
    expect(err.message).not.toContain('6789');
    expect(JSON.stringify(err.toWire())).not.toContain(wrongKey);
  });

  it('reports an unreachable Stripe', async () => {
    const gone = await startFakeStripe();
    await gone.close();
    const offline = createStripeProvider({ ...config, stripeApiUrl: gone.url });
    const err = await boErrorOf(() => offline.retrievePayment('pi_x'));
    expect(err.code).toBe('BO_PAYMENT_PROVIDER');
    expect(err.message).toMatch(/could not reach Stripe/);
    expect(err.message).not.toContain(secretKey);
  });

  it('needs its keys, and points the SDK at the configured API', () => {
    const code = (c: StripeProviderConfig) => {
      try {
        createStripeProvider(c);
      } catch (err) {
        return err instanceof BoError ? err.code : 'other';
      }
      return 'none';
    };
    expect(code({ ...config, stripeSecretKey: '' })).toBe('BO_VALIDATION');
    expect(code({ ...config, stripeWebhookSecret: '' })).toBe('BO_VALIDATION');
    expect(stripeClientOptions('', 1000)).toEqual({ maxNetworkRetries: 1, timeout: 1000 });
    expect(stripeClientOptions('http://127.0.0.1:4242', 1000)).toMatchObject({
      host: '127.0.0.1',
      port: 4242,
      protocol: 'http',
    });
    expect(stripeClientOptions('https://stripe.internal', 1000)).toMatchObject({ port: 443 });
  });

  it('maps every PaymentIntent status', () => {
    expect(
      [
        'requires_payment_method',
        'requires_confirmation',
        'requires_action',
        'processing',
        'requires_capture',
        'succeeded',
        'canceled',
      ].map(paymentStatusOf),
    ).toEqual([
      'pending',
      'pending',
      'pending',
      'processing',
      'processing',
      'succeeded',
      'cancelled',
    ]);
  });
});
