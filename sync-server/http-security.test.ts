// Issue 12, items 7 and 8: security headers on every answer, CORS for the configured web shops only,
// and Fastify's own routing refusals in the {error:{code,message}} shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../test/support/pg.js';
import { buildApp, type App } from './app.js';
import { loadServerConfig } from './config.js';

const SHOP = 'https://tickets.example.com';
let app: App;
beforeAll(async () => {
  const { url, db } = await freshPg();
  await db.$client.end();
  app = await buildApp(
    loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', corsOrigins: [SHOP] }),
  );
});
afterAll(async () => {
  await app.close();
});

describe('security headers', () => {
  it('the API may not be framed, sniffed or run anything', async () => {
    for (const url of ['/health', '/api/v1/cities', '/nope']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('/docs keeps its own CSP but may not be framed either', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('script-src');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('CORS', () => {
  it('answers a web shop’s preflight and grants it the API', async () => {
    const pre = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/holds',
      headers: {
        origin: SHOP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(SHOP);
    expect(String(pre.headers['access-control-allow-headers'])).toContain('authorization');
    expect(String(pre.headers['access-control-allow-methods'])).toContain('POST');

    const get = await app.inject({
      method: 'GET',
      url: '/api/v1/cities',
      headers: { origin: SHOP },
    });
    expect(get.headers['access-control-allow-origin']).toBe(SHOP);
    expect(String(get.headers['access-control-expose-headers'])).toContain('retry-after');
  });

  it('refuses a preflight from any other origin, or the same host on another scheme', async () => {
    for (const origin of ['https://evil.example', 'http://tickets.example.com']) {
      const pre = await app.inject({
        method: 'OPTIONS',
        url: '/api/v1/holds',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(pre.statusCode).toBe(403);
      expect(pre.json()).toMatchObject({ error: { code: 'BO_ORIGIN_NOT_ALLOWED' } });
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      const get = await app.inject({ method: 'GET', url: '/api/v1/cities', headers: { origin } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('grants nothing when no web shop is configured', async () => {
    const { url, db } = await freshPg();
    await db.$client.end();
    const bare = await buildApp(loadServerConfig({}, { databaseUrl: url, logLevel: 'silent' }));
    try {
      const pre = await bare.inject({
        method: 'OPTIONS',
        url: '/api/v1/holds',
        headers: { origin: SHOP, 'access-control-request-method': 'POST' },
      });
      expect(pre.statusCode).toBe(403);
    } finally {
      await bare.close();
    }
  });

  it('CORS_ORIGINS takes exact origins only', () => {
    expect(
      loadServerConfig({ CORS_ORIGINS: `${SHOP}, http://localhost:5173` }).corsOrigins,
    ).toEqual([SHOP, 'http://localhost:5173']);
    expect(() => loadServerConfig({ CORS_ORIGINS: `${SHOP}/shop` })).toThrow(/CORS_ORIGINS/);
    expect(() => loadServerConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('routing refusals', () => {
  it('414 BO_URI_TOO_LONG for an oversized path parameter', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/shows/${'a'.repeat(500)}/seats` });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({
      error: { code: 'BO_URI_TOO_LONG', message: 'The request address is too long.' },
    });
  });

  it('400 BO_BAD_REQUEST for a malformed path', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/shows/%E0%A4%A/seats' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BO_BAD_REQUEST' } });
  });
});
