// Public hold REST: the happy path and every kind of bad input, none of which changes anything.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

let app: App;
let fx: ShowFixture;
beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 5, perRow: 10 });
  await db.$client.end();
  app = await buildApp(
    loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', bodyLimitBytes: 4096 }),
  );
});
afterAll(async () => {
  await app.close();
});

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/holds', payload: payload as Record<string, unknown> });
const changeCount = async () =>
  Number(
    (await app.ctx.db.$client.query<{ n: string }>('SELECT count(*) AS n FROM change_log')).rows[0]
      ?.n,
  );

describe('REST holds', () => {
  it('holds, reads, extends once and releases', async () => {
    const res = await post({ showId: fx.showId, seatIds: [fx.rows[0]?.[0], fx.rows[0]?.[1]] });
    expect(res.statusCode).toBe(201);
    const hold = res.json<{ holdId: string; seatIds: string[]; expiresAt: string }>();
    expect(hold.holdId).toMatch(/^h_[A-Za-z0-9_-]{22}$/);
    expect(hold.seatIds).toHaveLength(2);
    const got = await app.inject({ method: 'GET', url: `/api/v1/holds/${hold.holdId}` });
    expect(got.json()).toMatchObject({ status: 'active', seatIds: hold.seatIds });
    const ext = await app.inject({ method: 'POST', url: `/api/v1/holds/${hold.holdId}/extend` });
    expect(ext.statusCode).toBe(200);
    expect(new Date(ext.json<{ expiresAt: string }>().expiresAt).getTime()).toBeGreaterThan(
      new Date(hold.expiresAt).getTime(),
    );
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/holds/${hold.holdId}/extend` })).json(),
    ).toMatchObject({ error: { code: 'BO_HOLD_EXTEND_LIMIT' } });
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/holds/${hold.holdId}` })).statusCode,
    ).toBe(204);
    expect((await post({ showId: fx.showId, seatIds: hold.seatIds })).statusCode).toBe(201);
  });

  it('holds the best N together in a category', async () => {
    const res = await post({ showId: fx.showId, count: 3, categoryId: fx.categoryIds[0] });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ seatIds: string[] }>().seatIds).toHaveLength(3);
  });

  it('answers 409 BO_SEAT_UNAVAILABLE naming the seats, and holds none of the others', async () => {
    const taken = fx.rows[1]?.[0];
    expect((await post({ showId: fx.showId, seatIds: [taken] })).statusCode).toBe(201);
    const free = fx.rows[1]?.[5];
    const res = await post({ showId: fx.showId, seatIds: [free, taken] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: { code: 'BO_SEAT_UNAVAILABLE', details: { seatIds: [taken] } },
    });
    expect((await post({ showId: fx.showId, seatIds: [free] })).statusCode).toBe(201);
  });

  it.each([
    ['malformed JSON', '{"showId":', 400, 'BO_BAD_REQUEST'],
    [
      'a missing show',
      JSON.stringify({
        showId: '00000000-0000-4000-8000-000000000000',
        seatIds: ['00000000-0000-4000-8000-000000000001'],
      }),
      404,
      'BO_SHOW_NOT_FOUND',
    ],
    [
      'a seat of no such show',
      JSON.stringify({ showId: 'SHOW', seatIds: ['00000000-0000-4000-8000-000000000001'] }),
      404,
      'BO_SEAT_NOT_FOUND',
    ],
    ['a non-uuid', JSON.stringify({ showId: 'x', seatIds: ['y'] }), 400, 'BO_VALIDATION'],
    [
      'an unknown field',
      JSON.stringify({ showId: 'SHOW', seatIds: ['SEAT'], evil: true }),
      400,
      'BO_VALIDATION',
    ],
    ['too many seats', JSON.stringify({ showId: 'SHOW', count: 99 }), 400, 'BO_VALIDATION'],
    [
      'a huge body',
      JSON.stringify({
        showId: 'SHOW',
        seatIds: Array.from({ length: 400 }, () => '00000000-0000-4000-8000-000000000001'),
      }),
      413,
      'BO_PAYLOAD_TOO_LARGE',
    ],
  ])('answers %s with a coded error and changes nothing', async (_name, raw, status, code) => {
    const before = await changeCount();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      headers: { 'content-type': 'application/json' },
      payload: raw.replaceAll('SHOW', fx.showId).replaceAll('SEAT', fx.rows[4]?.[0] ?? ''),
    });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
    expect(await changeCount()).toBe(before);
  });

  it('answers unknown and malformed hold ids with 404 and 400', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/holds/h_AAAAAAAAAAAAAAAAAAAAAA' }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/holds/nope' })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/v1/holds/h_AAAAAAAAAAAAAAAAAAAAAA' }))
        .statusCode,
    ).toBe(404);
  });

  it('publishes a valid OpenAPI document that lists every route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /api/v1/holds',
        'GET /api/v1/holds/{holdId}',
        'DELETE /api/v1/holds/{holdId}',
        'POST /api/v1/holds/{holdId}/extend',
      ]),
    );
    expect(JSON.stringify(doc)).toContain('/api/v1/live');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
