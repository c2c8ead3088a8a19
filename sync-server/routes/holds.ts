// Public REST for seat holds: the holdId is an unguessable capability, so it is all the auth a hold needs.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../services/audit.js';
import { createHoldDirect, endHoldDirect, extendHold, getHold } from '../services/holds.js';
import { withTx } from '../services/tx.js';
import { invalidateHoldSeats, invalidateShowSeats } from './catalog.js';
import { errorResponses } from './schemas.js';
import { access } from '../identity/access.js';

const holdView = z.object({
  holdId: z.string(),
  showId: z.uuid(),
  seatIds: z.array(z.uuid()),
  expiresAt: z.iso.datetime(),
  status: z.enum(['active', 'released', 'expired', 'sold']),
  extended: z.boolean(),
});

const holdBody = z.union([
  z.object({ showId: z.uuid(), seatIds: z.array(z.uuid()).min(1).max(10) }).strict(),
  z
    .object({
      showId: z.uuid(),
      count: z.int().min(1).max(10),
      categoryId: z.uuid().optional(),
      accessible: z.boolean().optional(),
    })
    .strict(),
]);

const holdIdParam = z.object({
  holdId: z.string().regex(/^h_[A-Za-z0-9_-]{20,40}$/, 'is not a hold id'),
});

const webActor: Actor = { kind: 'customer', id: null, channel: 'web' };

/** POST/GET/DELETE /holds and POST /holds/{id}/extend. */
export const holdRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const times = () => ({
    ttlSeconds: app.ctx.config.holdTtlSeconds,
    extendSeconds: app.ctx.config.holdExtendSeconds,
    maxSeconds: app.ctx.config.holdMaxSeconds,
  });

  app.post(
    '/holds',
    {
      config: { access: access.public('the hold id is the capability') },
      schema: {
        tags: ['holds'],
        summary: 'Hold explicit seats, or the best N together in a category; all or nothing',
        body: holdBody,
        response: { 201: holdView, ...errorResponses(400, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      // One statement, no BEGIN/COMMIT: the hold path is the hottest in the product.
      const hold = await createHoldDirect(app.ctx.db.$client, request.body, webActor, times());
      // Read-your-writes for this process's cached seat maps; other processes learn it from the feed.
      invalidateShowSeats(app, hold.showId);
      app.ctx.feed.wake();
      return reply.status(201).send({ ...hold, status: 'active' as const });
    },
  );

  app.get(
    '/holds/:holdId',
    {
      config: { access: access.public('the hold id is the capability') },
      schema: {
        tags: ['holds'],
        summary: 'Read a hold and its seats',
        params: holdIdParam,
        response: { 200: holdView, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const hold = await getHold(app.ctx.db.$client, request.params.holdId);
      return { ...hold, status: hold.status as z.infer<typeof holdView>['status'] };
    },
  );

  app.post(
    '/holds/:holdId/extend',
    {
      config: { access: access.public('the hold id is the capability') },
      schema: {
        tags: ['holds'],
        summary: 'Extend a hold once, when payment starts',
        params: holdIdParam,
        response: { 200: holdView, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const hold = await withTx(app.ctx.db.$client, (tx) =>
        extendHold(tx, request.params.holdId, webActor, times()),
      );
      return { ...hold, status: 'active' as const };
    },
  );

  app.delete(
    '/holds/:holdId',
    {
      config: { access: access.public('the hold id is the capability') },
      schema: {
        tags: ['holds'],
        summary: 'Release a hold; its seats are free again',
        params: holdIdParam,
        response: { 204: z.null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await endHoldDirect(app.ctx.db.$client, request.params.holdId, webActor, 'released');
      invalidateHoldSeats(app, request.params.holdId);
      app.ctx.feed.wake();
      return reply.status(204).send(null);
    },
  );
};
