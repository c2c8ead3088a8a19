// Every route declares who may call it, once, beside the route (DESIGN §10, STYLE 16):
//   config: { access: access.staff('manager', cinemaParam()) }
// A route without a declaration cannot be registered, and the RBAC matrix test walks the OpenAPI
// document to call each one as every kind of caller.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { resolvePrincipal, type Principal, type StaffRole } from './principal.js';

/**
 * Finds the cinema (or cinemas, for a person posted to several) a staff route's resource belongs
 * to; null or none when there is no such resource.
 */
export type CinemaOf = (
  request: FastifyRequest,
  pool: pg.Pool,
) => Promise<string | readonly string[] | null>;

/** Who may call a route. Ownership inside a kind (a customer's own hold) is checked by its service. */
export type Access =
  | { who: 'public'; owner?: string }
  | { who: 'customer'; owner?: string }
  | { who: 'signed-in' }
  | { who: 'station' }
  | { who: 'staff'; role: StaffRole; cinema?: CinemaOf };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Declarations for `config.access`. */
export const access = {
  /** Anyone, signed in or not; `owner` says how the service checks ownership, if it does. */
  public: (owner?: string): Access =>
    owner === undefined ? { who: 'public' } : { who: 'public', owner },
  /** A signed-in customer; the service gives them only their own resources. */
  customer: (owner?: string): Access =>
    owner === undefined ? { who: 'customer' } : { who: 'customer', owner },
  /** Any signed-in person (customer or staff), acting on their own sign-in. */
  signedIn: (): Access => ({ who: 'signed-in' }),
  /** An enrolled station, by its device credential. */
  station: (): Access => ({ who: 'station' }),
  /** Staff of at least `role`; with `cinema`, only staff of that resource's cinema (admins: all). */
  staff: (role: StaffRole, cinema?: CinemaOf): Access =>
    cinema === undefined ? { who: 'staff', role } : { who: 'staff', role, cinema },
};

/** The cinema named by a path parameter (default `cinemaId`). */
export function cinemaParam(name = 'cinemaId'): CinemaOf {
  return (request) => {
    const v = (request.params as Record<string, string | undefined>)[name];
    return Promise.resolve(v !== undefined && UUID.test(v) ? v : null);
  };
}

/** The cinema of a row found by a path parameter: `SELECT cinema_id FROM <table> WHERE id = $1`. */
export function cinemaOfRow(
  table:
    'stations' | 'screens' | 'shows' | 'price_cards' | 'taxes' | 'concession_items' | 'feedback',
  param: string,
): CinemaOf {
  return async (request, pool) => {
    const v = (request.params as Record<string, string | undefined>)[param];
    if (v === undefined || !UUID.test(v)) return null;
    const r = await pool.query<{ cinema_id: string }>(
      `SELECT cinema_id FROM ${table} WHERE id = $1`,
      [v],
    );
    return r.rows[0]?.cinema_id ?? null;
  };
}

const RANK: Record<StaffRole, number> = { cashier: 1, manager: 2, admin: 3 };

/** The cinemas a staff member found by a path parameter works at (staff_cinemas). */
export function cinemasOfStaff(param: string): CinemaOf {
  return async (request, pool) => {
    const v = (request.params as Record<string, string | undefined>)[param];
    if (v === undefined || !UUID.test(v)) return null;
    const r = await pool.query<{ cinema_id: string }>(
      'SELECT cinema_id FROM staff_cinemas WHERE staff_id = $1',
      [v],
    );
    return r.rows.map((row) => row.cinema_id);
  };
}

/** One line for docs and the route × role table. */
export function describeAccess(a: Access): string {
  switch (a.who) {
    case 'public':
      return a.owner ? `anyone (${a.owner})` : 'anyone';
    case 'customer':
      return a.owner ? `a signed-in customer (${a.owner})` : 'a signed-in customer';
    case 'signed-in':
      return 'any signed-in customer or staff member';
    case 'station':
      return 'an enrolled station (Authorization: Station <id>:<secret>)';
    case 'staff':
      return `${a.role === 'cashier' ? 'staff' : `${a.role}s`}${a.role === 'admin' ? '' : ' and above'}${a.cinema ? ' of the resource’s cinema (admins: all)' : ''}`;
  }
}

