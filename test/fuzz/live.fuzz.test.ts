// Fuzz of the live WebSockets for customers (issue 19): the public seat map /api/v1/live?showId=…
// and the notification push socket /api/v1/me/live, with random query strings, upgrade headers
// (none, a customer's or a manager's Bearer token, junk) and histories of frames: the push socket's
// one client message (pushClientMsg, with a real token now and then), the seat map's own messages
// sent back, and junk (non-JSON, binary, deep nesting, invalid UTF-8, oversize). A refused upgrade
// is a 4xx; every message is one of the socket's kinds, every error a BO_ code (never BO_INTERNAL,
// never the BO_UNAVAILABLE of a thrown error), every close a documented code. Afterwards both
// sockets still serve and no live socket is left counted. FUZZ_SEED (and FUZZ_PATH) replay a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushClientMsg } from '../../common/api/notifications.js';
import { liveMsg } from '../../common/sync-protocol.js';
import type { App } from '../../sync-server/app.js';
import {
  LIVE_CLOSE_FULL,
  LIVE_CLOSE_TOO_MANY,
  LIVE_CLOSE_UNKNOWN_SHOW,
  SLOW_READER_CLOSE,
} from '../../sync-server/feed/live-guard.js';
import {
  PUSH_CLOSE_FORBIDDEN,
  PUSH_CLOSE_UNAUTHORIZED,
} from '../../sync-server/notifications/inbox/live-socket.js';
import { WS_CLOSE } from '../../sync-server/sync/close-codes.js';
import type { ShowFixture } from '../support/show-fixture.js';
import { startSyncServer } from '../support/sync-server.js';
import { until } from '../support/until.js';
import { openSocket, type TestSocket } from '../support/ws-client.js';
import { accessToken, insertCustomer } from './callers.js';
import { anyInput, fuzzParams, invalid, jsonSchemaOf, validish } from './arbitrary.js';
import { badCode, junkFrame, sendFrame, type Frame } from './ws-frames.js';

type Caller = 'anonymous' | 'customer' | 'manager' | 'junk';

/** The close a test socket sends when its history is done; the server's echo says it came last. */
const DONE = 4000;
const ALLOWED_CLOSE = new Set<number>([
  DONE,
  LIVE_CLOSE_FULL,
  LIVE_CLOSE_TOO_MANY,
  LIVE_CLOSE_UNKNOWN_SHOW,
  SLOW_READER_CLOSE,
  PUSH_CLOSE_FORBIDDEN,
  PUSH_CLOSE_UNAUTHORIZED,
  ...Object.values(WS_CLOSE),
]);
const PUSH_TYPES = ['ready', 'notification', 'resync', 'error'];

let app: App;
let base: string;
let fx: ShowFixture;
let customerId = '';
const tally = new Map<string, number>();

beforeAll(async () => {
  ({ app, base, fx } = await startSyncServer(
    // A socket that never signs in is closed soon, so such histories end without a long wait.
    { pushAuthTimeoutMs: 300, pushMaxSocketsPerCustomer: 1_000 },
    { rows: 3, perRow: 6 },
  ));
  customerId = await insertCustomer(app.ctx.db.$client);
}, 60_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS !== undefined)
    console.log(
      [...tally]
        .sort()
        .map(([k, n]) => `${k}: ${String(n)}`)
        .join('\n'),
    );
  await app.close();
});

/** A fresh access token: a customer's or the fixture manager's. */
const token = (kind: 'customer' | 'manager'): Promise<string> =>
  accessToken(app, kind === 'customer' ? { kind, customerId } : { kind, fx });

const JUNK_AUTH = [
  'Bearer x.y.z',
  'Basic dXNlcjpwYXNz',
  'Bearer ',
  'Station a:b',
  'x'.repeat(8000),
];

async function authHeader(caller: Caller, junk: number): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  if (caller === 'junk') return { authorization: JUNK_AUTH[junk % JUNK_AUTH.length] ?? '' };
  return { authorization: `Bearer ${await token(caller)}` };
}

/** A frame that may carry a real token: `{type:'auth', token:'<real>'}` is filled in when sent. */
type LiveFrame = Frame | { kind: 'auth'; as: 'customer' | 'manager' };

const liveFrame = (): fc.Arbitrary<LiveFrame> =>
  fc.oneof(
    anyInput(jsonSchemaOf(pushClientMsg)).map((value): LiveFrame => ({ kind: 'json', value })),
    fc.constantFrom<LiveFrame>({ kind: 'auth', as: 'customer' }, { kind: 'auth', as: 'manager' }),
    anyInput(jsonSchemaOf(liveMsg), { ids: [fx.showId] }).map((value): LiveFrame => ({
      kind: 'json',
      value,
    })),
    junkFrame(),
  );

