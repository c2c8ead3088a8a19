// The test gateway's pages through the whole app: the checkout page (amount, test cards, escaped
// description, its own CSP), paying by form and by JSON, the answers for a decline, a bank that
// confirms later, a second payment, an unknown intent and a card that is not a test card.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/support/pg.js';
import { buildApp, type App } from '../../app.js';
import { loadServerConfig } from '../../config.js';
import type { TestGateway } from './gateway.js';

let app: App;
let gateway: TestGateway;

beforeAll(async () => {
  const { url, db } = await freshPg();
  await db.$client.end();
  app = await buildApp(
    loadServerConfig(
      {},
      { databaseUrl: url, logLevel: 'silent', holdSweepMs: 3_600_000, testGatewayDelaySeconds: 0 },
    ),
  );
  const g = app.ctx.payments.testGateway;
  if (g === null) throw new Error('the test gateway is the default provider');
  gateway = g;
});
afterAll(async () => {
  await app.close();
});

const start = (description = 'Two seats, Casablanca', amountMinor = 1250) =>
  gateway
    .createPayment({
      paymentId: randomUUID(),
      bookingId: randomUUID(),
      reference: 'MQ-PAGE',
      amountMinor,
      currency: 'GBP',
      description,
      email: null,
    })
    .then((p) => p.ref);
const page = (ref: string) => app.inject({ method: 'GET', url: `/pay/test/${ref}` });
const payByForm = (ref: string, card: string) =>
  app.inject({
    method: 'POST',
    url: `/pay/test/${ref}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ card }).toString(),
  });
const payByJson = (ref: string, card: string) =>
  app.inject({ method: 'POST', url: `/pay/test/${ref}`, payload: { card } });
const csp = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['content-security-policy']);

describe('test gateway checkout page', () => {
  it('shows the amount, the description and the test cards under its own CSP', async () => {
    const res = await page(await start());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(csp(res)).toContain("default-src 'none'");
    expect(csp(res)).toContain("form-action 'self'");
    expect(csp(res)).not.toContain('script-src');
    expect(res.body).toContain('£12.50');
    expect(res.body).toContain('Two seats, Casablanca');
    for (const card of ['4242 4242 4242 4242', '4000 0000 0000 0002', '4000 0000 0000 3220'])
      expect(res.body).toContain(card);
    expect(res.body).toContain('<label for="card">');
    expect(res.body).not.toContain('<script');
  });

  it('escapes the description: no HTML gets in', async () => {
    const res = await page(await start('<script>alert(1)</script><img src=x onerror="y"> & co'));
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;y&quot;&gt; &amp; co',
    );
  });

  it('answers 404 for an unknown payment and 400 for something that is not one', async () => {
    const unknown = await page(`tgpi_${'0'.repeat(32)}`);
    expect(unknown.statusCode).toBe(404);
    expect(csp(unknown)).toContain("default-src 'none'");
    expect(unknown.body).toContain('No such payment.');
    expect((await page('../../etc')).statusCode).toBe(404);
    expect((await page('tgpi_x')).statusCode).toBe(400);
  });
});

describe('paying on the test gateway page', () => {
  it('4242 by form: payment received; the page then says so; a second payment is refused (409)', async () => {
    const ref = await start();
    const paid = await payByForm(ref, '4242 4242 4242 4242');
    expect(paid.statusCode).toBe(200);
    expect(csp(paid)).toContain("default-src 'none'");
    expect(paid.body).toContain('Payment of £12.50 received');
    expect((await page(ref)).body).toContain('received');
    const again = await payByForm(ref, '4242 4242 4242 4242');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('nothing more was charged');
    const json = await payByJson(ref, '4242424242424242');
    expect(json.statusCode).toBe(409);
    expect(json.json<{ error: { code: string } }>().error.code).toBe('BO_CONFLICT');
    expect((await gateway.retrievePayment(ref)).status).toBe('succeeded');
  });

  it('a declined card shows the page again to try another; JSON callers get {status}', async () => {
    const ref = await start();
    const declined = await payByForm(ref, '4000 0000 0000 0002');
    expect(declined.statusCode).toBe(200);
    expect(declined.body).toContain('declined — no money was taken');
    expect(declined.body).toContain('<form');
    const json = await payByJson(ref, '4242424242424242');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({ status: 'succeeded' });
  });

  it('3220: the bank is confirming', async () => {
    const ref = await start();
    const res = await payByForm(ref, '4000000000003220');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your bank is confirming');
    expect((await payByJson(ref, '4242424242424242')).statusCode).toBe(409);
  });

  it('a cancelled payment says so, and cannot be paid', async () => {
    const ref = await start();
    await gateway.cancelPayment(ref);
    expect((await page(ref)).body).toContain('This payment was cancelled');
    const res = await payByForm(ref, '4242424242424242');
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('cancelled');
    expect((await gateway.retrievePayment(ref)).status).toBe('cancelled');
  });

  it('refuses a card that is not a test card, and an unknown payment, changing nothing', async () => {
    const ref = await start();
    const res = await payByForm(ref, '5555 5555 5555 4444');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Use one of the test cards');
    expect((await gateway.retrievePayment(ref)).status).toBe('pending');
    const unknown = await payByJson(`tgpi_${'0'.repeat(32)}`, '4242424242424242');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('BO_PAYMENT_NOT_FOUND');
    const form = await payByForm(`tgpi_${'0'.repeat(32)}`, '4242424242424242');
    expect(form.statusCode).toBe(404);
    expect(form.body).toContain('No such payment.');
  });
});
