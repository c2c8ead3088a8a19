// Issue 12, item 2: when the pool cannot serve, /health says 503 at once (not after the pool frees)
// and requests answer 503 BO_UNAVAILABLE after PG_ACQUIRE_TIMEOUT_MS instead of hanging.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

let app: App;
beforeAll(async () => {
  const { url, db } = await freshPg();
  await db.$client.end();
  app = await buildApp(
    loadServerConfig(
      {},
      { databaseUrl: url, logLevel: 'silent', pgPoolSize: 2, pgAcquireTimeoutMs: 300 },
    ),
  );
});
afterAll(async () => {
  await app.close();
});

describe('a starved pool', () => {
  it('/health answers 503 while every connection is taken and others wait, 200 after', async () => {
    const pool = app.ctx.db.$client;
    const taken: pg.PoolClient[] = [await pool.connect(), await pool.connect()];
    // Someone is queued behind them: the pool cannot serve now.
    const queued = pool.query('SELECT 1').catch(() => undefined);
    try {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'unavailable',
        error: { code: 'BO_UNAVAILABLE', message: expect.stringMatching(/busy/) as string },
      });
    } finally {
      for (const c of taken) c.release();
    }
    await queued;
    const ok = await app.inject({ method: 'GET', url: '/health' });
    expect(ok.statusCode).toBe(200);
  });

  it('a request that cannot get a connection answers 503 BO_UNAVAILABLE with Retry-After', async () => {
    const pool = app.ctx.db.$client;
    const taken: pg.PoolClient[] = [await pool.connect(), await pool.connect()];
    try {
      const res = await app.inject({ method: 'GET', url: `/api/v1/shows/${randomUUID()}` });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'BO_UNAVAILABLE' } });
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      for (const c of taken) c.release();
    }
    const after = await app.inject({ method: 'GET', url: `/api/v1/shows/${randomUUID()}` });
    expect(after.statusCode).toBe(404);
  });

  it('a statement over PG_STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL', async () => {
    const { url, db } = await freshPg();
    await db.$client.end();
    const quick = await buildApp(
      loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', pgStatementTimeoutMs: 100 }),
    );
    try {
      await expect(quick.ctx.db.$client.query('SELECT pg_sleep(5)')).rejects.toMatchObject({
        code: '57014',
      });
    } finally {
      await quick.close();
    }
  });
});
