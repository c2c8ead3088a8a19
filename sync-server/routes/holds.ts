// Public REST for seat holds. A hold has an owner (DESIGN §10): the signed-in customer who made it,
// or, for a hold made without signing in, whoever has its secret (sent as Hold-Secret). Everyone
// else is told there is no such hold, so a hold id alone reveals and opens nothing.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../identity/principal.js';
import type { Actor } from '../services/audit.js';
import type { HoldClaim } from '../services/hold-owner.js';
import { createWebHold, releaseWebHold } from '../services/holds.js';
import { withTx } from '../services/tx.js';
import { extendHold, getHold } from '../services/web-holds.js';
import { invalidateHoldSeats, invalidateShowSeats } from './catalog.js';
import { createHoldRateGuard, holdClientOf } from './hold-guard.js';
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

// The most seats one hold may take is server config (HOLD_MAX_SEATS), so the schema is built with it.
const holdBodyOf = (maxSeats: number) => {
  const most = `one hold may take at most ${String(maxSeats)} seats`;
  return z.union([
    z.object({ showId: z.uuid(), seatIds: z.array(z.uuid()).min(1).max(maxSeats, most) }).strict(),
    z
      .object({
        showId: z.uuid(),
        count: z.int().min(1).max(maxSeats, most),
        categoryId: z.uuid().optional(),
        accessible: z.boolean().optional(),
      })
      .strict(),
  ]);
};

const madeHold = holdView.extend({
  holdSecret: z
    .string()
    .optional()
    .describe(
      'Only for a hold made without signing in, and only in this answer: send it as the Hold-Secret header to read, extend or release the hold',
    ),
});

const holdIdParam = z.object({
  holdId: z.string().regex(/^h_[A-Za-z0-9_-]{20,40}$/, 'is not a hold id'),
});

// Lower case: Node hands headers over lower-cased, and the schema is matched against them as given.
const ownerHeaders = z.looseObject({
  'hold-secret': z
    .string()
    .regex(/^hs_[A-Za-z0-9_-]{43}$/, 'is not a hold secret')
    .optional()
    .describe('The hold secret from the answer that made the hold (holds made without signing in)'),
});

const OWNER = 'its owner: the signed-in customer who made it, or the hold secret';

// A signed-in customer's holds are theirs; anyone else's web hold gets a secret (see makerOf).
const actorOf = (p: Principal): Actor =>
  p.kind === 'customer' || p.kind === 'staff'
    ? { kind: p.kind, id: p.id, channel: 'web' }
    : { kind: 'customer', id: null, channel: 'web' };

const claimOf = (p: Principal, headers: z.infer<typeof ownerHeaders>): HoldClaim => ({
  customerId: p.kind === 'customer' ? p.id : null,
  secret: headers['hold-secret'] ?? null,
});

/** POST/GET/DELETE /holds and POST /holds/{id}/extend. */
export const holdRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const times = () => ({
    ttlSeconds: app.ctx.config.holdTtlSeconds,
    extendSeconds: app.ctx.config.holdExtendSeconds,
    maxSeconds: app.ctx.config.holdMaxSeconds,
  });
  const holdBody = holdBodyOf(app.ctx.config.holdMaxSeats);
  const guard = createHoldRateGuard(app, app.ctx.config.holdWritesPerClientPerMinute);

  app.post(
    '/holds',
    {
      config: {
        access: access.public(
          'a signed-in customer’s hold is theirs; a hold made without signing in gets a secret',
        ),
      },
      schema: {
        tags: ['holds'],
        summary: 'Hold explicit seats, or the best N together in a category; all or nothing',
        body: holdBody,
        response: { 201: madeHold, ...errorResponses(400, 404, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      // One statement, no BEGIN/COMMIT: the hold path is the hottest in the product.
      const hold = await createWebHold(
        app.ctx.db.$client,
        request.body,
        actorOf(request.principal),
        times(),
        holdClientOf(request, app.ctx.config),
      );
      // Read-your-writes for this process's cached seat maps; other processes learn it from the feed.
      invalidateShowSeats(app, hold.showId);
      app.ctx.feed.wake();
      return reply.status(201).send({ ...hold, status: 'active' as const });
    },
  );

  app.get(
    '/holds/:holdId',
    {
      config: { access: access.public(OWNER) },
      schema: {
        tags: ['holds'],
        summary: 'Read a hold and its seats',
        params: holdIdParam,
        headers: ownerHeaders,
        response: { 200: holdView, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { holdId } = request.params;
      const hold = await getHold(
        app.ctx.db.$client,
        holdId,
        claimOf(request.principal, request.headers),
      );
      return { ...hold, status: hold.status as z.infer<typeof holdView>['status'] };
    },
  );

  app.post(
    '/holds/:holdId/extend',
    {
      config: { access: access.public(OWNER) },
      schema: {
        tags: ['holds'],
        summary: 'Extend a hold once, when payment starts',
        params: holdIdParam,
        headers: ownerHeaders,
        response: { 200: holdView, ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      const hold = await withTx(app.ctx.db.$client, (tx) =>
        extendHold(
          tx,
          request.params.holdId,
          actorOf(request.principal),
          times(),
          claimOf(request.principal, request.headers),
        ),
      );
      return { ...hold, status: 'active' as const };
    },
  );

  app.delete(
    '/holds/:holdId',
    {
      config: { access: access.public(OWNER) },
      schema: {
        tags: ['holds'],
        summary: 'Release a hold; its seats are free again',
        params: holdIdParam,
        headers: ownerHeaders,
        response: { 204: z.null(), ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      await releaseWebHold(
        app.ctx.db.$client,
        request.params.holdId,
        actorOf(request.principal),
        claimOf(request.principal, request.headers),
      );
      invalidateHoldSeats(app, request.params.holdId);
      app.ctx.feed.wake();
      return reply.status(204).send(null);
    },
  );
};
