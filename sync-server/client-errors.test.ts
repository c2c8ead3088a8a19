// What Node's parser refuses before Fastify sees it still answers with a BO_ code.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../test/support/pg.js';
import { buildApp, type App } from './app.js';
import { loadServerConfig } from './config.js';

let app: App;
let port = 0;
beforeAll(async () => {
  const { url, db } = await freshPg();
  await db.$client.end();
  // A short request timeout, so the slow-loris case below ends soon.
  app = await buildApp(
    loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', requestTimeoutMs: 300 }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  await app.close();
});

/** Sends raw bytes and returns everything the server wrote before it closed. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
    socket.on('close', () => {
      resolve(answer);
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

const bodyOf = (answer: string) =>
  JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

describe('parser errors', () => {
  it('431 BO_HEADERS_TOO_LARGE for oversized headers', async () => {
    const answer = await raw(
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    expect(answer.startsWith('HTTP/1.1 431 ')).toBe(true);
    expect(bodyOf(answer)).toEqual({
      error: { code: 'BO_HEADERS_TOO_LARGE', message: 'The request headers are too large.' },
    });
  });

  it('400 BO_BAD_REQUEST for a request that is not HTTP', async () => {
    const answer = await raw('HELLO THERE\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'BO_BAD_REQUEST' } });
  });

  it('408 BO_TIMEOUT for headers that never finish (slow-loris)', async () => {
    // Headers are sent without their final blank line; the server must give up and close.
    const answer = await raw('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n');
    expect(answer.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(bodyOf(answer)).toEqual({
      error: { code: 'BO_TIMEOUT', message: 'The request took too long to arrive.' },
    });
  });
});
