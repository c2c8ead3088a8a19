// Idempotency-Key on money writes (DESIGN §12, issue 13): a route opts in with
//   config: { access: …, idempotency: true }
// and then needs the header. The first request with a key runs and its answer is stored; the same
// key with the same request gets that answer again (Idempotent-Replayed: true) without running;
// with another request, 422; while the first still runs, 409 and Retry-After. Answers are kept
// IDEMPOTENCY_KEEP_HOURS; 5xx and 429 answers are not kept, so a retry runs again.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { Principal } from '../identity/principal.js';

declare module 'fastify' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyContextConfig {
    /** The route takes (and needs) an Idempotency-Key header. */
    idempotency?: boolean;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    /** The stored-key row this request owns, when it claimed one. */
    idempotencyClaim: { scope: string; key: string } | null;
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;
/** A claim older than this is a request whose process died: the key may be taken over. */
const STALE_RUNNING_SECONDS = 60;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Whose key it is: the signed-in caller, or for the anonymous a digest of the secrets they send. */
export function idempotencyScope(p: Principal, headers: FastifyRequest['headers']): string {
  if (p.kind !== 'anonymous') return `${p.kind}:${p.id}`;
  const secrets = ['hold-secret', 'booking-secret'].map((h) => {
    const v = headers[h];
    return typeof v === 'string' ? v : '';
  });
  return `anon:${sha256(secrets.join('\n'))}`;
}

// Keys of an object in a fixed order, so the same body always hashes alike.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return v === undefined ? 'null' : JSON.stringify(v);
}

function requestHash(request: FastifyRequest): string {
  return sha256(
    [
      request.method,
      request.routeOptions.url ?? '',
      canonical(request.params),
      canonical(request.body ?? null),
    ].join('\n'),
  );
}

type Row = {
  request_hash: string;
  state: string;
  response_status: number | null;
  response_body: string | null;
  stale: boolean;
};

async function claim(
  pool: pg.Pool,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined)
    throw new BoError(
      'BO_IDEMPOTENCY_KEY_REQUIRED',
      'Send an Idempotency-Key header (a fresh random id per action, the same one on every retry).',
    );
  if (typeof raw !== 'string' || !KEY.test(raw))
    throw new BoError('BO_VALIDATION', 'The Idempotency-Key is 1–255 visible ASCII characters.');
  const scope = idempotencyScope(request.principal, request.headers);
  const hash = requestHash(request);
  const mine = () => {
    request.idempotencyClaim = { scope, key: raw };
  };
  const claimed = await pool.query({
    name: 'idempotency_claim',
    text: "INSERT INTO idempotency_keys (scope, key, request_hash, state) VALUES ($1, $2, $3, 'running') ON CONFLICT (scope, key) DO NOTHING",
    values: [scope, raw, hash],
  });
  // The usual case, a fresh key, costs that one statement.
  if (claimed.rowCount === 1) {
    mine();
    return;
  }
  // A statement of its own: it sees the row a concurrent request committed while we waited on it.
  const r = await pool.query<Row>({
    name: 'idempotency_read',
    text: `SELECT request_hash, state, response_status, response_body,
             state = 'running' AND created_at < now() - make_interval(secs => $3) AS stale
           FROM idempotency_keys WHERE scope = $1 AND key = $2`,
    values: [scope, raw, STALE_RUNNING_SECONDS],
  });
  const row = r.rows[0];
  if (row === undefined) {
    mine();
    return;
  }
  if (row.stale && row.request_hash === hash) {
    const taken = await pool.query({
      name: 'idempotency_take_over',
      text: "UPDATE idempotency_keys SET created_at = now() WHERE scope = $1 AND key = $2 AND state = 'running' AND created_at < now() - make_interval(secs => $3)",
      values: [scope, raw, STALE_RUNNING_SECONDS],
    });
    if (taken.rowCount === 1) {
      mine();
      return;
    }
  }
  if (row.request_hash !== hash)
    throw new BoError(
      'BO_IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different request; use a new key for a new action.',
    );
  if (row.state !== 'done' || row.response_status === null) {
    void reply.header('retry-after', '1');
    throw new BoError(
      'BO_IDEMPOTENCY_IN_PROGRESS',
      'A request with this Idempotency-Key is still running; retry in a moment for its answer.',
    );
  }
  return reply
    .status(row.response_status)
    .header('idempotent-replayed', 'true')
    .type('application/json; charset=utf-8')
    .send(row.response_body);
}

/** Installs Idempotency-Key handling for routes that opt in; call before registering them. */
export function installIdempotency(app: FastifyInstance, pool: pg.Pool): void {
  app.decorateRequest('idempotencyClaim', null);
  app.addHook('onRoute', (route) => {
    if (route.config?.idempotency !== true) return;
    // The docs show the header on every route that needs it.
    const headers = route.schema?.headers;
    if (route.schema !== undefined)
      route.schema.headers = (headers instanceof z.ZodObject ? headers : z.looseObject({})).extend({
        'idempotency-key': z
          .string()
          .optional()
          .describe(
            'Required: a fresh random id per action (a UUID), the same on every retry of it; answers are kept 24 h',
          ),
      });
    const pre = route.preHandler;
    const mine = async (request: FastifyRequest, reply: FastifyReply) => {
      await claim(pool, request, reply);
    };
    route.preHandler = pre === undefined ? [mine] : [...(Array.isArray(pre) ? pre : [pre]), mine];
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const c = request.idempotencyClaim;
    if (c === null) return payload;
    request.idempotencyClaim = null;
    const status = reply.statusCode;
    const keep = !(
      status >= 500 ||
      status === 429 ||
      (status === 409 && reply.getHeader('retry-after') !== undefined)
    );
    try {
      if (keep)
        await pool.query({
          name: 'idempotency_done',
          text: "UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2",
          values: [c.scope, c.key, status, typeof payload === 'string' ? payload : String(payload)],
        });
      // Not an answer to keep: the next try runs again.
      else
        await pool.query({
          name: 'idempotency_release',
          text: "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'running'",
          values: [c.scope, c.key],
        });
    } catch (e) {
      // The database went away after the work was done: the caller still gets the real answer (a
      // booking that was made must not look failed). The key stays running; after
      // STALE_RUNNING_SECONDS a retry with it runs again and meets the state this request left.
      request.log.warn({ err: e }, 'idempotency answer not stored');
    }
    return payload;
  });
}

/** Forgets stored answers older than `keepHours` (at most `limit` a call); returns how many. */
export async function pruneIdempotencyKeys(
  pool: pg.Pool,
  keepHours: number,
  limit = 5000,
): Promise<number> {
  const r = await pool.query({
    name: 'idempotency_prune',
    text: `DELETE FROM idempotency_keys WHERE ctid IN (
             SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT $2)`,
    values: [keepHours, limit],
  });
  return r.rowCount ?? 0;
}
