// Rate limits on sign-in, sign-up, refresh and PIN exchange (DESIGN §16), per IP and per account,
// with @fastify/rate-limit's counters; a refused attempt is 429 BO_RATE_LIMITED with Retry-After.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BoError } from '../../common/errors.js';

const FIFTEEN_MINUTES = 15 * 60_000;

/** Checks one attempt of `action` from the request's IP and, if given, against one account. */
export type AttemptGuard = (
  request: FastifyRequest,
  reply: FastifyReply,
  action: string,
  account?: string,
) => Promise<void>;

/** Builds the guard; `app` must have @fastify/rate-limit registered. */
export function createAttemptGuard(
  app: FastifyInstance,
  limits: { perIpPerMinute: number; perAccountPer15Minutes: number },
): AttemptGuard {
  const perIp = app.createRateLimit({
    max: limits.perIpPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `ip:${req.ip}`,
  });
  const accounts = new Map<string, ReturnType<FastifyInstance['createRateLimit']>>();
  const perAccount = (action: string) => {
    let limiter = accounts.get(action);
    if (!limiter) {
      limiter = app.createRateLimit({
        max: limits.perAccountPer15Minutes,
        timeWindow: FIFTEEN_MINUTES,
        // The account key is set on the request just before the check (see below).
        keyGenerator: (req) =>
          `acct:${action}:${(req as FastifyRequest & { limitKey: string }).limitKey}`,
      });
      accounts.set(action, limiter);
    }
    return limiter;
  };
  const refuse = (reply: FastifyReply, seconds: number, what: string): never => {
    void reply.header('retry-after', String(Math.max(1, seconds)));
    throw new BoError(
      'BO_RATE_LIMITED',
      `Too many ${what}. Try again in ${String(Math.max(1, seconds))} seconds.`,
      { retryAfterSeconds: Math.max(1, seconds) },
    );
  };
  return async (request, reply, action, account) => {
    const ip = await perIp(request);
    if (!ip.isAllowed && ip.isExceeded)
      refuse(reply, ip.ttlInSeconds, 'attempts from this address');
    if (account === undefined) return;
    (request as FastifyRequest & { limitKey: string }).limitKey = account;
    const acct = await perAccount(action)(request);
    if (!acct.isAllowed && acct.isExceeded)
      refuse(reply, acct.ttlInSeconds, 'attempts for this account');
  };
}
