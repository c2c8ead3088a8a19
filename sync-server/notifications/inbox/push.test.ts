// Live push across two server processes on one PostgreSQL: a notification committed through one
// reaches the customer's socket on the other, and only theirs; sign-in by header or first message.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBookingHarness, type BookingHarness } from '../../../test/support/bookings.js';
import { openSocket, type TestSocket } from '../../../test/support/ws-client.js';
import { buildApp, type App } from '../../app.js';
import { loadServerConfig } from '../../config.js';
import { openSession, revokeSession } from '../../identity/sessions.js';
import { withTx } from '../../services/tx.js';
import { addNotification } from './store.js';

let h: BookingHarness;
let a: App;
let b: App;
const dave = randomUUID();
const erin = randomUUID();
const sockets: TestSocket[] = [];
const config = { heartbeatMs: 100, pushAuthTimeoutMs: 300, pushMaxSocketsPerCustomer: 2 };

const wsUrl = (app: App) => {
  const addr = app.server.address();
  return `ws://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}/api/v1/me/live`;
};

beforeAll(async () => {
  h = await startBookingHarness({
    config,
    setup: async (pool) => {
      for (const [id, name] of [
        [dave, 'dave'],
        [erin, 'erin'],
      ] as const)
        await pool.query(
          "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, $2, 'unusable', $3)",
          [id, `${name}@example.com`, name],
        );
    },
  });
  a = h.app;
  // A second server process: its own pool, LISTEN connection and hub, the same database.
  b = await buildApp(
    loadServerConfig(
      {},
      {
        databaseUrl: a.ctx.db.$client.options.connectionString ?? '',
        logLevel: 'silent',
        holdSweepMs: 3_600_000,
        ...config,
      },
    ),
  );
  await a.listen({ host: '127.0.0.1', port: 0 });
  await b.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await b.close();
  await a.close();
});

async function connect(app: App, headers: Record<string, string> = {}): Promise<TestSocket> {
  const s = await openSocket(wsUrl(app), { headers });
  sockets.push(s);
  return s;
}

/** A signed-in customer's socket on `app`, by header or by first message; resolves on `ready`. */
async function signedIn(app: App, customerId: string, how: 'header' | 'message') {
  const auth = await h.bearer({ customer: customerId });
  const s = how === 'header' ? await connect(app, { authorization: auth }) : await connect(app);
  if (how === 'message') s.send({ type: 'auth', token: auth.slice('Bearer '.length) });
  const ready = await s.next<{ unread: number }>((m) => m.type === 'ready');
  return { s, ready };
}

const notify = (app: App, customerId: string, title: string) =>
  addNotification(app.ctx.db.$client, {
    customerId,
    kind: 'show.cancelled',
    title,
    body: `${title}: your money goes back to your card`,
    bookingId: null,
  });

type Pushed = { notification: { id: string; title: string; body: string; readAt: null } };
const pushed = (title: string) => (m: Record<string, unknown>) =>
  m.type === 'notification' && (m as Pushed).notification.title === title;

