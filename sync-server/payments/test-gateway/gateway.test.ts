// The test gateway on its own, against real PostgreSQL: its ledger, the test cards, webhooks signed
// and delivered to a stand-in of the webhook route (which checks them with verifyWebhook and
// records what it read), retries and several deliverers at once. The clock is injected and fixed.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/support/pg.js';
import type { PgDb } from '../../../db/pg/client.js';
import type { ProviderEvent } from '../provider.js';
import { createTestGateway, type TestGateway } from './gateway.js';

const NOW = new Date('2026-03-14T15:09:26Z');
let db: PgDb;
let route: FastifyInstance;
let gateway: TestGateway;
/** What the stand-in route read, with the signature header each came with. */
let received: { event: ProviderEvent; signature: string }[] = [];
/** The stand-in answers this status while it is not 200 (a server that is down). */
let refuseWith: number | null = null;
const warnings: Record<string, unknown>[] = [];

beforeAll(async () => {
  ({ db } = await freshPg());
  // A stand-in for POST /api/v1/payments/webhooks/test: raw bytes in, the gateway's verifyWebhook.
  route = Fastify();
  route.removeAllContentTypeParsers();
  route.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
  route.post('/api/v1/payments/webhooks/test', async (request, reply) => {
    if (refuseWith !== null) return reply.status(refuseWith).send({ down: true });
    try {
      const event = gateway.verifyWebhook(request.body as Buffer, request.headers);
      received.push({ event, signature: String(request.headers['marquee-signature']) });
      return { received: true };
    } catch (e) {
      return reply.status(400).send({ refused: String(e) });
    }
  });
  gateway = createTestGateway({
    pool: db.$client,
    secret: () => Promise.resolve('test-secret'),
    publicUrl: 'http://pay.example',
    delaySeconds: 0,
    toleranceSeconds: 300,
    now: () => NOW,
    deliver: async (body, headers) => {
      const res = await route.inject({
        method: 'POST',
        url: '/api/v1/payments/webhooks/test',
        headers,
        payload: body,
      });
      return { status: res.statusCode, body: res.body };
    },
    warn: (_m, details) => warnings.push(details),
  });
  await gateway.prepare?.();
});
afterAll(async () => {
  await route.close();
  await db.$client.end();
});
beforeEach(() => {
  received = [];
  refuseWith = null;
});

const CARD = {
  ok: '4242 4242 4242 4242',
  declined: '4000000000000002',
  later: '4000-0000-0000-3220',
};
const start = (amountMinor = 1250, paymentId = randomUUID()) =>
  gateway.createPayment({
    paymentId,
    bookingId: randomUUID(),
    reference: 'MQ-TEST',
    amountMinor,
    currency: 'EUR',
    description: 'Two seats',
    email: null,
  });
/** Makes queued webhooks due for the sweeper (past its grace), as time passing would. */
const makeDue = () =>
  db.$client.query(
    "UPDATE test_gateway_webhooks SET due_at = now() - interval '1 minute' WHERE delivered_at IS NULL",
  );
/** The payment statuses the route read, of one intent (or all). */
const statuses = (ref?: string) =>
  received.flatMap((r) =>
    r.event.kind === 'payment' && (ref === undefined || r.event.ref === ref)
      ? [r.event.status]
      : [],
  );
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: unknown) => (e as { code?: string }).code,
  );

