// Sign-up, sign-in, rotating refresh with reuse detection, logout, profile, and every bad token.
import { base64url, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

type Tokens = { accessToken: string; refreshToken: string; expiresIn: number };
type SignedIn = { customer: { id: string; email: string }; tokens: Tokens };

let app: App;
let fx: ShowFixture;
let clock = new Date('2026-06-01T10:00:00Z');
beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 2, perRow: 4 });
  await db.$client.end();
  // Rate limits are tested on their own app below; this one must not trip them.
  app = await buildApp(
    loadServerConfig(
      {},
      {
        databaseUrl: url,
        logLevel: 'silent',
        signInPerIpPerMinute: 10_000,
        signInPerAccountPer15Minutes: 10_000,
      },
    ),
    { now: () => clock },
  );
});
afterAll(async () => {
  await app.close();
});

let n = 0;
const freshEmail = () => `Person.${String((n += 1))}@Example.com`;
const PASSWORD = 'plum orchard lantern 7';
const post = (url: string, payload: object, token?: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const me = (token: string) =>
  app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
async function signUp(email = freshEmail()): Promise<SignedIn> {
  const res = await post('/auth/signup', { email, password: PASSWORD, name: 'Asha Rao' });
  expect(res.statusCode).toBe(201);
  return res.json<SignedIn>();
}

describe('customer accounts', () => {
  it('signs up, reads and edits the profile, signs in again with any email case', async () => {
    const email = freshEmail();
    const { customer, tokens } = await signUp(email);
    expect(customer.email).toBe(email.toLowerCase());
    expect(tokens.expiresIn).toBe(3600);
    expect((await me(tokens.accessToken)).json()).toMatchObject({
      name: 'Asha Rao',
      language: 'en',
    });
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      payload: { phone: '+44 20 7946 0000', language: 'en-GB', homeCityId: fx.cityId },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ phone: '+44 20 7946 0000', homeCityId: fx.cityId });
    const again = await post('/auth/login', { email: email.toUpperCase(), password: PASSWORD });
    expect(again.statusCode).toBe(200);
    expect(again.json<SignedIn>().customer.id).toBe(customer.id);
  });

  it('refuses weak passwords with the rule, a taken email, and bad profile input', async () => {
    for (const password of ['short', 'Password123!', 'aaaaaaaaaaaa', '1234567890', 'qwertyuiop']) {
      const res = await post('/auth/signup', { email: freshEmail(), password, name: 'Ben' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'BO_WEAK_PASSWORD' } });
    }
    const email = freshEmail();
    await signUp(email);
    const taken = await post('/auth/signup', { email, password: PASSWORD, name: 'Other' });
    expect(taken.json()).toMatchObject({ error: { code: 'BO_CONFLICT' } });
    const { tokens } = await signUp();
    for (const payload of [
      {},
      { email: 'x@y.z' },
      { homeCityId: fx.cinemaId },
      { phone: 'call me' },
    ]) {
      const res = await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${tokens.accessToken}` },
        payload,
      });
      expect(res.statusCode).toBe(400);
    }
  });

  it('says the same for an unknown email and a wrong password', async () => {
    const email = freshEmail();
    await signUp(email);
    const wrong = await post('/auth/login', { email, password: 'not the password 1' });
    const unknown = await post('/auth/login', { email: freshEmail(), password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('changes the password and ends the other sign-ins', async () => {
    const email = freshEmail();
    const first = await signUp(email);
    const second = (await post('/auth/login', { email, password: PASSWORD })).json<SignedIn>();
    const next = 'violet harbour kettle 42';
    const bad = await post(
      '/me/password',
      { currentPassword: 'nope nope nope', newPassword: next },
      first.tokens.accessToken,
    );
    expect(bad.statusCode).toBe(401);
    const ok = await post(
      '/me/password',
      { currentPassword: PASSWORD, newPassword: next },
      first.tokens.accessToken,
    );
    expect(ok.statusCode).toBe(204);
    expect((await me(first.tokens.accessToken)).statusCode).toBe(200);
    expect((await me(second.tokens.accessToken)).statusCode).toBe(401);
    expect((await post('/auth/login', { email, password: next })).statusCode).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use; a reused one revokes the whole family', async () => {
    const { tokens } = await signUp();
    const r1 = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(r1.statusCode).toBe(200);
    const t1 = r1.json<Tokens>();
    expect(t1.refreshToken).not.toBe(tokens.refreshToken);
    const r2 = await post('/auth/refresh', { refreshToken: t1.refreshToken });
    const t2 = r2.json<Tokens>();
    expect(r2.statusCode).toBe(200);
    // Someone replays the first token: refused, and every token of the sign-in stops working.
    const replay = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: { code: 'BO_UNAUTHORIZED' } });
    expect((await post('/auth/refresh', { refreshToken: t2.refreshToken })).statusCode).toBe(401);
    expect((await me(t2.accessToken)).statusCode).toBe(401);
  });

  it('expire after 7 days; access tokens after an hour', async () => {
    const start = clock;
    try {
      const { tokens } = await signUp();
      clock = new Date(start.getTime() + 3601_000);
      expect((await me(tokens.accessToken)).statusCode).toBe(401);
      const fresh = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(fresh.statusCode).toBe(200);
      clock = new Date(clock.getTime() + 7 * 86_400_000 + 1000);
      expect(
        (await post('/auth/refresh', { refreshToken: fresh.json<Tokens>().refreshToken }))
          .statusCode,
      ).toBe(401);
    } finally {
      clock = start;
    }
  });

  it('logout ends the sign-in: its access and refresh tokens', async () => {
    const { tokens } = await signUp();
    expect((await post('/auth/logout', {}, tokens.accessToken)).statusCode).toBe(204);
    expect((await me(tokens.accessToken)).statusCode).toBe(401);
    expect((await post('/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode).toBe(
      401,
    );
  });
});

describe('bad tokens', () => {
  it('tampered, alg none, wrong key, wrong issuer and garbage tokens are 401 BO_UNAUTHORIZED', async () => {
    const { tokens } = await signUp();
    const [h, p, s] = tokens.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<
      string,
      unknown
    >;
    const forged = base64url.encode(
      JSON.stringify({
        ...claims,
        sub: fx.staff.manager,
        kind: 'staff',
        role: 'admin',
        cinemas: [],
        station: null,
      }),
    );
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32).fill(7));
    const bad = [
      `${h}.${forged}.${s}`,
      none,
      otherKey,
      `${h}.${p}.${s.slice(0, -2)}xx`,
      'not-a-jwt',
      '',
    ];
    for (const token of bad) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, token).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'BO_UNAUTHORIZED' } });
    }
    const basic = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Basic eDp5' },
    });
    expect(basic.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});

describe('rate limits', () => {
  it('answer 429 BO_RATE_LIMITED with Retry-After, per account and per address', async () => {
    const { url, db } = await freshPg();
    await db.$client.end();
    const limited = await buildApp(
      loadServerConfig(
        {},
        {
          databaseUrl: url,
          logLevel: 'silent',
          signInPerIpPerMinute: 6,
          signInPerAccountPer15Minutes: 3,
        },
      ),
    );
    try {
      const login = (email: string, ip = '10.0.0.1') =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: 'whatever it is 1' },
          remoteAddress: ip,
        });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await login('target@example.com')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      // The same account from another address is still limited; another account is not.
      const other = await login('target@example.com', '10.0.0.2');
      expect(other.statusCode).toBe(429);
      expect(Number(other.headers['retry-after'])).toBeGreaterThan(0);
      expect(other.json()).toMatchObject({ error: { code: 'BO_RATE_LIMITED' } });
      expect((await login('someone@example.com')).statusCode).toBe(401);
      // Six attempts a minute from one address, whichever accounts they name.
      expect((await login('third@example.com')).statusCode).toBe(401);
      expect((await login('fourth@example.com')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
