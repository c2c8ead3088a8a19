// The Stripe adapter against a local stand-in of Stripe's API (no internet): what it sends, how it
// reads Stripe's answers and events, and that forged, tampered or old webhooks and Stripe's failures
// become stable BO_ codes. The clock is fixed, so webhook ages never depend on when the test runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BoError } from '../../common/errors.js';
import { startFakeStripe, type FakeStripe } from '../../test/support/fake-stripe.js';
import type { CreatePaymentInput, PaymentProvider } from './provider.js';
import { createStripeProvider, type StripeProviderConfig } from './stripe.js';

const now = new Date('2026-03-01T12:00:00Z');
const secretKey = 'sk_test_51HoneyBadger0000secretkeyvalue';
const webhookSecret = 'whsec_test_secret_for_the_stand_in';

let fake: FakeStripe;
let config: StripeProviderConfig;
let stripe: PaymentProvider;
beforeAll(async () => {
  fake = await startFakeStripe({ now: () => now, secretKey });
  config = {
    stripeSecretKey: secretKey,
    stripePublishableKey: 'pk_test_publishable',
    stripeWebhookSecret: webhookSecret,
    stripeApiUrl: fake.url,
    webhookToleranceSeconds: 300,
  };
  stripe = createStripeProvider(config, { now: () => now, timeoutMs: 5_000 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setRefundOutcome('succeeded');
});

let n = 0;
const paymentInput = (over: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: `pay_${++n}`,
  bookingId: `bk_${n}`,
  reference: `MQ7K${n}`,
  amountMinor: 2450,
  currency: 'EUR',
  description: 'Marquee booking MQ7K',
  email: 'ada@example.org',
  ...over,
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
const paid = async (amountMinor = 2450) => {
  const created = await stripe.createPayment(paymentInput({ amountMinor }));
  fake.succeed(created.ref);
  return created.ref;
};

describe('Stripe payments', () => {
  it('starts a PaymentIntent and hands back its client secret', async () => {
    const input = paymentInput();
    const created = await stripe.createPayment(input);
    const pi = fake.paymentIntents.get(created.ref);
    expect(created).toEqual({
      ref: pi?.id,
      status: 'pending',
      next: {
        kind: 'client_secret',
        clientSecret: pi?.client_secret,
        publishableKey: 'pk_test_publishable',
      },
    });
    expect(created.ref).toMatch(/^pi_/);
    const [req] = fake.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/v1/payment_intents');
    expect(req?.idempotencyKey).toBe(input.paymentId);
    expect(req?.authorization).toBe(`Bearer ${secretKey}`);
    expect(req?.form).toMatchObject({
      amount: '2450',
      currency: 'eur',
      description: 'Marquee booking MQ7K',
      receipt_email: 'ada@example.org',
      metadata: {
        bookingId: input.bookingId,
        paymentId: input.paymentId,
        reference: input.reference,
      },
      automatic_payment_methods: { enabled: 'true' },
    });
  });

  it('never starts a second PaymentIntent for the same payment id', async () => {
    const input = paymentInput({ email: null });
    const first = await stripe.createPayment(input);
    const again = await stripe.createPayment(input);
    expect(again.ref).toBe(first.ref);
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual([input.paymentId, input.paymentId]);
    expect(fake.requests[0]?.form).not.toHaveProperty('receipt_email');
    expect([...fake.paymentIntents.values()].filter((p) => p.id === first.ref)).toHaveLength(1);
  });

  it('refuses bad input before calling Stripe', async () => {
    for (const bad of [
      paymentInput({ amountMinor: 0 }),
      paymentInput({ amountMinor: 12.5 }),
      paymentInput({ currency: 'euro' }),
      paymentInput({ email: 'not an email' }),
      paymentInput({ paymentId: '' }),
    ]) {
      expect((await boErrorOf(() => stripe.createPayment(bad))).code).toBe('BO_VALIDATION');
    }
    expect((await boErrorOf(() => stripe.retrievePayment(''))).code).toBe('BO_VALIDATION');
    expect(fake.requests).toHaveLength(0);
  });

  it('reads a payment as it moves: pending, declined (still pending), processing, succeeded', async () => {
    const { ref } = await stripe.createPayment(paymentInput());
    expect(await stripe.retrievePayment(ref)).toEqual({
      ref,
      status: 'pending',
      amountMinor: 2450,
      currency: 'EUR',
      failureReason: null,
    });
    fake.decline(ref, 'Your card has insufficient funds.');
    expect(await stripe.retrievePayment(ref)).toMatchObject({
      status: 'pending',
      failureReason: 'Your card has insufficient funds.',
    });
    fake.process(ref);
    expect((await stripe.retrievePayment(ref)).status).toBe('processing');
    fake.succeed(ref);
    expect((await stripe.retrievePayment(ref)).status).toBe('succeeded');
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v1/payment_intents/${ref}`,
    });
    const missing = await boErrorOf(() => stripe.retrievePayment('pi_unknown'));
    expect(missing.code).toBe('BO_PAYMENT_PROVIDER');
  });

  it('cancels an unpaid payment, and shrugs at one already succeeded or cancelled', async () => {
    const { ref } = await stripe.createPayment(paymentInput());
    await stripe.cancelPayment(ref);
    expect((await stripe.retrievePayment(ref)).status).toBe('cancelled');
    await expect(stripe.cancelPayment(ref)).resolves.toBeUndefined();
    await expect(stripe.cancelPayment(await paid())).resolves.toBeUndefined();
    // Stripe will not cancel a payment still processing: the caller must hear of it.
    const slow = await stripe.createPayment(paymentInput());
    fake.process(slow.ref);
    expect((await boErrorOf(() => stripe.cancelPayment(slow.ref))).code).toBe(
      'BO_PAYMENT_PROVIDER',
    );
  });
});

describe('Stripe refunds', () => {
  it('refunds with our refund id as idempotency key and metadata', async () => {
    const ref = await paid();
    const result = await stripe.refund({
      refundId: 'rf_1',
      paymentRef: ref,
      amountMinor: 1000,
      currency: 'EUR',
    });
    expect(result.ref).toMatch(/^re_/);
    expect(result).toEqual({ ref: result.ref, status: 'succeeded', failureReason: null });
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/refunds',
      idempotencyKey: 'rf_1',
      form: { payment_intent: ref, amount: '1000', metadata: { refundId: 'rf_1' } },
    });
    // A retry of the same refund is the same refund, not a second one.
    const again = await stripe.refund({
      refundId: 'rf_1',
      paymentRef: ref,
      amountMinor: 1000,
      currency: 'EUR',
    });
    expect(again.ref).toBe(result.ref);
  });

  it('maps refunds that settle later or fail, and refuses more than was paid', async () => {
    const ref = await paid(3000);
    const refund = (refundId: string, amountMinor: number) =>
      stripe.refund({ refundId, paymentRef: ref, amountMinor, currency: 'EUR' });
    fake.setRefundOutcome('pending');
    expect((await refund('rf_p', 500)).status).toBe('pending');
    fake.setRefundOutcome('requires_action');
    expect((await refund('rf_a', 500)).status).toBe('pending');
    fake.setRefundOutcome('failed', 'expired_or_canceled_card');
    expect(await refund('rf_f', 500)).toMatchObject({
      status: 'failed',
      failureReason: 'expired_or_canceled_card',
    });
    fake.setRefundOutcome('succeeded');
    const tooMuch = await boErrorOf(() => refund('rf_big', 5000));
    expect(tooMuch.code).toBe('BO_PAYMENT_PROVIDER');
    expect(tooMuch.details).toMatchObject({ stripeCode: 'amount_too_large', stripeStatus: 400 });
  });
});
