// Fuzz of the REST API (issue 19): every operation of the server's OpenAPI document, called through
// app.inject with valid-ish and invalid path params, query and body (from the document's own
// schemas), as an anonymous caller, a customer and the fixture cinema's manager. Never a 5xx, and
// every 4xx carries an `error.code` of BO_…. FUZZ_SEED (and FUZZ_PATH) replay a run.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../sync-server/app.js';
import { openSession } from '../../sync-server/identity/sessions.js';
import { freshPg } from '../support/pg.js';
import { buildRelaxedApp } from '../support/relaxed-app.js';
import { createShowFixture, type ShowFixture } from '../support/show-fixture.js';
import { fuzzParams, invalid, validish, type ArbOptions, type JsonSchema } from './arbitrary.js';

type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type Doc = { paths: Record<string, Record<string, Operation>> };

const ROLES = ['anonymous', 'customer', 'manager'] as const;
type Role = (typeof ROLES)[number];

let app: App;
let fx: ShowFixture;
let doc: Doc;
let opts: ArbOptions;
const customerId = randomUUID();

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 8, food: true });
  await db.$client.query(
    "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, $2, 'unusable', 'Customer')",
    [customerId, `${customerId}@example.com`],
  );
  await db.$client.end();
  app = await buildRelaxedApp(url);
  doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<Doc>();
  opts = {
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
    },
  };
}, 60_000);

afterAll(async () => {
  await app.close();
});

/** A fresh Authorization header, so a logout in one call cannot spoil the next. */
async function authorization(role: Role): Promise<string | undefined> {
  if (role === 'anonymous') return undefined;
  const pool = app.ctx.db.$client;
  const s =
    role === 'customer'
      ? await openSession(
          pool,
          { kind: 'customer', sub: customerId },
          await app.ctx.identity.settings('customer'),
          new Date(),
        )
      : await openSession(
          pool,
          {
            kind: 'staff',
            station: null,
            sub: fx.staff.manager,
            role: 'manager',
            cinemas: [fx.cinemaId],
          },
          await app.ctx.identity.settings('staff'),
          new Date(),
        );
  return `Bearer ${s.accessToken}`;
}

/** Valid-ish most of the time, invalid otherwise. */
const either = (s: JsonSchema) =>
  fc.oneof({ weight: 3, arbitrary: validish(s, opts) }, { weight: 1, arbitrary: invalid(s, opts) });

/** A request to one operation: who calls, its path, query string and body. */
function requestArb(method: string, route: string, op: Operation) {
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
        fc.option(either(p.schema ?? { type: 'string' }), { nil: undefined }),
      ]),
    ),
    { requiredKeys: [] },
  );
  const jsonBody = op.requestBody?.content?.['application/json']?.schema;
  const bodyArb = ['POST', 'PUT', 'PATCH'].includes(method)
    ? either(jsonBody ?? { type: 'object' })
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

function operations(): { method: string; route: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([route, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ method: m.toUpperCase(), route, op })),
  );
}

describe('REST fuzz', () => {
  it('every operation answers 2xx/3xx or a 4xx with a BO_ code, never a 5xx', async () => {
    const failures: string[] = [];
    const ops = operations();
    expect(ops.length).toBeGreaterThan(10);
    for (const { method, route, op } of ops) {
      const started = Date.now();
      try {
        await fc.assert(
          fc.asyncProperty(requestArb(method, route, op), async (req) => {
            const auth = await authorization(req.role);
            const res = await app.inject({
              method: method as 'GET',
              url: req.url,
              headers: {
                'idempotency-key': randomUUID(),
                ...(auth === undefined ? {} : { authorization: auth }),
              },
              ...(req.body === undefined ? {} : { payload: JSON.stringify(req.body) }),
              ...(req.body === undefined ? {} : { headers: jsonHeaders(auth) }),
            });
            const what = `${method} ${req.url.slice(0, 200)} as ${req.role}: ${String(res.statusCode)} ${res.body.slice(0, 300)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            // Pages for people (unsubscribe, reset-password form, test payment page) answer HTML;
            // the BO_ code is the API's promise, so it is checked on JSON answers.
            const json = String(res.headers['content-type']).startsWith('application/json');
            if (
              res.statusCode >= 400 &&
              (json || !String(res.headers['content-type']).startsWith('text/html'))
            ) {
              const code = (res.json<{ error?: { code?: unknown } }>().error ?? {}).code;
              expect(code, what).toMatch(/^BO_[A-Z_]+$/);
            }
          }),
          fuzzParams(12),
        );
      } catch (e) {
        failures.push(`${method} ${route}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (process.env.FUZZ_STATS !== undefined)
        console.log(`${method} ${route}: ${String(Date.now() - started)} ms`);
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

function jsonHeaders(auth: string | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    'idempotency-key': randomUUID(),
    ...(auth === undefined ? {} : { authorization: auth }),
  };
}
