import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../test/support/pg.js';
import { buildApp, type App } from './app.js';
import { loadServerConfig } from './config.js';

describe('sync server app', () => {
  let app: App;
  beforeAll(async () => {
    const { url } = await freshPg();
    app = await buildApp(loadServerConfig({}, { databaseUrl: url, logLevel: 'silent' }));
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /health ok while the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with a coded 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'BO_NOT_FOUND' } });
  });

  it('serves an OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ openapi: '3.1.0' });
  });

  it('answers 503 on /health when the database is gone', async () => {
    const { url } = await freshPg();
    const broken = await buildApp(
      loadServerConfig({}, { databaseUrl: url.replace(/:\d+\//, ':1/'), logLevel: 'silent' }),
    );
    const res = await broken.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', error: { code: 'BO_UNAVAILABLE' } });
    await broken.close();
  });
});
