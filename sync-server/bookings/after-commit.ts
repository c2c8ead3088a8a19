// What a booking change does once its transaction has committed: refunds and cancellations are
// asked of the provider (never inside a transaction), seat maps are refreshed, live feeds woken.
import type { FastifyInstance } from 'fastify';
import { invalidateShowSeats } from '../routes/catalog.js';
import { executeRefund } from './refunds.js';

/** The follow-ups of a committed booking change. */
export type AfterCommit = {
  refundIds: string[];
  showId: string | null;
  cancelPayments: { provider: string; ref: string }[];
};

/** Runs the follow-ups; a provider that fails leaves its refund pending for the sweeper. */
export async function afterCommit(app: FastifyInstance, a: AfterCommit): Promise<void> {
  if (a.showId !== null) {
    invalidateShowSeats(app, a.showId);
    app.ctx.feed.wake();
  }
  const { providers } = app.ctx.payments;
  for (const p of a.cancelPayments)
    await providers
      .get(p.provider)
      ?.cancelPayment(p.ref)
      .catch(() => undefined);
  for (const id of a.refundIds) await executeRefund(app.ctx.db.$client, providers, id);
}
