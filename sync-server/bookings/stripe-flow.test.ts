// The online purchase on Stripe, offline: the server's Stripe adapter talks to a local stand-in
// for Stripe's API (test/support/fake-stripe.ts), and webhooks are signed with the Stripe SDK's
// test header. Book → pay (declined, then paid) → confirmed; a duplicate and a forged webhook;
// cancel → refund through Stripe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  holdSeats,
  postMoney,
  readBookingAs,
  startPaying,
  startBookingHarness,
} from '../../test/support/bookings.js';
import {
  startFakeStripe,
  signStripeWebhook,
  type FakeStripe,
} from '../../test/support/fake-stripe.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';

const WHSEC = 'whsec_test_marquee_local_only';
let app: App;
let fx: ShowFixture;
let stripe: FakeStripe;

beforeAll(async () => {
  stripe = await startFakeStripe();
  ({ app, fx } = await startBookingHarness({
    config: {
      paymentProvider: 'stripe',
      stripeSecretKey: 'sk_test_marquee_local_only',
      stripePublishableKey: 'pk_test_marquee',
      stripeWebhookSecret: WHSEC,
      stripeApiUrl: stripe.url,
    },
  }));
});
afterAll(async () => {
  await app.close();
  await stripe.close();
});

const seat = (row: number, n: number) => fx.rows[row]?.[n] ?? '';
const webhook = (event: object, at?: number) => {
  const w = signStripeWebhook(event, WHSEC, at);
  return app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhooks/stripe',
    headers: w.headers,
    payload: w.body,
  });
};
const refOf = async (paymentId: string) =>
  (
    await app.ctx.db.$client.query<{ provider_ref: string }>(
      'SELECT provider_ref FROM booking_payments WHERE id = $1',
      [paymentId],
    )
  ).rows[0]?.provider_ref ?? '';

describe('online purchase on Stripe', () => {
  it('pays with a PaymentIntent, confirms on the signed webhook, refunds a cancellation through Stripe', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(0, 0), seat(0, 1)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    const payment = await startPaying(app, booking);
    expect(payment.next).toMatchObject({
      kind: 'client_secret',
      publishableKey: 'pk_test_marquee',
    });
    const ref = await refOf(payment.paymentId);
    const created = stripe.requests.find(
      (r) => r.method === 'POST' && r.path === '/v1/payment_intents',
    );
    expect(created?.idempotencyKey).toBe(payment.paymentId);
    expect(created?.form).toMatchObject({ amount: String(booking.totalMinor), currency: 'gbp' });

    // A decline is not the end: the booking waits, and only Stripe's failed event says "failed".
    expect((await webhook(stripe.decline(ref))).statusCode).toBe(200);
    expect((await readBookingAs(app, booking)).status).toBe('pending');
    const paid = stripe.succeed(ref);
    expect((await webhook(paid)).json()).toEqual({ received: true, duplicate: false });
    expect((await webhook(paid)).json()).toEqual({ received: true, duplicate: true });
    const done = await readBookingAs(app, booking);
    expect(done.status).toBe('confirmed');
    expect(done.tickets.map((t) => t.status)).toEqual(['valid', 'valid']);

    // Forged: another secret; replayed from long ago: refused, nothing changes.
    const forged = signStripeWebhook(paid, 'whsec_someone_else');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhooks/stripe',
      headers: forged.headers,
      payload: forged.body,
    });
    expect(res.json()).toMatchObject({ error: { code: 'BO_WEBHOOK_SIGNATURE' } });
    expect((await webhook(paid, Math.floor(Date.now() / 1000) - 3600)).statusCode).toBe(400);

    const cancelled = await postMoney(
      app,
      `/api/v1/bookings/${booking.id}/cancel`,
      {},
      {
        bookingSecret: booking.bookingSecret ?? '',
      },
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const refund = stripe.requests.find((r) => r.path === '/v1/refunds');
    expect(refund?.form).toMatchObject({ payment_intent: ref, amount: String(booking.totalMinor) });
    const after = await readBookingAs(app, booking);
    expect(after).toMatchObject({ status: 'cancelled', paidMinor: 0 });
    expect(after.refunds).toMatchObject([{ status: 'succeeded', amountMinor: booking.totalMinor }]);
  });

  it('has no test gateway pages when Stripe takes the payments', async () => {
    const res = await app.inject({ method: 'GET', url: `/pay/test/tgpi_${'0'.repeat(32)}` });
    expect(res.statusCode).toBe(404);
  });
});
