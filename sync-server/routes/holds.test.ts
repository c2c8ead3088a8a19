// Public hold REST: the happy path, every kind of bad input (none of which changes anything), and
// owners: only the customer who made a hold, or whoever has its secret, can find it at all.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';
import { openSession } from '../identity/sessions.js';
import { createHoldDirect } from '../services/holds.js';

let app: App;
let fx: ShowFixture;
beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 5, perRow: 10 });
  await db.$client.end();
  app = await buildApp(
    // One test address makes every hold here: client caps are off (see hold-limits.test.ts).
    loadServerConfig(
      {},
      {
        databaseUrl: url,
        logLevel: 'silent',
        bodyLimitBytes: 4096,
        holdsPerClientPerShow: 0,
        holdsPerClient: 0,
        heldSeatsPerClientPerShow: 0,
        holdWritesPerClientPerMinute: 0,
      },
    ),
  );
});
afterAll(async () => {
  await app.close();
});

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/holds', payload: payload as Record<string, unknown> });
type Made = { holdId: string; seatIds: string[]; expiresAt: string; holdSecret?: string };
/** GET reads, POST extends, DELETE releases the hold. */
const call = (method: 'GET' | 'POST' | 'DELETE', holdId: string, headers = {}) =>
  app.inject({
    method,
    url: `/api/v1/holds/${holdId}${method === 'POST' ? '/extend' : ''}`,
    headers,
  });
const changeCount = async () =>
  Number(
    (await app.ctx.db.$client.query<{ n: string }>('SELECT count(*) AS n FROM change_log')).rows[0]
      ?.n,
  );

describe('REST holds', () => {
  it('holds, reads, extends once and releases', async () => {
    const res = await post({ showId: fx.showId, seatIds: [fx.rows[0]?.[0], fx.rows[0]?.[1]] });
    expect(res.statusCode).toBe(201);
    const hold = res.json<Made>();
    expect(hold.holdId).toMatch(/^h_[A-Za-z0-9_-]{22}$/);
    expect(hold.holdSecret).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(hold.seatIds).toHaveLength(2);
    const secret = { 'hold-secret': hold.holdSecret ?? '' };
    const got = await call('GET', hold.holdId, secret);
    expect(got.json()).toMatchObject({ status: 'active', seatIds: hold.seatIds });
    expect(got.json()).not.toHaveProperty('holdSecret');
    const ext = await call('POST', hold.holdId, secret);
    expect(ext.statusCode).toBe(200);
    expect(new Date(ext.json<{ expiresAt: string }>().expiresAt).getTime()).toBeGreaterThan(
      new Date(hold.expiresAt).getTime(),
    );
    expect((await call('POST', hold.holdId, secret)).json()).toMatchObject({
      error: { code: 'BO_HOLD_EXTEND_LIMIT' },
    });
    expect((await call('DELETE', hold.holdId, secret)).statusCode).toBe(204);
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
    for (const [p, m] of [
      ['/api/v1/holds/{holdId}', 'get'],
      ['/api/v1/holds/{holdId}', 'delete'],
      ['/api/v1/holds/{holdId}/extend', 'post'],
    ] as const)
      expect(doc.paths[p]?.[m]).toMatchObject({
        parameters: expect.arrayContaining([
          expect.objectContaining({ in: 'header', name: 'hold-secret' }),
        ]) as unknown,
      });
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('REST hold owners', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let staff: Record<string, string>;
  beforeAll(async () => {
    const signUp = async (name: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: `${name}@example.test`, password: 'velvet-curtain-popcorn-42', name },
      });
      expect(res.statusCode).toBe(201);
      return bearer(res.json<{ tokens: { accessToken: string } }>().tokens.accessToken);
    };
    alice = await signUp('alice');
    bob = await signUp('bob');
    const { accessToken } = await openSession(
      app.ctx.db.$client,
      {
        kind: 'staff',
        sub: fx.staff.manager,
        role: 'manager',
        cinemas: [fx.cinemaId],
        station: null,
      },
      await app.ctx.identity.settings('staff'),
      app.ctx.identity.now(),
    );
    staff = bearer(accessToken);
  });

  const hold = async (seat: number, headers: Record<string, string> = {}): Promise<Made> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      headers,
      payload: { showId: fx.showId, seatIds: [fx.rows[3]?.[seat]] },
    });
    expect(res.statusCode).toBe(201);
    return res.json<Made>();
  };
  const heldState = async (holdId: string) =>
    (
      await app.ctx.db.$client.query<{ status: string; extended: boolean }>(
        'SELECT status, extended FROM holds WHERE id = $1',
        [holdId],
      )
    ).rows[0];
  const expectNotFound = async (holdId: string, headers: Record<string, string>) => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await call(method, holdId, headers);
      expect({ method, status: res.statusCode, body: res.json<unknown>() }).toEqual({
        method,
        status: 404,
        body: { error: { code: 'BO_HOLD_NOT_FOUND', message: expect.any(String) as unknown } },
      });
    }
    expect(await heldState(holdId)).toEqual({ status: 'active', extended: false });
  };
  const wrongSecret = { 'hold-secret': `hs_${'A'.repeat(43)}` };

  it('gives a signed-in customer’s hold to them alone, and no secret', async () => {
    const mine = await hold(0, alice);
    expect(mine).not.toHaveProperty('holdSecret');
    const other = await hold(1);
    await expectNotFound(mine.holdId, bob);
    await expectNotFound(mine.holdId, {});
    await expectNotFound(mine.holdId, staff);
    await expectNotFound(mine.holdId, wrongSecret);
    // A secret opens only its own anonymous hold, never a customer's.
    await expectNotFound(mine.holdId, { 'hold-secret': other.holdSecret ?? '' });
    expect((await call('GET', mine.holdId, alice)).json()).toMatchObject({ status: 'active' });
    expect((await call('POST', mine.holdId, alice)).json()).toMatchObject({ extended: true });
    expect((await call('DELETE', mine.holdId, alice)).statusCode).toBe(204);
    expect(await heldState(mine.holdId)).toEqual({ status: 'released', extended: true });
  });

  it('opens an anonymous hold only with its secret', async () => {
    const made = await hold(2);
    await expectNotFound(made.holdId, {});
    await expectNotFound(made.holdId, wrongSecret);
    await expectNotFound(made.holdId, bob);
    await expectNotFound(made.holdId, staff);
    const malformed = await call('GET', made.holdId, { 'hold-secret': 'hs_short' });
    expect(malformed.json()).toMatchObject({ error: { code: 'BO_VALIDATION' } });
    const secret = { 'hold-secret': made.holdSecret ?? '' };
    expect((await call('GET', made.holdId, secret)).json()).toMatchObject({ status: 'active' });
    expect((await call('POST', made.holdId, secret)).statusCode).toBe(200);
    expect((await call('DELETE', made.holdId, secret)).statusCode).toBe(204);
    expect(await heldState(made.holdId)).toEqual({ status: 'released', extended: true });
  });

  it('keeps a station’s hold out of reach of the public API', async () => {
    const station = {
      kind: 'station' as const,
      id: fx.station.id,
      channel: 'station' as const,
      stationId: fx.station.id,
    };
    const theirs = await createHoldDirect(
      app.ctx.db.$client,
      { showId: fx.showId, seatIds: [fx.rows[3]?.[3] ?? ''] },
      station,
      { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 },
    );
    expect(theirs).not.toHaveProperty('holdSecret');
    await expectNotFound(theirs.holdId, {});
    await expectNotFound(theirs.holdId, staff);
  });
});
