// Replaying the test gateway's webhooks as a hostile or flaky network would: every delivery again,
// shuffled; older news after newer; and signed events made up by a test.
import type { App } from '../../sync-server/app.js';
import type { GatewayEvent } from '../../sync-server/payments/test-gateway/ledger.js';
import { newEventId } from '../../sync-server/payments/test-gateway/ledger.js';

function gateway(app: App) {
  const g = app.ctx.payments.testGateway;
  if (g === null) throw new Error('the test gateway is not the provider');
  return g;
}

const post = (app: App, w: { body: string; headers: Record<string, string> }) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhooks/test',
    headers: w.headers,
    payload: w.body,
  });

/** Signs an event as the test gateway would (at `at`, default now). */
export async function signedTestWebhook(
  app: App,
  event: Record<string, unknown>,
  at?: Date,
): Promise<{ body: string; headers: Record<string, string> }> {
  return gateway(app).sign(event as GatewayEvent, at);
}

/** Delivers every webhook the gateway ever sent again, in an order `rnd` shuffles; all must be 200. */
export async function redeliverAll(app: App, rnd: () => number): Promise<void> {
  const r = await app.ctx.db.$client.query<{ payload: GatewayEvent }>(
    'SELECT payload FROM test_gateway_webhooks WHERE delivered_at IS NOT NULL',
  );
  const events = r.rows.map((x) => x.payload);
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [events[i], events[j]] = [events[j] as GatewayEvent, events[i] as GatewayEvent];
  }
  for (const e of events) {
    const res = await post(app, await gateway(app).sign(e));
    if (res.statusCode !== 200)
      throw new Error(`replay answered ${String(res.statusCode)}: ${res.body}`);
  }
}

/** Sends a fresh "processing" event for every payment that already has a final word: old news late. */
export async function sendStaleProcessing(app: App): Promise<void> {
  const r = await app.ctx.db.$client.query<{ id: string; amount_minor: number; currency: string }>(
    "SELECT id, amount_minor, currency FROM test_gateway_intents WHERE status IN ('succeeded', 'failed')",
  );
  for (const i of r.rows) {
    const event: GatewayEvent = {
      id: newEventId(),
      type: 'payment.processing',
      created: Math.floor(Date.now() / 1000),
      data: { intentId: i.id, amountMinor: i.amount_minor, currency: i.currency },
    };
    const res = await post(app, await gateway(app).sign(event));
    if (res.statusCode !== 200) throw new Error(`stale event answered ${String(res.statusCode)}`);
  }
}
