// A local stand-in for the few Stripe API calls the Stripe adapter makes, so it is tested offline
// (issue 13): it answers with Stripe-shaped JSON, records every request (form body and
// Idempotency-Key) for tests to assert, replays idempotent requests as Stripe does, can be told to
// fail, and plays the buyer's side (succeed, decline, process) returning the event Stripe would post.
//
// A booking flow on "Stripe": start it, set stripeApiUrl = fake.url, any sk_ key and a whsec_
// secret; after createPayment, `const { body, headers } = signStripeWebhook(fake.succeed(ref), secret)`
// and POST body and headers to /api/v1/payments/webhooks/stripe. `fake.events` holds every event
// (also those of cancels and refunds) for duplicate or out-of-order delivery.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buyerProcesses,
  buyerSucceeds,
  cardDeclined,
  newPaymentIntent,
  stripeErrorBody,
  stripeEvent,
  stripeId,
  type FakePaymentIntent,
  type FakeRefund,
  type FakeStripeEvent,
} from './fake-stripe-objects.js';
import {
  authAnswer,
  failureAnswer,
  parseStripeForm,
  readBody,
  type FakeStripeAnswer as Answer,
  type FakeStripeFailure,
} from './fake-stripe-http.js';

export * from './fake-stripe-objects.js';
export { parseStripeForm, type FakeStripeFailure } from './fake-stripe-http.js';

/** One request as the stand-in received it. */
export type FakeStripeRequest = {
  method: string;
  path: string;
  /** The form-encoded body read into nested objects (`metadata[a]=b` → `{metadata: {a: 'b'}}`). */
  form: Record<string, unknown>;
  idempotencyKey: string | null;
  authorization: string | null;
};

/** The running stand-in. */
export type FakeStripe = {
  /** Base URL for STRIPE_API_URL. */
  url: string;
  requests: FakeStripeRequest[];
  paymentIntents: Map<string, FakePaymentIntent>;
  refunds: Map<string, FakeRefund>;
  /** Every event the stand-in's state changes produced, oldest first (for webhook delivery). */
  events: FakeStripeEvent[];
  /** Answers the next `times` requests with `failure`. */
  failNext(failure: FakeStripeFailure, times?: number): void;
  /** Makes refunds created from now on come back with `status` (default succeeded). */
  setRefundOutcome(status: string, failureReason?: string): void;
  /** The buyer paid: the PaymentIntent succeeds; returns payment_intent.succeeded. */
  succeed(paymentIntentId: string): FakeStripeEvent;
  /** The buyer's bank is slow (SEPA, delayed card): returns payment_intent.processing. */
  process(paymentIntentId: string): FakeStripeEvent;
  /** The card was declined: back to requires_payment_method; returns payment_intent.payment_failed. */
  decline(paymentIntentId: string, message?: string): FakeStripeEvent;
  /** A refund settles later: sets its status; returns refund.updated. */
  settleRefund(refundId: string, status: string, failureReason?: string): FakeStripeEvent;
  close(): Promise<void>;
};

/** Options: the clock objects are stamped with, and the only secret key accepted (any sk_ if unset). */
export type FakeStripeOptions = { now?: () => Date; secretKey?: string };

const cancellable = new Set([
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
]);