describe('test gateway payments', () => {
  it('starts one intent per payment id and sends the buyer to its page', async () => {
    const paymentId = randomUUID();
    const a = await start(1250, paymentId);
    const b = await start(1250, paymentId);
    expect(a).toEqual(b);
    expect(a.ref).toMatch(/^tgpi_[0-9a-f]{32}$/);
    expect(a.status).toBe('pending');
    expect(a.next).toEqual({ kind: 'redirect', url: `http://pay.example/pay/test/${a.ref}` });
    const rows = await db.$client.query<{ metadata: Record<string, string> }>(
      'SELECT metadata FROM test_gateway_intents WHERE id = $1',
      [a.ref],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.metadata.paymentId).toBe(paymentId);
    expect(await gateway.retrievePayment(a.ref)).toMatchObject({
      status: 'pending',
      amountMinor: 1250,
    });
    expect(await code(gateway.retrievePayment('tgpi_nope'))).toBe('BO_PAYMENT_NOT_FOUND');
  });

  it('refuses a malformed payment or refund before its ledger is touched', async () => {
    const good = {
      paymentId: randomUUID(),
      bookingId: randomUUID(),
      reference: 'MQ-TEST',
      amountMinor: 1250,
      currency: 'EUR',
      description: 'Two seats',
      email: null,
    };
    const before = await db.$client.query('SELECT count(*)::int AS n FROM test_gateway_intents');
    for (const bad of [
      { paymentId: 'not-a-uuid' },
      { amountMinor: 0 },
      { amountMinor: 12.5 },
      { currency: 'EURO' },
      { description: 'x'.repeat(1001) },
      { email: 'nobody' },
    ])
      expect(await code(gateway.createPayment({ ...good, ...bad }))).toBe('BO_VALIDATION');
    const after = await db.$client.query('SELECT count(*)::int AS n FROM test_gateway_intents');
    expect(after.rows).toEqual(before.rows);
    const p = await start(1000);
    await gateway.pay(p.ref, CARD.ok);
    const refund = { refundId: randomUUID(), paymentRef: p.ref, amountMinor: 100, currency: 'EUR' };
    for (const bad of [{ amountMinor: -5 }, { currency: 'GBP' }, { refundId: '' }])
      expect(await code(gateway.refund({ ...refund, ...bad }))).toBe('BO_VALIDATION');
    expect(await code(gateway.refund({ ...refund, paymentRef: 'tgpi_nope' }))).toBe(
      'BO_PAYMENT_NOT_FOUND',
    );
  });

  it('4242 succeeds: a signed payment.succeeded reaches the webhook route at once', async () => {
    const p = await start(1250);
    expect(await gateway.pay(p.ref, CARD.ok)).toBe('succeeded');
    expect(received).toHaveLength(1);
    expect(received[0]?.event).toMatchObject({
      kind: 'payment',
      ref: p.ref,
      status: 'succeeded',
      amountMinor: 1250,
      currency: 'EUR',
    });
    expect(received[0]?.event.id).toMatch(/^tgevt_/);
    expect(received[0]?.signature).toMatch(
      new RegExp(`^t=${String(NOW.getTime() / 1000)},v1=[0-9a-f]{64}$`),
    );
    expect((await gateway.retrievePayment(p.ref)).status).toBe('succeeded');
  });

  it('0002 is declined (failed, with a reason); the same intent then pays with 4242', async () => {
    const p = await start();
    expect(await gateway.pay(p.ref, CARD.declined)).toBe('failed');
    expect(received[0]?.event).toMatchObject({
      status: 'failed',
      failureReason: 'The card was declined.',
    });
    expect(await gateway.pay(p.ref, CARD.ok)).toBe('succeeded');
    expect(statuses()).toEqual(['failed', 'succeeded']);
  });

  it('3220 stays processing, and succeeds once the bank’s delayed word is delivered', async () => {
    const p = await start();
    expect(await gateway.pay(p.ref, CARD.later)).toBe('processing');
    expect(statuses()).toEqual(['processing']);
    expect((await gateway.retrievePayment(p.ref)).status).toBe('processing');
    await makeDue();
    expect(await gateway.deliverDue()).toBeGreaterThanOrEqual(1);
    expect(statuses()).toEqual(['processing', 'succeeded']);
    expect((await gateway.retrievePayment(p.ref)).status).toBe('succeeded');
  });

  it('never charges twice, and refuses unknown intents, cancelled ones and other cards', async () => {
    const p = await start();
    await gateway.pay(p.ref, CARD.ok);
    expect(await code(gateway.pay(p.ref, CARD.ok))).toBe('BO_CONFLICT');
    expect(statuses()).toEqual(['succeeded']);
    const slow = await start();
    await gateway.pay(slow.ref, CARD.later);
    expect(await code(gateway.pay(slow.ref, CARD.ok))).toBe('BO_CONFLICT');
    expect(await code(gateway.pay('tgpi_00000000000000000000000000000000', CARD.ok))).toBe(
      'BO_PAYMENT_NOT_FOUND',
    );
    const other = await start();
    expect(await code(gateway.pay(other.ref, '5555 5555 5555 4444'))).toBe('BO_VALIDATION');
    expect((await gateway.retrievePayment(other.ref)).status).toBe('pending');
    await gateway.cancelPayment(other.ref);
    expect((await gateway.retrievePayment(other.ref)).status).toBe('cancelled');
    expect(await code(gateway.pay(other.ref, CARD.ok))).toBe('BO_CONFLICT');
    // Cancelling a paid intent changes nothing.
    await gateway.cancelPayment(p.ref);
    expect((await gateway.retrievePayment(p.ref)).status).toBe('succeeded');
  });
});

