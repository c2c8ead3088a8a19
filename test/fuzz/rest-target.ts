// The server the REST fuzzers call: a relaxed-limits app on a fresh database with a show fixture,
// a customer and a film, its OpenAPI document, and arbitrary options that draw the fixture's ids.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { App } from '../../sync-server/app.js';
import { freshPg } from '../support/pg.js';
import { buildRelaxedApp } from '../support/relaxed-app.js';
import { createShowFixture, type ShowFixture } from '../support/show-fixture.js';
import { invalid, validish, type ArbOptions, type JsonSchema } from './arbitrary.js';
import { accessToken, insertCustomer } from './callers.js';

export type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
export type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  consumes?: string[];
};
export type Doc = { paths: Record<string, Record<string, Operation>> };

export const ROLES = ['anonymous', 'customer', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export type RestTarget = {
  app: App;
  fx: ShowFixture;
  doc: Doc;
  opts: ArbOptions;
  /** The fixture's film (posters are uploaded to it). */
  filmId: string;
  /** A fresh Authorization header for `role` (none for anonymous). */
  authorization(role: Role): Promise<string | undefined>;
  /** Every operation of the document. */
  operations(): { method: string; route: string; op: Operation }[];
};

/** Builds the app and its fixture; close `app` afterwards. */
export async function restTarget(): Promise<RestTarget> {
  const { url, db } = await freshPg();
  const fx = await createShowFixture(db.$client, { rows: 4, perRow: 8, food: true });
  const customerId = await insertCustomer(db.$client);
  const film = await db.$client.query<{ id: string }>('SELECT id FROM movies LIMIT 1');
  await db.$client.end();
  const app = await buildRelaxedApp(url);
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>();
  const filmId = film.rows[0]?.id ?? '';
  const opts: ArbOptions = {
    root: doc,
    ids: [fx.cinemaId, fx.showId, fx.layoutId, ...fx.seatIds.slice(0, 4), fx.ticketTypes.adult],
    named: {
      cinemaId: [fx.cinemaId],
      showId: [fx.showId],
      layoutId: [fx.layoutId],
      seatId: fx.seatIds,
      seatIds: fx.seatIds,
      ticketTypeId: [fx.ticketTypes.adult, fx.ticketTypes.child],
      staffId: [fx.staff.cashier, fx.staff.manager],
      stationId: [fx.station.id],
      chainId: [fx.chainId],
      filmId: [filmId],
    },
  };
  return {
    app,
    fx,
    doc,
    opts,
    filmId,
    async authorization(role) {
      if (role === 'anonymous') return undefined;
      const t =
        role === 'customer'
          ? await accessToken(app, { kind: 'customer', customerId })
          : await accessToken(app, { kind: 'manager', fx });
      return `Bearer ${t}`;
    },
    operations: () =>
      Object.entries(doc.paths).flatMap(([route, ops]) =>
        Object.entries(ops)
          .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(([m, op]) => ({ method: m.toUpperCase(), route, op })),
      ),
  };
}

/** Valid-ish most of the time, invalid otherwise. */
const either = (s: JsonSchema, opts: ArbOptions) =>
  fc.oneof({ weight: 3, arbitrary: validish(s, opts) }, { weight: 1, arbitrary: invalid(s, opts) });

/** A request to one operation: who calls, its path, query string and body. */
export function requestArb(opts: ArbOptions, method: string, route: string, op: Operation) {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const s = p.schema ?? { type: 'string' };
        const named = opts.named?.[p.name];
        return [
          p.name,
          fc.oneof(
            { weight: 3, arbitrary: validish(s, named ? { ...opts, ids: named } : opts) },
            { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()) },
          ),
        ];
      }),
    ),
  );
  const queryArb = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        fc.option(either(p.schema ?? { type: 'string' }, opts), { nil: undefined }),
      ]),
    ),
    { requiredKeys: [] },
  );
  const jsonBody = op.requestBody?.content?.['application/json']?.schema;
  const bodyArb = ['POST', 'PUT', 'PATCH'].includes(method)
    ? either(jsonBody ?? { type: 'object' }, opts)
    : fc.constant(undefined);
  return fc
    .record({ role: fc.constantFrom(...ROLES), path: pathArb, query: queryArb, body: bodyArb })
    .map((r) => {
      let url = route;
      for (const [k, v] of Object.entries(r.path))
        url = url.replace(`{${k}}`, encodeURIComponent(text(v)));
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(r.query))
        if (v !== undefined)
          for (const item of Array.isArray(v) ? v : [v]) qs.append(k, text(item));
      const q = qs.toString();
      return { role: r.role, url: q === '' ? url : `${url}?${q}`, body: r.body };
    });
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/**
 * The API's promise for any request: never a 5xx, and a JSON 4xx carries an `error.code` of BO_….
 * Pages for people (unsubscribe, reset-password form, test payment page) answer HTML, so the code
 * is checked on every 4xx that is not HTML.
 */
export function expectApiAnswer(
  res: { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown },
  what: string,
): void {
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode < 400) return;
  const type = String(res.headers['content-type']);
  if (type.startsWith('text/html')) return;
  expect(type, what).toMatch(/^application\/json/);
  const code = ((res.json() as { error?: { code?: unknown } }).error ?? {}).code;
  expect(code, what).toMatch(/^BO_[A-Z_]+$/);
  expect(code, what).not.toBe('BO_INTERNAL');
}