/** A showId query: the fixture's show, another uuid, or junk. */
const showQuery = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(`showId=${fx.showId}`) },
    {
      weight: 1,
      arbitrary: validish({ type: 'string', format: 'uuid' }).map((v) => `showId=${String(v)}`),
    },
    {
      weight: 1,
      arbitrary: invalid({ type: 'string', format: 'uuid' }).map(
        (v) => `showId=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`,
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('', 'showId=', 'showId=a&showId=b', 'x=1') },
  );

/** Opens `url`, or gives the status of a refused upgrade (ws only says it in its error). */
async function open(url: string, headers: Record<string, string>): Promise<TestSocket | number> {
  try {
    return await openSocket(url, { headers });
  } catch (e) {
    const status = /Unexpected server response: (\d+)/.exec(String(e))?.[1];
    if (status === undefined) throw e;
    return Number(status);
  }
}

/** Runs one history on one socket and checks every answer and the close. */
async function runHistory(
  where: 'live' | 'push',
  url: string,
  caller: Caller,
  junk: number,
  frames: LiveFrame[],
): Promise<void> {
  const s = await open(url, await authHeader(caller, junk));
  if (typeof s === 'number') {
    tally.set(
      `${where} ${caller} upgrade ${String(s)}`,
      (tally.get(`${where} ${caller} upgrade ${String(s)}`) ?? 0) + 1,
    );
    expect(s, `${url} as ${caller}: upgrade refused`).toBeGreaterThanOrEqual(400);
    expect(s, `${url} as ${caller}: upgrade refused`).toBeLessThan(500);
    return;
  }
  for (const f of frames) {
    if (f.kind === 'auth')
      sendFrame(s.ws, { kind: 'json', value: { type: 'auth', token: await token(f.as) } });
    else sendFrame(s.ws, f);
  }
  // The closing handshake comes after every answer to the frames before it.
  if (s.ws.readyState === s.ws.OPEN) s.ws.close(DONE);
  const end = await Promise.race([
    s.closed,
    new Promise<never>((_r, reject) =>
      setTimeout(() => reject(new Error('no close within 10 s')), 10_000).unref(),
    ),
  ]);
  for (const m of s.messages) {
    const what = `${where} as ${caller}: ${JSON.stringify(m).slice(0, 300)}`;
    if (where === 'live') expect(liveMsg.safeParse(m).success, what).toBe(true);
    else expect(PUSH_TYPES, what).toContain(m.type);
    expect(badCode(m), what).toBeNull();
    expect(m.code, what).not.toBe('BO_UNAVAILABLE');
    const key = `${where} ${caller} ${String(m.type)} ${typeof m.code === 'string' ? m.code : ''}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  expect(
    ALLOWED_CLOSE.has(end.code),
    `${where} as ${caller}: closed ${String(end.code)} ${end.reason}`,
  ).toBe(true);
  tally.set(
    `${where} ${caller} close ${String(end.code)}`,
    (tally.get(`${where} ${caller} close ${String(end.code)}`) ?? 0) + 1,
  );
}

const callerArb = fc.constantFrom<Caller>('anonymous', 'customer', 'manager', 'junk');
const history = () => fc.array(liveFrame(), { maxLength: 6 });

describe('live sockets fuzz', () => {
  it('/api/v1/live: random shows, callers and frames', async () => {
    await fc.assert(
      fc.asyncProperty(
        showQuery(),
        callerArb,
        fc.nat(),
        history(),
        async (q, caller, junk, frames) => {
          await runHistory('live', `${base}/api/v1/live?${q}`, caller, junk, frames);
        },
      ),
      fuzzParams(40),
    );
  }, 120_000);

  it('/api/v1/me/live: random callers and frames', async () => {
    await fc.assert(
      fc.asyncProperty(callerArb, fc.nat(), history(), async (caller, junk, frames) => {
        await runHistory('push', `${base}/api/v1/me/live`, caller, junk, frames);
      }),
      fuzzParams(40),
    );
  }, 120_000);

  it('afterwards: a seat map gets its snapshot, a customer gets ready, no socket is left counted', async () => {
    const seatMap = await openSocket(`${base}/api/v1/live?showId=${fx.showId}`);
    const snap = await seatMap.next<{ seats: unknown[] }>((m) => m.type === 'snapshot', 10_000);
    expect(snap.seats).toHaveLength(18);
    seatMap.close();
    const push = await openSocket(`${base}/api/v1/me/live`, {
      headers: { authorization: `Bearer ${await token('customer')}` },
    });
    await push.next((m) => m.type === 'ready', 10_000);
    push.close();
    await Promise.all([seatMap.closed, push.closed]);
    await until(() => app.ctx.live.connections() === 0, 10_000, 'live sockets counted out');
  }, 30_000);
});
