// Idempotency-Key: a retry gets the stored answer without running again; another request with the
// key is refused; a retry while the first still runs is told to wait; failures are not kept; and
// one anonymous caller never sees another's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';
import { access } from '../identity/access.js';

let app: App;
let runs = 0;
let gate: Promise<void> = Promise.resolve();
let failNext = false;

beforeAll(async () => {
  const { url, db } = await freshPg();
  await db.$client.end();
  app = await buildApp(loadServerConfig({}, { databaseUrl: url, logLevel: 'silent' }));
  app.post(
    '/test/idempotent',
    { config: { access: access.public(), idempotency: true } },
    async (_request, reply) => {
      runs += 1;
      await gate;
      if (failNext) {
        failNext = false;
        throw new Error('boom');
      }
      return reply.status(201).send({ run: runs });
    },
  );
  // The work is done, then the database goes away before its answer is stored (found by the chaos
  // run, when PostgreSQL restarted): here the table is renamed away for a moment.
  app.post(
    '/test/store-fails',
    { config: { access: access.public(), idempotency: true } },
    async (_request, reply) => {
      await app.ctx.db.$client.query(
        'ALTER TABLE idempotency_keys RENAME TO idempotency_keys_away',
      );
      return reply.status(201).send({ made: true });
    },
  );
  app.get('/test/db-gone', { config: { access: access.public() } }, () => {
    throw Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
  });
});
afterAll(async () => {
  await app.close();
});

const call = (
  key: string | undefined,
  body: unknown = { a: 1 },
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/test/idempotent',
    headers: { ...(key === undefined ? {} : { 'idempotency-key': key }), ...headers },
    payload: body as Record<string, unknown>,
  });

describe('Idempotency-Key', () => {
  it('answers a retry with the stored answer, without running again', async () => {
    const first = await call('k-1');
    const again = await call('k-1', { a: 1 });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(1);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const first = await call('k-order', { a: 1, b: [1, 2] });
    const again = await call('k-order', { b: [1, 2], a: 1 });
    expect(again.body).toBe(first.body);
  });

  it('refuses the key with another request: 422, nothing run', async () => {
    await call('k-2', { a: 1 });
    const before = runs;
    const other = await call('k-2', { a: 2 });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: { code: 'BO_IDEMPOTENCY_KEY_REUSED' } });
    expect(runs).toBe(before);
  });

  it('tells a retry that comes while the first runs to wait: 409 with Retry-After', async () => {
    let open: () => void = () => undefined;
    gate = new Promise<void>((r) => {
      open = r;
    });
    const first = call('k-3');
    // Wait until the first has claimed the key and is inside the handler.
    const before = runs;
    for (let i = 0; i < 200 && runs === before; i++) await new Promise((r) => setTimeout(r, 10));
    const during = await call('k-3');
    expect(during.statusCode).toBe(409);
    expect(during.headers['retry-after']).toBe('1');
    expect(during.json()).toMatchObject({ error: { code: 'BO_IDEMPOTENCY_IN_PROGRESS' } });
    open();
    gate = Promise.resolve();
    expect((await first).statusCode).toBe(201);
    expect((await call('k-3')).body).toBe((await first).body);
  });

  it('does not keep a server failure: the retry runs again', async () => {
    failNext = true;
    const failed = await call('k-4');
    expect(failed.statusCode).toBe(500);
    const retry = await call('k-4');
    expect(retry.statusCode).toBe(201);
  });

  it('needs the header, well formed', async () => {
    const none = await call(undefined);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: { code: 'BO_IDEMPOTENCY_KEY_REQUIRED' } });
    expect((await call('has space')).statusCode).toBe(400);
  });

  it('keeps anonymous callers with different secrets apart', async () => {
    const a = await call('k-5', { a: 1 }, { 'booking-secret': `bs_${'a'.repeat(43)}` });
    const b = await call('k-5', { a: 1 }, { 'booking-secret': `bs_${'b'.repeat(43)}` });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.body).not.toBe(a.body);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('when the database goes away', () => {
  it('still answers what was done when the answer cannot be stored', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/store-fails',
      headers: { 'idempotency-key': 'store-fails-1' },
      payload: {},
    });
    await app.ctx.db.$client.query('ALTER TABLE idempotency_keys_away RENAME TO idempotency_keys');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ made: true });
  });

  it('answers 503 BO_UNAVAILABLE with Retry-After, never a 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/db-gone' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.json<{ error: { code: string } }>().error.code).toBe('BO_UNAVAILABLE');
  });
});