/** Starts the stand-in on a free local port. */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const now = () => Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const requests: FakeStripeRequest[] = [];
  const paymentIntents = new Map<string, FakePaymentIntent>();
  const refunds = new Map<string, FakeRefund>();
  const events: FakeStripeEvent[] = [];
  const replays = new Map<string, { raw: string; answer: Answer }>();
  const failures: FakeStripeFailure[] = [];
  let refundOutcome: { status: string; failureReason?: string } = { status: 'succeeded' };

  const emit = (type: string, object: object): FakeStripeEvent => {
    const event = stripeEvent(type, object, now());
    events.push(event);
    return event;
  };
  const missing = (what: string, id: string): Answer => ({
    status: 404,
    body: stripeErrorBody('invalid_request_error', `No such ${what}: '${id}'`, {
      code: 'resource_missing',
      param: what === 'payment_intent' ? 'intent' : 'id',
    }),
  });
  const refunded = (piId: string): number =>
    [...refunds.values()]
      .filter((r) => r.payment_intent === piId && r.status !== 'failed' && r.status !== 'canceled')
      .reduce((sum, r) => sum + r.amount, 0);

  function cancel(pi: FakePaymentIntent): Answer {
    if (!cancellable.has(pi.status)) {
      return {
        status: 400,
        body: stripeErrorBody(
          'invalid_request_error',
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${[...cancellable].join(', ')}.`,
          { code: 'payment_intent_unexpected_state', payment_intent: pi },
        ),
      };
    }
    Object.assign(pi, { status: 'canceled', canceled_at: now(), cancellation_reason: null });
    emit('payment_intent.canceled', pi);
    return { status: 200, body: pi };
  }

  function refund(form: Record<string, unknown>): Answer {
    const piId = typeof form.payment_intent === 'string' ? form.payment_intent : '';
    const pi = paymentIntents.get(piId);
    if (!pi) return { ...missing('payment_intent', piId), status: 400 };
    if (pi.status !== 'succeeded') {
      return {
        status: 400,
        body: stripeErrorBody(
          'invalid_request_error',
          'This PaymentIntent does not have a successful charge to refund.',
          { code: 'charge_not_refundable' },
        ),
      };
    }
    const left = pi.amount_received - refunded(piId);
    const amount = form.amount === undefined ? left : Number(form.amount);
    if (amount > left) {
      return {
        status: 400,
        body: stripeErrorBody(
          'invalid_request_error',
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          { code: 'amount_too_large', param: 'amount' },
        ),
      };
    }
    const r: FakeRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      charge: pi.latest_charge,
      created: now(),
      currency: pi.currency,
      ...(refundOutcome.failureReason ? { failure_reason: refundOutcome.failureReason } : {}),
      metadata: (form.metadata as Record<string, string> | undefined) ?? {},
      payment_intent: piId,
      reason: typeof form.reason === 'string' ? form.reason : null,
      status: refundOutcome.status,
    };
    refunds.set(r.id, r);
    emit('refund.created', r);
    return { status: 200, body: r };
  }

  function route(method: string, path: string, form: Record<string, unknown>): Answer {
    if (method === 'POST' && path === '/v1/payment_intents') {
      const pi = newPaymentIntent(form, now());
      paymentIntents.set(pi.id, pi);
      emit('payment_intent.created', pi);
      return { status: 200, body: pi };
    }
    const m = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path);
    if (m?.[1] !== undefined) {
      const id = decodeURIComponent(m[1]);
      const pi = paymentIntents.get(id);
      if (!pi) return missing('payment_intent', id);
      if (method === 'GET' && !m[2]) return { status: 200, body: pi };
      if (method === 'POST' && m[2]) return cancel(pi);
    }
    if (method === 'POST' && path === '/v1/refunds') return refund(form);
    return {
      status: 404,
      body: stripeErrorBody(
        'invalid_request_error',
        `Unrecognized request URL (${method}: ${path}).`,
      ),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : null;
    };
    const form = parseStripeForm(method === 'GET' ? url.search.slice(1) : raw);
    const record: FakeStripeRequest = {
      method,
      path: url.pathname,
      form,
      idempotencyKey: header('idempotency-key'),
      authorization: header('authorization'),
    };
    requests.push(record);
    const replayKey =
      record.idempotencyKey === null ? null : `${method} ${url.pathname} ${record.idempotencyKey}`;
    const replay = replayKey === null ? undefined : replays.get(replayKey);
    const injected = failures.shift();
    let answer: Answer;
    if (injected) answer = failureAnswer(injected);
    else answer = authAnswer(record.authorization, options.secretKey) ?? { status: 0, body: null };
    if (answer.status === 0) {
      if (replay && replay.raw !== raw) {
        answer = {
          status: 400,
          body: stripeErrorBody(
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.`,
          ),
        };
      } else if (replay) {
        answer = { ...replay.answer, headers: { 'idempotent-replayed': 'true' } };
      } else {
        answer = route(method, url.pathname, form);
        // Stripe keeps the answer of a finished request (not of a 500) for the key's retries.
        if (replayKey !== null && answer.status < 500) replays.set(replayKey, { raw, answer });
      }
    }
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': stripeId('req'),
      ...answer.headers,
    });
    res.end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stripeErrorBody('api_error', String(err))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const intent = (id: string): FakePaymentIntent => {
    const pi = paymentIntents.get(id);
    if (!pi) throw new Error(`fake Stripe has no PaymentIntent ${id}`);
    return pi;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    paymentIntents,
    refunds,
    events,
    failNext: (f, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(f);
    },
    setRefundOutcome: (status, failureReason) => {
      refundOutcome = failureReason === undefined ? { status } : { status, failureReason };
    },
    succeed: (id) => emit('payment_intent.succeeded', buyerSucceeds(intent(id))),
    process: (id) => emit('payment_intent.processing', buyerProcesses(intent(id))),
    decline: (id, message) =>
      emit('payment_intent.payment_failed', cardDeclined(intent(id), message)),
    settleRefund: (refundId, status, failureReason) => {
      const r = refunds.get(refundId);
      if (!r) throw new Error(`fake Stripe has no refund ${refundId}`);
      Object.assign(
        r,
        { status },
        failureReason === undefined ? {} : { failure_reason: failureReason },
      );
      return emit('refund.updated', r);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
