// Wrong-secret hellos on /sync (issue 12, item 1): counted per address and per device, refused
// without a secret check over the limit, and verifications capped so a flood cannot starve the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig, type ServerConfig } from '../config.js';
import { createHelloLimits } from './hello-limits.js';
import { CLOSE } from './station-session.js';

let url: string;
let fx: ShowFixture;
const apps: App[] = [];

beforeAll(async () => {
  const pg = await freshPg();
  url = pg.url;
  fx = await createShowFixture(pg.db.$client, { rows: 1, perRow: 4 });
  await pg.db.$client.end();
});
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function server(overrides: Partial<ServerConfig>): Promise<string> {
  const app = await buildApp(
    loadServerConfig({}, { databaseUrl: url, logLevel: 'silent', ...overrides }),
  );
  apps.push(app);
  // Clients bind other loopback addresses (127.0.0.x) to play several client addresses.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return `ws://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}/sync`;
}

type Answer = { type: string; code?: string; message?: string; close: number };

/** Says hello from `localAddress` and returns the first answer and the close code (or 0: still open). */
async function hello(
  sync: string,
  who: { id: string; secret: string },
  localAddress = '127.0.0.1',
): Promise<Answer> {
  const ws = new WebSocket(sync, { localAddress });
  const first = new Promise<Record<string, unknown>>((resolve) => {
    ws.once('message', (data: Buffer) => {
      resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    });
  });
  const closed = new Promise<number>((resolve) => {
    ws.once('close', resolve);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(
    JSON.stringify({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      device: who.id,
      secret: who.secret,
      cursor: 1,
    }),
  );
  const msg = await first;
  const close = msg.type === 'welcome' ? 0 : await closed;
  ws.terminate();
  return { ...(msg as { type: string; code?: string; message?: string }), close };
}

const wrong = (who: { id: string }) => ({ id: who.id, secret: 'not-the-secret-0000000' });

describe('/sync hello limits', () => {
  it('refuses an address after its failed hellos without checking secrets; other addresses still connect', async () => {
    const sync = await server({
      syncHelloFailuresPerAddress: 5,
      syncHelloFailuresPerDevice: 1000,
    });
    for (let i = 0; i < 5; i++) {
      const a = await hello(sync, wrong(fx.station), '127.0.0.10');
      expect(a).toMatchObject({ code: 'BO_UNAUTHORIZED', close: CLOSE.auth });
    }
    const limited = await hello(sync, wrong(fx.station), '127.0.0.10');
    expect(limited).toMatchObject({ code: 'BO_RATE_LIMITED', close: CLOSE.rateLimited });
    expect(limited.message).toMatch(/Try again in \d+ seconds/);
    // Even the right secret is refused from there: the secret was never looked at.
    expect(await hello(sync, fx.station, '127.0.0.10')).toMatchObject({
      code: 'BO_RATE_LIMITED',
    });
    // The same station from its own address is not bothered by another address's failures.
    expect(await hello(sync, fx.station, '127.0.0.11')).toMatchObject({ type: 'welcome' });
  }, 60_000);

  it('refuses a device after failed hellos, but not where it already proved its secret', async () => {
    const sync = await server({
      syncHelloFailuresPerAddress: 1000,
      syncHelloFailuresPerDevice: 3,
    });
    expect(await hello(sync, fx.otherStation, '127.0.0.20')).toMatchObject({ type: 'welcome' });
    // Someone guesses its secret from elsewhere, from several addresses.
    for (let i = 0; i < 3; i++)
      expect(await hello(sync, wrong(fx.otherStation), `127.0.0.${String(21 + i)}`)).toMatchObject({
        code: 'BO_UNAUTHORIZED',
      });
    expect(await hello(sync, wrong(fx.otherStation), '127.0.0.24')).toMatchObject({
      code: 'BO_RATE_LIMITED',
    });
    expect(await hello(sync, fx.otherStation, '127.0.0.25')).toMatchObject({
      code: 'BO_RATE_LIMITED',
    });
    // The real station, where it connected before, still does.
    expect(await hello(sync, fx.otherStation, '127.0.0.20')).toMatchObject({ type: 'welcome' });
  }, 60_000);

  it('answers 100 concurrent wrong-secret hellos, refusing those past the queue at once', async () => {
    const sync = await server({
      syncHelloFailuresPerAddress: 1000,
      syncHelloFailuresPerDevice: 1000,
      syncHelloVerifyConcurrency: 1,
      syncHelloVerifyQueue: 5,
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => hello(sync, wrong(fx.station), '127.0.0.30')),
    );
    const codes = answers.map((a) => a.code);
    expect(codes.every((c) => c === 'BO_UNAUTHORIZED' || c === 'BO_UNAVAILABLE')).toBe(true);
    expect(codes.filter((c) => c === 'BO_UNAVAILABLE').length).toBeGreaterThan(0);
    expect(answers.find((a) => a.code === 'BO_UNAVAILABLE')?.close).toBe(CLOSE.busy);
    // The server is still there for a good station.
    expect(await hello(sync, fx.station, '127.0.0.31')).toMatchObject({ type: 'welcome' });
  }, 60_000);

  it('checks at most the limit of 100 wrong-secret hellos sent at once from one address', async () => {
    const sync = await server({
      syncHelloFailuresPerAddress: 5,
      syncHelloFailuresPerDevice: 1000,
      syncHelloVerifyConcurrency: 1,
      syncHelloVerifyQueue: 200,
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => hello(sync, wrong(fx.station), '127.0.0.40')),
    );
    const codes = answers.map((a) => a.code);
    // Queued together, yet only the first five secrets were checked; the rest cost nothing.
    expect(codes.filter((c) => c === 'BO_UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'BO_RATE_LIMITED')).toHaveLength(95);
  }, 60_000);
});

describe('createHelloLimits', () => {
  const opts = {
    failuresPerAddress: 2,
    failuresPerDevice: 10,
    windowSeconds: 60,
    verifyConcurrency: 2,
    verifyQueue: 3,
  };

  it('counts failures over a window and says when to try again', () => {
    let t = 1_000_000;
    const limits = createHelloLimits({ ...opts, clock: () => t });
    limits.failed('d', 'a');
    expect(limits.retryAfter('d', 'a')).toBe(0);
    limits.failed('d', 'a');
    expect(limits.retryAfter('d', 'a')).toBe(60);
    expect(limits.retryAfter('other', 'b')).toBe(0);
    t += 59_500;
    expect(limits.retryAfter('d', 'a')).toBe(1);
    t += 500;
    expect(limits.retryAfter('d', 'a')).toBe(0);
  });

  it('runs at most verifyConcurrency checks, queues verifyQueue more and refuses the rest', async () => {
    const limits = createHelloLimits(opts);
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const check = async (): Promise<string> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((r) => gates.push(r));
      running -= 1;
      return 'ok';
    };
    const results = Array.from({ length: 6 }, () => limits.verify(check));
    expect(await results[5]).toBe('busy');
    while (gates.length > 0 || running > 0) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(most).toBe(2);
  });
});
