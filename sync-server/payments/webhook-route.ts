// POST /api/v1/payments/webhooks/{provider}: where providers (and the test gateway) report. The
// signature is checked on the raw body before anything is parsed; the event is applied in one
// transaction; refunds it decided are asked for after it commits.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import { applyProviderEvent } from '../bookings/settle.js';
import { executeRefund } from '../bookings/refunds.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { withTx } from '../services/tx.js';
import { invalidateShowSeats } from '../routes/catalog.js';

/** Most bytes of one webhook: provider events are a few kilobytes. */
const WEBHOOK_BODY_LIMIT = 512 * 1024;

/** The webhook route, in a scope of its own whose body parser keeps the raw bytes. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_req, body, done) => {
      done(null, body);
    },
  );
  app.post(
    '/payments/webhooks/:provider',
    {
      config: { access: access.public('the provider, proven by the signature over the raw body') },
      schema: {
        tags: ['payments'],
        summary:
          'Payment provider webhooks (signed); duplicates and events out of order are harmless',
        params: z.object({ provider: z.string().regex(/^[a-z]{2,20}$/) }),
        response: {
          200: z.object({ received: z.literal(true), duplicate: z.boolean() }),
          ...errorResponses(400, 404, 413),
        },
      },
    },
    async (request) => {
      const provider = app.ctx.payments.providers.get(request.params.provider);
      if (provider === undefined)
        throw new BoError('BO_NOT_FOUND', `No payment provider ${request.params.provider} here.`);
      const raw = request.body;
      if (!Buffer.isBuffer(raw))
        throw new BoError('BO_WEBHOOK_SIGNATURE', 'A webhook needs a body.');
      await provider.prepare?.();
      const event = provider.verifyWebhook(raw, request.headers);
      const signer = await app.ctx.payments.signer();
      const pool = app.ctx.db.$client;
      const out = await withTx(pool, (tx) =>
        applyProviderEvent(tx, provider.name, event, signer, app.ctx.identity.now()),
      );
      if (out.showId !== null) {
        invalidateShowSeats(app, out.showId);
        app.ctx.feed.wake();
      }
      for (const id of out.refundIds) await executeRefund(pool, app.ctx.payments.providers, id);
      return { received: true as const, duplicate: out.duplicate };
    },
  );
};