const denied = (p: Principal, message: string) =>
  p.kind === 'anonymous'
    ? new BoError('BO_UNAUTHORIZED', 'Sign in first.')
    : new BoError('BO_FORBIDDEN', message);

/** Throws unless `p` may call a route declared with `a`. */
export async function enforce(
  a: Access,
  p: Principal,
  request: FastifyRequest,
  pool: pg.Pool,
): Promise<void> {
  switch (a.who) {
    case 'public':
      return;
    case 'customer':
      if (p.kind !== 'customer') throw denied(p, 'Only customers may do this.');
      return;
    case 'signed-in':
      if (p.kind !== 'customer' && p.kind !== 'staff') throw denied(p, 'Sign in as a person.');
      return;
    case 'station':
      if (p.kind !== 'station') throw denied(p, 'Only an enrolled station may do this.');
      return;
    case 'staff': {
      if (p.kind !== 'staff') throw denied(p, 'Only staff may do this.');
      if (RANK[p.role] < RANK[a.role])
        throw new BoError('BO_FORBIDDEN', `Only ${a.role}s may do this.`);
      if (!a.cinema || p.role === 'admin') return;
      const found = await a.cinema(request, pool);
      const cinemas = found === null ? [] : typeof found === 'string' ? [found] : found;
      if (cinemas.length === 0) throw new BoError('BO_NOT_FOUND', 'No such resource.');
      if (!cinemas.some((c) => p.cinemaIds.includes(c)))
        throw new BoError('BO_FORBIDDEN', 'That belongs to a cinema you do not work at.');
      return;
    }
  }
}

declare module 'fastify' {
  // Declaration merging needs interfaces here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyContextConfig {
    access?: Access;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    principal: Principal;
  }
}

/** Routes the docs plugins register themselves: the API docs are public. */
const DOCS_PREFIX = '/docs';

/**
 * Installs access control: every route registered after this must declare `config.access`
 * (registration throws otherwise); each request resolves its caller and is checked before its body
 * is even parsed. Returns the route → access table the matrix test and the docs read.
 */
export function installAccess(
  app: FastifyInstance,
  deps: { pool: pg.Pool; key: () => Promise<Uint8Array>; now: () => Date },
): Map<string, Access> {
  const table = new Map<string, Access>();
  // Null until the route's onRequest check sets it, which every route has (see below).
  app.decorateRequest('principal', null as never);
  app.addHook('onRoute', (route: RouteOptions) => {
    const declared = route.config?.access;
    // /docs is swagger-ui's, and OPTIONS * is @fastify/cors's preflight answer: both public.
    const a: Access | undefined =
      declared ??
      (route.url.startsWith(DOCS_PREFIX) || (route.method === 'OPTIONS' && route.url === '*')
        ? access.public()
        : undefined);
    if (!a) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) table.set(`${m} ${route.url}`, a);
    if (route.schema && !route.schema.hide) {
      const who = `Who may call: ${describeAccess(a)}.`;
      route.schema.description = route.schema.description
        ? `${route.schema.description}\n\n${who}`
        : who;
      if (a.who !== 'public')
        (route.schema as Record<string, unknown>)['security'] =
          a.who === 'station' ? [{ station: [] }] : [{ bearer: [] }];
    }
    const check = async (request: FastifyRequest): Promise<void> => {
      request.principal = await resolvePrincipal(request.headers.authorization, {
        pool: deps.pool,
        key: deps.key,
        now: deps.now(),
      });
      await enforce(a, request.principal, request, deps.pool);
    };
    const existing = route.onRequest;
    route.onRequest = existing
      ? [check, ...(Array.isArray(existing) ? existing : [existing])]
      : [check];
  });
  return table;
}