describe('test gateway refunds', () => {
  it('refunds up to what was paid, once per refund id, and tells the webhook route', async () => {
    const p = await start(1000);
    const refund = (refundId: string, amountMinor: number) =>
      gateway.refund({ refundId, paymentRef: p.ref, amountMinor, currency: 'EUR' });
    expect(await code(refund(randomUUID(), 1))).toBe('BO_CONFLICT');
    await gateway.pay(p.ref, CARD.ok);
    expect(await code(refund(randomUUID(), 1001))).toBe('BO_REFUND_EXCEEDS_PAID');
    const first = randomUUID();
    const r1 = await refund(first, 600);
    expect(r1.ref).toMatch(/^tgre_/);
    expect(r1).toEqual({ ref: r1.ref, status: 'succeeded', failureReason: null });
    expect(await refund(first, 600)).toEqual(r1);
    expect(await code(refund(randomUUID(), 401))).toBe('BO_REFUND_EXCEEDS_PAID');
    await refund(randomUUID(), 400);
    const left = await db.$client.query<{ refunded_minor: number }>(
      'SELECT refunded_minor FROM test_gateway_intents WHERE id = $1',
      [p.ref],
    );
    expect(left.rows[0]?.refunded_minor).toBe(1000);
    received = [];
    await makeDue();
    await gateway.deliverDue();
    const refunds = received.map((r) => r.event).filter((e) => e.kind === 'refund');
    expect(refunds).toHaveLength(2);
    expect(refunds[0]).toMatchObject({
      refundId: first,
      ref: r1.ref,
      paymentRef: p.ref,
      status: 'succeeded',
    });
  });
});

describe('test gateway webhook delivery', () => {
  it('keeps a refused webhook, backs off, and delivers it when the server takes it', async () => {
    refuseWith = 503;
    const p = await start();
    expect(await gateway.pay(p.ref, CARD.ok)).toBe('succeeded');
    const row = () =>
      db.$client
        .query<{ attempts: number; later: boolean; delivered: boolean }>(
          `SELECT attempts, due_at > now() AS later, delivered_at IS NOT NULL AS delivered
           FROM test_gateway_webhooks WHERE payload->'data'->>'intentId' = $1`,
          [p.ref],
        )
        .then((r) => r.rows[0]);
    expect(await row()).toEqual({ attempts: 1, later: true, delivered: false });
    expect(warnings.at(-1)).toMatchObject({ status: 503 });
    refuseWith = null;
    await makeDue();
    await gateway.deliverDue();
    expect(await row()).toMatchObject({ attempts: 2, delivered: true });
    expect(statuses(p.ref)).toEqual(['succeeded']);
  });

  it('several deliverers at once deliver each webhook exactly once', async () => {
    refuseWith = 503;
    const refs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await start();
      await gateway.pay(p.ref, CARD.ok);
      refs.push(p.ref);
    }
    refuseWith = null;
    await makeDue();
    await Promise.all([gateway.deliverDue(), gateway.deliverDue(), gateway.deliverDue()]);
    const ids = received.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(received.map((r) => (r.event.kind === 'payment' ? r.event.ref : '')).sort()).toEqual(
      refs.sort(),
    );
  });
});
