// The built-in test gateway (DESIGN §7, §11): a payment provider that runs inside the server so the
// whole online flow works with no account. It keeps its own ledger, serves a payment page with test
// cards, and reports outcomes the way a real provider does: signed webhooks to the same route.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { BoError } from '../../../common/errors.js';
import { withTx } from '../../services/tx.js';
import type { PaymentProvider, ProviderEvent } from '../provider.js';
import {
  eventOf,
  portStatus,
  queueEvent,
  readIntent,
  type GatewayEvent,
  type IntentStatus,
} from './ledger.js';
import { SIGNATURE_HEADER, signPayload, verifyPayload } from './signature.js';

/** The test cards and what each does. */
export const TEST_CARDS = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'is declined',
  '4000000000003220': 'is confirmed by the bank later',
} as const;

/**
 * The sweeper leaves a webhook this long past due to the payment that queued it, which delivers it
 * at once itself; taking it first would only make that buyer wait behind the sweeper's batch.
 */
const SWEEP_GRACE_SECONDS = 5;

/** Where a webhook goes: the server's own webhook route; resolves to its answer. */
export type Deliver = (
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body: string }>;

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

const eventSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  created: z.int(),
  data: z.object({
    intentId: z.string().max(100),
    amountMinor: z.int(),
    currency: z.string().max(3),
    failureReason: z.string().max(500).nullable().optional(),
    refundId: z.string().max(100).optional(),
    refundRef: z.string().max(100).optional(),
  }),
});

function toProviderEvent(e: z.infer<typeof eventSchema>): ProviderEvent {
  const d = e.data;
  switch (e.type) {
    case 'payment.processing':
    case 'payment.succeeded':
    case 'payment.failed':
      return {
        id: e.id,
        kind: 'payment',
        ref: d.intentId,
        status:
          e.type === 'payment.processing'
            ? 'processing'
            : e.type === 'payment.succeeded'
              ? 'succeeded'
              : 'failed',
        amountMinor: d.amountMinor,
        currency: d.currency,
        failureReason: d.failureReason ?? null,
      };
    case 'refund.succeeded':
      return {
        id: e.id,
        kind: 'refund',
        ref: d.refundRef ?? '',
        refundId: d.refundId ?? null,
        paymentRef: d.intentId,
        status: 'succeeded',
        failureReason: null,
      };
    default:
      return { id: e.id, kind: 'other', type: e.type };
  }
}

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

  /**
   * Delivers due webhooks: these rows (a payment's own, at once) or any that are due (the sweeper).
   * Rows are claimed by moving them into the future (backing off), so another process skips them
   * and no lock is held while they are delivered.
   */
  async function deliver(ids: number[] | null): Promise<number> {
    let accepted = 0;
    for (;;) {
      const r = await pool.query<{ id: number; payload: GatewayEvent }>({
        name: 'tg_claim_due',
        text: `UPDATE test_gateway_webhooks SET attempts = attempts + 1,
                 due_at = now() + make_interval(secs => LEAST(3600, 5 * power(2, attempts)))
               WHERE id IN (SELECT id FROM test_gateway_webhooks WHERE delivered_at IS NULL
                            AND ($1::bigint[] IS NULL AND due_at <= now() - make_interval(secs => $2)
                                 OR id = ANY($1::bigint[]) AND due_at <= now())
                            ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
               RETURNING id, payload`,
        values: [ids, SWEEP_GRACE_SECONDS],
      });
      if (r.rows.length === 0) return accepted;
      for (const row of r.rows.sort((a, b) => a.id - b.id)) {
        // The bank's later word: the intent becomes what the event it now sends says.
        if (row.payload.type === 'payment.succeeded')
          await pool.query({
            name: 'tg_settle_later',
            text: "UPDATE test_gateway_intents SET status = 'succeeded' WHERE id = $1 AND status = 'processing'",
            values: [row.payload.data.intentId],
          });
        const w = await sign(row.payload);
        const answer = await deps
          .deliver(w.body, w.headers)
          .catch((e: unknown) => ({ status: 0, body: String(e) }));
        if (answer.status < 200 || answer.status >= 300)
          deps.warn('test gateway webhook not accepted; will retry', {
            eventId: row.payload.id,
            status: answer.status,
            body: answer.body.slice(0, 300),
          });
        else {
          accepted += 1;
          await pool.query({
            name: 'tg_delivered',
            text: 'UPDATE test_gateway_webhooks SET delivered_at = now() WHERE id = $1',
            values: [row.id],
          });
        }
      }
      if (ids !== null) return accepted;
    }
  }
  const deliverDue = () => deliver(null);

  return {
    name: 'test',
    sign,
    prepare,
    deliverDue,

    async createPayment(input) {
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

    async refund(input) {
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
          eventOf(
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
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new BoError('BO_WEBHOOK_SIGNATURE', 'Webhook refused: the body is not JSON.');
      }
      const e = eventSchema.safeParse(parsed);
      if (!e.success)
        throw new BoError('BO_WEBHOOK_SIGNATURE', 'Webhook refused: not a test gateway event.');
      return toProviderEvent(e.data);
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
        if (next === 'succeeded') due.push(await queueEvent(tx, eventOf('payment.succeeded', i)));
        if (next === 'failed')
          due.push(
            await queueEvent(
              tx,
              eventOf('payment.failed', i, { failureReason: 'The card was declined.' }),
            ),
          );
        if (next === 'processing') {
          due.push(await queueEvent(tx, eventOf('payment.processing', i)));
          await queueEvent(tx, eventOf('payment.succeeded', i), deps.delaySeconds);
        }
        return { next, due };
      });
      // This payment's news goes out at once, as a provider's would; what is due later is the sweeper's.
      await deliver(status.due);
      return status.next;
    },
  };
}