describe('live push', () => {
  it('delivers a notification committed through another process to that customer only', async () => {
    await notify(a, dave, 'before');
    const { s: daveOnA, ready } = await signedIn(a, dave, 'header');
    expect(ready.unread).toBe(1);
    const { s: erinOnB } = await signedIn(b, erin, 'message');

    // Rolled back: never listed, never pushed.
    await expect(
      withTx(b.ctx.db.$client, async (tx) => {
        await addNotification(tx, {
          customerId: dave,
          kind: 'show.cancelled',
          title: 'rolled back',
          body: 'x',
          bookingId: null,
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    const n = await notify(b, dave, 'Show cancelled');
    const got = await daveOnA.next<Pushed>(pushed('Show cancelled'));
    expect(got.notification).toEqual({
      id: n.id,
      kind: 'show.cancelled',
      title: 'Show cancelled',
      body: 'Show cancelled: your money goes back to your card',
      bookingId: null,
      createdAt: n.createdAt.toISOString(),
      readAt: null,
    });

    // Erin's own arrives; Dave's went by before it in commit order, and never reached her.
    await notify(a, erin, 'for erin');
    await erinOnB.next(pushed('for erin'));
    await notify(b, dave, 'dave again');
    await daveOnA.next(pushed('dave again'));
    expect(erinOnB.messages.map((m) => m.type)).toEqual(['ready', 'notification']);
    expect(JSON.stringify(daveOnA.messages)).not.toContain('for erin');
    expect(JSON.stringify(daveOnA.messages)).not.toContain('rolled back');
  });

  it('pushes a notification too long for a NOTIFY payload by reading it back', async () => {
    const { s } = await signedIn(b, dave, 'message');
    const body = 'é'.repeat(6000);
    await addNotification(a.ctx.db.$client, {
      customerId: dave,
      kind: 'booking.refunded',
      title: 'long one',
      body,
      bookingId: null,
    });
    const got = await s.next<Pushed>(pushed('long one'));
    expect(got.notification.body).toBe(body);
  });

  it('closes a socket that does not sign in with 4401 and a reason', async () => {
    const silent = await connect(a);
    expect(await silent.closed).toMatchObject({ code: 4401 });
    expect(silent.messages).toEqual([
      expect.objectContaining({ type: 'error', code: 'BO_UNAUTHORIZED' }),
    ]);

    const chatty = await connect(b);
    chatty.send({ type: 'hello' });
    expect(await chatty.closed).toMatchObject({ code: 4401 });

    const forged = await connect(a);
    forged.send({ type: 'auth', token: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(await forged.closed).toMatchObject({ code: 4401 });
  });

  it('refuses a revoked sign-in and a staff member', async () => {
    const pool = a.ctx.db.$client;
    const session = await openSession(
      pool,
      { kind: 'customer', sub: dave },
      await a.ctx.identity.settings('customer'),
      new Date(),
    );
    await revokeSession(pool, session.sessionId, 'test', new Date());
    const revoked = await connect(b);
    revoked.send({ type: 'auth', token: session.accessToken });
    expect(await revoked.closed).toMatchObject({ code: 4401 });

    const staff = await connect(a, { authorization: await h.bearer('manager') });
    expect(await staff.closed).toMatchObject({ code: 4403 });
  });

  it('closes a socket whose sign-in ends, instead of pushing to it', async () => {
    const pool = a.ctx.db.$client;
    const session = await openSession(
      pool,
      { kind: 'customer', sub: dave },
      await a.ctx.identity.settings('customer'),
      new Date(),
    );
    const s = await connect(b);
    s.send({ type: 'auth', token: session.accessToken });
    await s.next((m) => m.type === 'ready');
    await revokeSession(pool, session.sessionId, 'signed out', new Date());
    await notify(a, dave, 'after sign-out');
    expect(await s.closed).toMatchObject({ code: 4401 });
    expect(JSON.stringify(s.messages)).not.toContain('after sign-out');
  });

  it('closes with 4401 when the access token expires', async () => {
    const session = await openSession(
      a.ctx.db.$client,
      { kind: 'customer', sub: erin },
      { key: await a.ctx.identity.key(), accessSeconds: 2, refreshSeconds: 60 },
      new Date(),
    );
    const s = await connect(a);
    s.send({ type: 'auth', token: session.accessToken });
    await s.next((m) => m.type === 'ready');
    expect(await s.closed).toMatchObject({ code: 4401 });
    expect(s.messages.at(-1)).toMatchObject({ type: 'error', code: 'BO_UNAUTHORIZED' });
  });

  it('listens again after its LISTEN connection is cut', async () => {
    const { s } = await signedIn(a, dave, 'header');
    const cut = await h.rows(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = 'LISTEN marquee_push' AND datname = current_database()",
    );
    expect(cut.length).toBeGreaterThanOrEqual(2);
    // Until it is back a notification is listed but not pushed: retry until one arrives.
    let n = 0;
    await expect
      .poll(
        async () => {
          await notify(b, dave, `after the cut ${String(++n)}`);
          return s.messages.some(
            (m) =>
              m.type === 'notification' && (m as Pushed).notification.title.startsWith('after'),
          );
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    // The socket was told it may have missed some, with its unread count, to read the list again.
    expect(s.messages.some((m) => m.type === 'resync' && typeof m.unread === 'number')).toBe(true);
  });

  it('cuts a peer that stops answering pings', async () => {
    const s = await openSocket(wsUrl(b), { autoPong: false });
    sockets.push(s);
    s.send({ type: 'auth', token: (await h.bearer({ customer: dave })).slice('Bearer '.length) });
    await s.next((m) => m.type === 'ready');
    // Terminated without a close frame (abnormal closure), by the heartbeat, not by the test.
    expect((await s.closed).code).toBe(1006);
  });

  it('caps the sockets of one customer on a process', async () => {
    const first = await signedIn(a, erin, 'header');
    const second = await signedIn(a, erin, 'message');
    const third = await connect(a, { authorization: await h.bearer({ customer: erin }) });
    expect(await third.closed).toMatchObject({ code: 4429 });
    first.s.close();
    await first.s.closed;
    // A closed one makes room again.
    await expect
      .poll(
        async () => {
          const again = await connect(a, { authorization: await h.bearer({ customer: erin }) });
          const m = await Promise.race([
            again.next((x) => x.type === 'ready').then(() => 'ready'),
            again.closed.then(() => 'closed'),
          ]);
          again.close();
          return m;
        },
        { timeout: 5000 },
      )
      .toBe('ready');
    second.s.close();
  });
});
