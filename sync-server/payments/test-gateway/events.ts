// The test gateway's events as they arrive at the webhook route: checked against their shape, then
// reduced to the port's ProviderEvent. Kept apart from the gateway so the wire format is in one place.
import { z } from 'zod';
import { BoError } from '../../../common/errors.js';
import type { ProviderEvent } from '../provider.js';

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

/** Reads a verified body as an event; BO_WEBHOOK_SIGNATURE when it is not one of the gateway's. */
export function readEvent(raw: Buffer): ProviderEvent {
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
}
