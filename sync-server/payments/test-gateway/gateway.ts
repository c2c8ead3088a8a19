// The built-in test gateway (DESIGN §7, §11): a payment provider that runs inside the server so the
// whole online flow works with no account. It keeps its own ledger, serves a payment page with test
// cards, and reports outcomes the way a real provider does: signed webhooks to the same route.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { BoError } from '../../../common/errors.js';
import { withTx } from '../../services/tx.js';
import type { PaymentProvider } from '../provider.js';
import { createDelivery, type Deliver } from './delivery.js';
import { readEvent } from './events.js';
import { createInput, parseInput, refundInput } from './inputs.js';
import {
  eventOf,
  portStatus,
  queueEvent,
  readIntent,
  type GatewayEvent,
  type GatewayEventType,
  type Intent,
  type IntentStatus,
} from './ledger.js';
import { SIGNATURE_HEADER, signPayload, verifyPayload } from './signature.js';

export type { Deliver } from './delivery.js';

/** The test cards and what each does. */
export const TEST_CARDS = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'is declined',
  '4000000000003220': 'is confirmed by the bank later',
} as const;

/** What the gateway needs: its ledger's pool, its key, its URLs, a clock and the webhook route. */
export type TestGatewayDeps = {
  pool: pg.Pool;
  /** Signing key of the webhooks (from config, or made once and kept in the database); read once. */
  secret: () => Promise<string>;
  /** Base URL of the payment pages. */
  publicUrl: string;
  delaySeconds: number;
  toleranceSeconds: number;
  now: () => Date;
  deliver: Deliver;
  /** Told of a delivery the server did not accept (it is retried later). */
  warn: (message: string, details: Record<string, unknown>) => void;
};

/** The gateway: the provider port, plus paying (its page) and delivering what is due (its sweeper). */
export type TestGateway = PaymentProvider & {
  /** Pays an intent with a card, as the page's form does; returns the intent's state after. */
  pay(intentId: string, card: string): Promise<IntentStatus>;
  /** Delivers every webhook due now; returns how many were accepted. */
  deliverDue(): Promise<number>;
  /** Reads an intent for the page; null when unknown. */
  intent(id: string): Promise<{
    amountMinor: number;
    currency: string;
    description: string;
    status: IntentStatus;
  } | null>;
  /** Signs an event as a webhook (also for tests that replay or forge deliveries). */
  sign(event: GatewayEvent, at?: Date): Promise<{ body: string; headers: Record<string, string> }>;
};

const digits = (card: string) => card.replace(/[\s-]/g, '');

