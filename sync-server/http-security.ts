// Security headers, cross-origin rules and Fastify's own routing errors for the sync server
// (issue 12, items 7 and 8): every answer carries helmet's headers and may not be framed; browsers
// on the web-shop origins in CORS_ORIGINS may call the API; anything else a browser sends gets no
// cross-origin grant.
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WireError } from '../common/errors.js';

/** The API answers JSON: nothing in it may load, run or be framed. */
const API_CSP = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** Request headers a web shop sends: JSON bodies, bearer tokens, hold secrets, idempotency keys. */
const CORS_HEADERS = ['content-type', 'authorization', 'hold-secret', 'idempotency-key'];

/** Headers a web shop must be able to read: back-off after 429, cache validators. */
const CORS_EXPOSED = ['retry-after', 'etag', 'location'];

/**
 * Registers helmet and CORS. Call before the routes. `origins` are exact web-shop origins
 * (scheme://host[:port]); an empty list grants no cross-origin access.
 */
export async function installHttpSecurity(
  app: FastifyInstance,
  origins: readonly string[],
): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    // The API is read cross-origin by web shops; helmet's same-origin default would block it.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    frameguard: { action: 'deny' },
  });
  const allowed = new Set(origins);
  await app.register(fastifyCors, {
    origin: (origin, cb) => {
      cb(null, origin !== undefined && allowed.has(origin) ? origin : false);
    },
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_HEADERS,
    exposedHeaders: CORS_EXPOSED,
    // Tokens travel in the Authorization header, never in cookies.
    credentials: false,
    maxAge: 600,
  });
  // A preflight @fastify/cors did not answer came from an origin that is not allowed: say so,
  // rather than the 404 of its catch-all route.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined
    ) {
      const error: WireError = {
        code: 'BO_ORIGIN_NOT_ALLOWED',
        message: `Origin ${request.headers.origin ?? '(none)'} may not call this API from a browser. Ask the chain to add it to CORS_ORIGINS.`,
      };
      await reply.status(403).send({ error });
    }
  });
}

/** Fastify's own routing refusals (a malformed or oversized URL) in the {error:{code,message}} shape. */
export function frameworkError(
  error: Error & { code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body: WireError = tooLong
    ? { code: 'BO_URI_TOO_LONG', message: 'The request address is too long.' }
    : { code: 'BO_BAD_REQUEST', message: 'The request address is not valid.' };
  void reply.status(tooLong ? 414 : 400).send({ error: body });
}
