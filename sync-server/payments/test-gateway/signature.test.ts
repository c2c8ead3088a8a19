// verifyWebhook of the test gateway: a webhook is read only when it carries a signature made with
// the gateway's key over exactly its bytes, within the tolerance of the (injected) clock.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './gateway.js';
import { newEventId, type GatewayEvent } from './ledger.js';
import { SIGNATURE_HEADER, signPayload } from './signature.js';

const NOW = new Date('2026-03-14T15:09:26Z');
const TOLERANCE = 300;

/** A gateway that never touches its pool: signing and verifying need only the key and the clock. */
async function gatewayWith(secret: string): Promise<TestGateway> {
  const g = createTestGateway({
    // Never connects: pg opens a connection only for a query.
    pool: new pg.Pool(),
    secret: () => Promise.resolve(secret),
    publicUrl: 'http://pay.example',
    delaySeconds: 0,
    toleranceSeconds: TOLERANCE,
    now: () => NOW,
    deliver: () => Promise.resolve({ status: 200, body: '' }),
    warn: () => undefined,
  });
  await g.prepare?.();
  return g;
}

const event = (type = 'payment.succeeded'): GatewayEvent =>
  ({
    id: newEventId(),
    type,
    created: NOW.getTime() / 1000,
    data: { intentId: 'tgpi_abc', amountMinor: 1250, currency: 'EUR' },
  }) as GatewayEvent;

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'accepted';
};

describe('test gateway webhook signatures', () => {
  it('reads a webhook it signed, as the port’s event', async () => {
    const g = await gatewayWith('k1');
    const e = event();
    const w = await g.sign(e);
    expect(w.headers[SIGNATURE_HEADER]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(g.verifyWebhook(Buffer.from(w.body), w.headers)).toEqual({
      id: e.id,
      kind: 'payment',
      ref: 'tgpi_abc',
      status: 'succeeded',
      amountMinor: 1250,
      currency: 'EUR',
      failureReason: null,
    });
  });

  it('refuses another key, a tampered body, and a missing or malformed signature', async () => {
    const g = await gatewayWith('k1');
    const forged = await (await gatewayWith('k2')).sign(event());
    expect(refusal(() => g.verifyWebhook(Buffer.from(forged.body), forged.headers))).toBe(
      'BO_WEBHOOK_SIGNATURE',
    );
    const w = await g.sign(event());
    const tampered = Buffer.from(w.body.replace('1250', '1'));
    expect(refusal(() => g.verifyWebhook(tampered, w.headers))).toBe('BO_WEBHOOK_SIGNATURE');
    expect(refusal(() => g.verifyWebhook(Buffer.from(w.body), {}))).toBe('BO_WEBHOOK_SIGNATURE');
    for (const bad of [
      't=abc,v1=00',
      'v1=' + 'a'.repeat(64),
      'garbage',
      't=1,v1=' + 'z'.repeat(64),
    ])
      expect(refusal(() => g.verifyWebhook(Buffer.from(w.body), { [SIGNATURE_HEADER]: bad }))).toBe(
        'BO_WEBHOOK_SIGNATURE',
      );
  });

  it('refuses a webhook signed too long ago or too far ahead of the clock', async () => {
    const g = await gatewayWith('k1');
    const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    const ok = await g.sign(event(), at(-TOLERANCE));
    expect(refusal(() => g.verifyWebhook(Buffer.from(ok.body), ok.headers))).toBe('accepted');
    for (const s of [-TOLERANCE - 1, TOLERANCE + 1, -86_400]) {
      const w = await g.sign(event(), at(s));
      expect(refusal(() => g.verifyWebhook(Buffer.from(w.body), w.headers))).toBe(
        'BO_WEBHOOK_SIGNATURE',
      );
    }
  });

  it('refuses a signed body that is not a gateway event, and passes on types bookings ignore', async () => {
    const g = await gatewayWith('k1');
    const signed = (body: string) => ({
      [SIGNATURE_HEADER]: signPayload('k1', body, NOW),
    });
    for (const body of ['not json', '{"id":"x"}', '[]'])
      expect(refusal(() => g.verifyWebhook(Buffer.from(body), signed(body)))).toBe(
        'BO_WEBHOOK_SIGNATURE',
      );
    const other = JSON.stringify(event('charge.dispute.created'));
    expect(g.verifyWebhook(Buffer.from(other), signed(other))).toMatchObject({ kind: 'other' });
  });

  it('asks the caller to wait while its key is not loaded yet', () => {
    const g = createTestGateway({
      pool: new pg.Pool(),
      secret: () => Promise.resolve('k1'),
      publicUrl: '',
      delaySeconds: 0,
      toleranceSeconds: TOLERANCE,
      now: () => NOW,
      deliver: () => Promise.resolve({ status: 200, body: '' }),
      warn: () => undefined,
    });
    expect(refusal(() => g.verifyWebhook(Buffer.from('{}'), {}))).toBe('BO_UNAVAILABLE');
  });
});