/** Builds the test gateway. */
export function createTestGateway(deps: TestGatewayDeps): TestGateway {
  const { pool } = deps;
  // Read on first use, so the server starts (and says it is unwell) while the database is down.
  let secret: string | null = null;
  const prepare = async () => {
    secret ??= await deps.secret();
  };
  const sign: TestGateway['sign'] = async (event, at = deps.now()) => {
    await prepare();
    const body = JSON.stringify(event);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signPayload(secret ?? '', body, at),
      },
    };
  };

  const deliver = createDelivery({ pool, sign, deliver: deps.deliver, warn: deps.warn });
  const deliverDue = () => deliver(null);
  // Events carry the gateway's clock, like the signatures on them, so a test's clock rules both.
  const event = (
    type: GatewayEventType,
    intent: Intent,
    extra: Partial<GatewayEvent['data']> = {},
  ) => eventOf(type, intent, extra, deps.now());

  return {
    name: 'test',
    sign,
    prepare,
    deliverDue,

    async createPayment(given) {
      const input = parseInput(createInput, given, 'payment');
      // One intent per payment id, so a retried start never makes a second one.
      const id = `tgpi_${input.paymentId.replace(/-/g, '')}`;
      await pool.query({
        name: 'tg_create',
        text: `INSERT INTO test_gateway_intents (id, amount_minor, currency, status, description, metadata)
               VALUES ($1, $2, $3, 'requires_payment', $4, $5) ON CONFLICT (id) DO NOTHING`,
        values: [
          id,
          input.amountMinor,
          input.currency,
          input.description,
          JSON.stringify({
            paymentId: input.paymentId,
            bookingId: input.bookingId,
            reference: input.reference,
          }),
        ],
      });
      return {
        ref: id,
        status: 'pending',
        next: { kind: 'redirect', url: `${deps.publicUrl}/pay/test/${id}` },
      };
    },

    async retrievePayment(ref) {
      const i = await readIntent(pool, ref);
      if (i === null)
        throw new BoError('BO_PAYMENT_NOT_FOUND', `The test gateway has no payment ${ref}.`);
      return {
        ref,
        status: portStatus(i.status),
        amountMinor: i.amount_minor,
        currency: i.currency,
        failureReason: null,
      };
    },

    async cancelPayment(ref) {
      await pool.query({
        name: 'tg_cancel',
        text: "UPDATE test_gateway_intents SET status = 'cancelled' WHERE id = $1 AND status IN ('requires_payment', 'failed')",
        values: [ref],
      });
    },

    async refund(given) {
      const input = parseInput(refundInput, given, 'refund');
      const ref = await withTx(pool, async (tx) => {
        const i = await readIntent(tx, input.paymentRef, true);
        if (i === null)
          throw new BoError(
            'BO_PAYMENT_NOT_FOUND',
            `The test gateway has no payment ${input.paymentRef}.`,
          );
        // A refund asked for again (a retry after a crash) is the same refund, never a second one.
        const done = i.metadata[`refund:${input.refundId}`];
        if (done !== undefined) return done;
        if (i.currency.toUpperCase() !== input.currency.toUpperCase())
          throw new BoError(
            'BO_VALIDATION',
            `The payment is in ${i.currency}, not ${input.currency}.`,
          );
        if (i.status !== 'succeeded')
          throw new BoError('BO_CONFLICT', 'Only a paid payment can be refunded.');
        if (input.amountMinor > i.amount_minor - i.refunded_minor)
          throw new BoError(
            'BO_REFUND_EXCEEDS_PAID',
            'This refund is more than is left of the payment.',
          );
        const refundRef = `tgre_${randomBytes(12).toString('base64url')}`;
        await tx.query({
          name: 'tg_refund',
          text: 'UPDATE test_gateway_intents SET refunded_minor = refunded_minor + $2, metadata = metadata || $3 WHERE id = $1',
          values: [
            i.id,
            input.amountMinor,
            JSON.stringify({ [`refund:${input.refundId}`]: refundRef }),
          ],
        });
        await queueEvent(
          tx,
          event(
            'refund.succeeded',
            { ...i, amount_minor: input.amountMinor },
            { refundId: input.refundId, refundRef },
          ),
        );
        return refundRef;
      });
      return { ref, status: 'succeeded', failureReason: null };
    },

    verifyWebhook(raw, headers) {
      if (secret === null)
        throw new BoError('BO_UNAVAILABLE', 'The payment gateway is starting; try again.');
      verifyPayload(secret, raw, headers[SIGNATURE_HEADER], deps.toleranceSeconds, deps.now());
      return readEvent(raw);
    },

    async intent(id) {
      const i = await readIntent(pool, id);
      return i === null
        ? null
        : {
            amountMinor: i.amount_minor,
            currency: i.currency,
            description: i.description,
            status: i.status,
          };
    },

    async pay(intentId, card) {
      const number = digits(card);
      const outcome = (TEST_CARDS as Record<string, string>)[number];
      if (outcome === undefined)
        throw new BoError('BO_VALIDATION', 'Use one of the test cards listed on the page.');
      const status = await withTx(pool, async (tx) => {
        const i = await readIntent(tx, intentId, true);
        if (i === null) throw new BoError('BO_PAYMENT_NOT_FOUND', 'No such payment.');
        if (i.status === 'succeeded')
          throw new BoError(
            'BO_CONFLICT',
            'This payment has been made already; nothing more was charged.',
          );
        if (i.status === 'processing')
          throw new BoError('BO_CONFLICT', 'Your bank is still confirming this payment.');
        if (i.status === 'cancelled')
          throw new BoError(
            'BO_CONFLICT',
            'This payment was cancelled; start again from the booking.',
          );
        const next: IntentStatus =
          outcome === 'succeeds'
            ? 'succeeded'
            : outcome === 'is declined'
              ? 'failed'
              : 'processing';
        await tx.query({
          name: 'tg_pay',
          text: 'UPDATE test_gateway_intents SET status = $2 WHERE id = $1',
          values: [i.id, next],
        });
        const due: number[] = [];
        if (next === 'succeeded') due.push(await queueEvent(tx, event('payment.succeeded', i)));
        if (next === 'failed')
          due.push(
            await queueEvent(
              tx,
              event('payment.failed', i, { failureReason: 'The card was declined.' }),
            ),
          );
        if (next === 'processing') {
          due.push(await queueEvent(tx, event('payment.processing', i)));
          await queueEvent(tx, event('payment.succeeded', i), deps.delaySeconds);
        }
        return { next, due };
      });
      // This payment's news goes out at once, as a provider's would; what is due later is the sweeper's.
      await deliver(status.due);
      return status.next;
    },
  };
}
