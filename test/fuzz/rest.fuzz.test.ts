// Fuzz of the REST API (issue 19): every operation of the server's OpenAPI document, called through
// app.inject with valid-ish and invalid path params, query and body (from the document's own
// schemas), as an anonymous caller, a customer and the fixture cinema's manager; every operation
// again with bad headers (garbled Content-Type, junk Authorization, huge values, bad
// Idempotency-Key and Accept); and the multipart upload (a film's poster) with random parts, wrong
// types, oversize and truncated bodies. Never a 5xx, and every JSON 4xx carries an `error.code` of
// BO_…. FUZZ_SEED (and FUZZ_PATH) replay a run.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParams } from './arbitrary.js';
import { badHeaders, multipartArb, multipartBody } from './rest-bodies.js';
import { expectApiAnswer, requestArb, restTarget, ROLES, type RestTarget } from './rest-target.js';

let t: RestTarget;

beforeAll(async () => {
  t = await restTarget();
}, 60_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS !== undefined)
    console.log(
      [...tally]
        .sort()
        .map(([k, n]) => `${k}: ${String(n)}`)
        .join('\n'),
    );
  await t.app.close();
});

/** How the bad-header and upload requests were answered, printed with FUZZ_STATS=1. */
const tally = new Map<string, number>();
function count(what: string, body: string): void {
  const key = `${what} ${/"code":"(BO_\w+)"/.exec(body)?.[1] ?? ''}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

/** Checks every operation with `check` (a property); collects every failure before failing. */
async function everyOperation(
  check: (o: ReturnType<RestTarget['operations']>[number]) => Promise<void>,
): Promise<void> {
  const failures: string[] = [];
  const ops = t.operations();
  expect(ops.length).toBeGreaterThan(10);
  for (const o of ops) {
    const started = Date.now();
    try {
      await check(o);
    } catch (e) {
      failures.push(`${o.method} ${o.route}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (process.env.FUZZ_STATS !== undefined)
      console.log(`${o.method} ${o.route}: ${String(Date.now() - started)} ms`);
  }
  expect(failures).toEqual([]);
}

describe('REST fuzz', () => {
  it('every operation answers 2xx/3xx or a 4xx with a BO_ code, never a 5xx', async () => {
    await everyOperation(({ method, route, op }) =>
      fc.assert(
        fc.asyncProperty(requestArb(t.opts, method, route, op), async (req) => {
          const auth = await t.authorization(req.role);
          const res = await t.app.inject({
            method: method as 'GET',
            url: req.url,
            headers: {
              'idempotency-key': randomUUID(),
              ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(auth === undefined ? {} : { authorization: auth }),
            },
            ...(req.body === undefined ? {} : { payload: JSON.stringify(req.body) }),
          });
          expectApiAnswer(
            res,
            `${method} ${req.url.slice(0, 200)} as ${req.role}: ${String(res.statusCode)} ${res.body.slice(0, 300)}`,
          );
        }),
        fuzzParams(12),
      ),
    );
  }, 180_000);

  it('every operation with bad headers answers a 4xx with a BO_ code or 2xx/3xx, never a 5xx', async () => {
    await everyOperation(({ method, route, op }) =>
      fc.assert(
        fc.asyncProperty(requestArb(t.opts, method, route, op), badHeaders(), async (req, bad) => {
          // Signed in as the manager unless the bad header is the Authorization itself.
          const auth =
            bad.authorization === undefined ? await t.authorization('manager') : undefined;
          const headers = {
            'idempotency-key': randomUUID(),
            ...(auth === undefined ? {} : { authorization: auth }),
            ...bad.headers,
          };
          const res = await t.app.inject({
            method: method as 'GET',
            url: req.url,
            headers,
            ...(bad.body === undefined ? {} : { payload: bad.body }),
          });
          count(`bad headers ${String(res.statusCode)}`, res.body);
          expectApiAnswer(
            res,
            `${method} ${req.url.slice(0, 200)} with ${JSON.stringify(headers).slice(0, 300)}: ${String(res.statusCode)} ${res.body.slice(0, 300)}`,
          );
        }),
        fuzzParams(5),
      ),
    );
  }, 180_000);

  it('the poster upload takes random multipart bodies with a 2xx or a BO_ 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROLES, 'manager', 'manager'),
        multipartArb(),
        async (role, mp) => {
          const auth = await t.authorization(role);
          const { contentType, body } = multipartBody(mp);
          const res = await t.app.inject({
            method: 'PUT',
            url: `/api/v1/admin/films/${t.filmId}/poster`,
            headers: {
              'content-type': contentType,
              'idempotency-key': randomUUID(),
              ...(auth === undefined ? {} : { authorization: auth }),
            },
            payload: body,
          });
          count(`poster as ${role} ${String(res.statusCode)}`, res.body);
          expectApiAnswer(
            res,
            `poster as ${role}, ${contentType.slice(0, 100)}, ${String(body.length)} bytes: ${String(res.statusCode)} ${res.body.slice(0, 300)}`,
          );
        },
      ),
      fuzzParams(60),
    );
    // Afterwards the film still reads, with a poster or none.
    const film = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/films/${t.filmId}`,
      headers: { authorization: (await t.authorization('manager')) ?? '' },
    });
    expect(film.statusCode).toBe(200);
  }, 120_000);
});
