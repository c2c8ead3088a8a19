// Every error leaves the server as {error:{code:"BO_…", message}} with the matching status.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BoError, type WireError } from '../common/errors.js';

/** Installs the error and not-found handlers that give every failure a stable code. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | BoError, request, reply) => {
    if (error instanceof BoError) {
      return reply.status(error.status).send({ error: error.toWire() });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map(
        (v) => `${v.instancePath || '/'} ${v.message ?? 'is invalid'}`,
      );
      // Each field's message by JSON pointer, so a form can show it next to the field.
      const fields: Record<string, string> = {};
      for (const v of error.validation) fields[v.instancePath || '/'] ??= v.message ?? 'is invalid';
      const body: WireError = {
        code: 'BO_VALIDATION',
        message: `Invalid request: ${issues.join('; ')}`,
        details: { fields },
      };
      return reply.status(400).send({ error: body });
    }
    // The database saying "not now" (busy) or gone (restarting): 503, try again.
    const unavailable = isDatabaseBusy(error)
      ? {
          log: 'database busy',
          retryAfter: '1',
          message: 'The server is too busy to answer right now; nothing was changed. Try again.',
        }
      : isDatabaseUnreachable(error)
        ? {
            log: 'database unreachable',
            retryAfter: '2',
            message:
              'The server cannot reach its database right now. Try again in a moment (with the same Idempotency-Key for a payment or booking).',
          }
        : null;
    if (unavailable !== null) {
      request.log.warn({ err: error }, unavailable.log);
      void reply.header('retry-after', unavailable.retryAfter);
      return reply
        .status(503)
        .send({ error: { code: 'BO_UNAVAILABLE', message: unavailable.message } });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413) {
      return reply.status(413).send({
        error: { code: 'BO_PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
      });
    }
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: { code: 'BO_BAD_REQUEST', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'BO_INTERNAL',
        message: 'Something went wrong on the server; the request changed nothing.',
      },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({
      error: { code: 'BO_NOT_FOUND', message: `No route ${request.method} ${request.url}` },
    });
  });
}

/**
 * True for the database saying "not now": no pool connection within PG_ACQUIRE_TIMEOUT_MS, or a
 * statement cancelled by PG_STATEMENT_TIMEOUT_MS (57014). Both changed nothing and may be retried.
 */
export function isDatabaseBusy(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e.message === 'timeout exceeded when trying to connect') return true;
  return 'code' in e && e.code === '57014';
}

// PostgreSQL restarting or gone: shutting down (57P01–57P03), connection exceptions (class 08), or
// the socket itself refused or cut. Nothing of these is the request's fault.
const UNREACHABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
]);
const UNREACHABLE_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

/** True when the database could not be reached or went away during the request (e.g. restarting). */
export function isDatabaseUnreachable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (UNREACHABLE_MESSAGES.includes(e.message)) return true;
  if (!('code' in e) || typeof e.code !== 'string') return false;
  return UNREACHABLE_CODES.has(e.code) || e.code.startsWith('08');
}
