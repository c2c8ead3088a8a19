// The test gateway's ledger: its payment intents and the webhooks it owes, in PostgreSQL like a real
// provider's own servers would keep them, so a delayed confirmation survives a restart.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { ProviderPaymentStatus } from '../provider.js';

/** An intent's state in the gateway's own words. */
export type IntentStatus = 'requires_payment' | 'processing' | 'succeeded' | 'failed' | 'cancelled';

/** An intent row. */
export type Intent = {
  id: string;
  amount_minor: number;
  currency: string;
  status: IntentStatus;
  refunded_minor: number;
  description: string;
  metadata: Record<string, string>;
};

/** The gateway's states as the port names them. */
export function portStatus(s: IntentStatus): ProviderPaymentStatus {
  return s === 'requires_payment' ? 'pending' : s;
}

/** A gateway event's id. */
export const newEventId = () => `tgevt_${randomBytes(12).toString('base64url')}`;

/** The gateway's event types. */
export type GatewayEventType =
  'payment.processing' | 'payment.succeeded' | 'payment.failed' | 'refund.succeeded';

/** An event as the gateway sends it. */
export type GatewayEvent = {
  id: string;
  type: GatewayEventType;
  created: number;
  data: {
    intentId: string;
    amountMinor: number;
    currency: string;
    failureReason?: string | null;
    refundId?: string;
    refundRef?: string;
  };
};

/** Builds an event about `intent`, created at `at` (the gateway's injected clock). */
export function eventOf(
  type: GatewayEventType,
  intent: Pick<Intent, 'id' | 'amount_minor' | 'currency'>,
  extra: Partial<GatewayEvent['data']> = {},
  at: Date = new Date(),
): GatewayEvent {
  return {
    id: newEventId(),
    type,
    created: Math.floor(at.getTime() / 1000),
    data: {
      intentId: intent.id,
      amountMinor: intent.amount_minor,
      currency: intent.currency,
      ...extra,
    },
  };
}

/** Queues an event for delivery after `delaySeconds` (0: now); returns its row id. */
export async function queueEvent(
  db: pg.Pool | pg.PoolClient,
  event: GatewayEvent,
  delaySeconds = 0,
): Promise<number> {
  const r = await db.query<{ id: number }>({
    name: 'tg_queue',
    text: 'INSERT INTO test_gateway_webhooks (event_id, payload, due_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id',
    values: [event.id, JSON.stringify(event), delaySeconds],
  });
  return r.rows[0]?.id ?? 0;
}

/** Reads an intent. */
export async function readIntent(
  db: pg.Pool | pg.PoolClient,
  id: string,
  lock = false,
): Promise<Intent | null> {
  const r = await db.query<Intent>({
    name: lock ? 'tg_intent_lock' : 'tg_intent_read',
    text: `SELECT id, amount_minor, currency, status, refunded_minor, description, metadata FROM test_gateway_intents WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    values: [id],
  });
  return r.rows[0] ?? null;
}
