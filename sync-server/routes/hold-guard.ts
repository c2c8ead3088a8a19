// Who a public hold request counts against, and the per-client rate limit on hold writes (DESIGN
// §16): 429 BO_RATE_LIMITED with Retry-After, like the sign-in limits (identity/limits.ts), but keyed
// by client, not by address and account, and per minute. Counted per server process; the caps on
// what a client holds are counted in PostgreSQL (services/hold-limits.ts), so they are exact.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BoError } from '../../common/errors.js';
import type { ServerConfig } from '../config.js';
import { clientKeyOf, type HoldClient } from '../services/hold-limits.js';

/** The client a request counts against: the signed-in customer, else its address. */
export function holdClientOf(request: FastifyRequest, config: ServerConfig): HoldClient {
  const p = request.principal;
  return {
    key: clientKeyOf({
      customerId: p.kind === 'customer' ? p.id : null,
      address: request.ip,
    }),
    limits: {
      seatsPerHold: config.holdMaxSeats,
      holdsPerShow: config.holdsPerClientPerShow,
      holds: config.holdsPerClient,
      seatsPerShow: config.heldSeatsPerClientPerShow,
    },
  };
}

/** Checks one hold write (make, extend, release) against the client's per-minute budget. */
export type HoldRateGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Builds the guard; `app` must have @fastify/rate-limit registered. 0 per minute: no limit. */
export function createHoldRateGuard(app: FastifyInstance, perMinute: number): HoldRateGuard {
  if (perMinute === 0) return () => Promise.resolve();
  const limiter = app.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `hold:${holdClientOf(req, app.ctx.config).key}`,
  });
  return async (request, reply) => {
    const r = await limiter(request);
    if (r.isAllowed || !r.isExceeded) return;
    const seconds = Math.max(1, r.ttlInSeconds);
    void reply.header('retry-after', String(seconds));
    throw new BoError(
      'BO_RATE_LIMITED',
      `Too many hold requests: at most ${String(perMinute)} a minute. Try again in ${String(seconds)} seconds.`,
      { retryAfterSeconds: seconds },
    );
  };
}
