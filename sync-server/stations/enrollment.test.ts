// Station enrollment end to end on a real server and PostgreSQL: code → credential → /sync, single
// use, expiry, revocation across server processes, and who may manage stations.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLMENT_CODE } from '../../common/api/stations.js';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { FIXTURE_PINS } from '../../test/support/show-fixture.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';
import { portOf, stationKit, type Credential, type StationKit } from './test-kit.js';

let k: StationKit;
let second: App;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  k = await stationKit({ listen: true });
  // A second server process on the same database: it learns of revocations from the change log.
  second = await buildApp(
    loadServerConfig({}, { databaseUrl: k.url, logLevel: 'silent', changeLogPollMs: 50 }),
  );
  await second.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(() => {
  k.clock.offsetMs = 0;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await second.close();
  await k.app.close();
});

type CodeView = { station: { id: string; status: string }; code: string; expiresAt: string };

const managerToken = () => k.pinToken(k.fx.station, k.fx.staff.manager, FIXTURE_PINS.manager);

async function newCode(name = 'Kiosk 1', token?: string): Promise<CodeView> {
  const res = await k.call(
    'POST',
    `/admin/cinemas/${k.fx.cinemaId}/stations`,
    token ?? (await managerToken()),
    { name, kind: 'kiosk' },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CodeView>();
}

async function enroll(code: string): Promise<Credential> {
  const res = await k.call('POST', '/stations/enroll', undefined, { code });
  expect(res.statusCode, res.body).toBe(200);
  const c = res.json<{ stationId: string; secret: string }>();
  return { id: c.stationId, secret: c.secret };
}

async function hello(app: App, who: Credential): Promise<TestSocket> {
  const s = await openSocket(`ws://127.0.0.1:${String(portOf(app))}/sync`);
  sockets.push(s);
  s.send({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    device: who.id,
    secret: who.secret,
    cursor: 0,
  });
  return s;
}

async function expectRefused(s: TestSocket, text: RegExp): Promise<void> {
  const e = await s.next<{ code: string; message: string }>((m) => m.type === 'error');
  expect(e.code).toBe('BO_UNAUTHORIZED');
  expect(e.message).toMatch(text);
  expect((await s.closed).code).toBe(4401);
}

const stationsOf = async (token: string) =>
  (await k.call('GET', `/admin/cinemas/${k.fx.cinemaId}/stations`, token)).json<
    { id: string; status: string }[]
  >();

describe('station enrollment', () => {
  it('a manager creates a station; its code enrolls it once; the station then syncs', async () => {
    const token = await managerToken();
    const made = await newCode('Counter 9', token);
    expect(made.code).toMatch(ENROLLMENT_CODE);
    expect(made.station.status).toBe('waiting');
    expect(new Date(made.expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect((await stationsOf(token)).find((s) => s.id === made.station.id)?.status).toBe('waiting');

    // Not enrolled yet: the station cannot connect with any secret.
    await expectRefused(
      await hello(k.app, { id: made.station.id, secret: 'a-guess-that-is-long-enough' }),
      /Enroll/,
    );

    // Typed in lower case without dashes, as people do.
    const cred = await enroll(made.code.toLowerCase().replaceAll('-', ''));
    expect(cred.id).toBe(made.station.id);
    expect(cred.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stationsOf(token)).find((s) => s.id === cred.id)?.status).toBe('enrolled');

    const s = await hello(k.app, cred);
    await s.next((m) => m.type === 'welcome' && m.stationId === cred.id);
    await s.next((m) => m.type === 'snapshot-end');

    const again = await k.call('POST', '/stations/enroll', undefined, { code: made.code });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: 'BO_ENROLLMENT_CODE_INVALID' } });

    const audit = await k.app.ctx.db.$client.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_log WHERE entity = 'station' AND entity_id = $1 ORDER BY id",
      [cred.id],
    );
    expect(audit.rows).toEqual([
      { action: 'station.create', actor_id: k.fx.staff.manager },
      { action: 'station.enroll', actor_id: cred.id },
    ]);
  });

  it('refuses expired, unknown and reused codes with one answer; of two racing uses one wins', async () => {
    const expired = await newCode();
    const unknown = await k.call('POST', '/stations/enroll', undefined, { code: '0000-0000-0000' });
    k.clock.offsetMs = 25 * 3_600_000;
    const late = await k.call('POST', '/stations/enroll', undefined, { code: expired.code });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toEqual(unknown.json());
    k.clock.offsetMs = 0;

    const raced = await newCode();
    const both = await Promise.all(
      [1, 2].map(() => k.call('POST', '/stations/enroll', undefined, { code: raced.code })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  it('a fresh code replaces the earlier unused one', async () => {
    const first = await newCode();
    const token = await managerToken();
    const fresh = await k.call(
      'POST',
      `/admin/stations/${first.station.id}/enrollment-code`,
      token,
    );
    expect(fresh.statusCode).toBe(201);
    const old = await k.call('POST', '/stations/enroll', undefined, { code: first.code });
    expect(old.statusCode).toBe(400);
    expect((await enroll(fresh.json<CodeView>().code)).id).toBe(first.station.id);
  });

  it('revoking closes the station’s socket on every server, refuses its hello and ends its staff tokens', async () => {
    const cred = await enroll((await newCode()).code);
    const live = await hello(second, cred);
    await live.next((m) => m.type === 'snapshot-end');
    const atStation = await k.pinToken(cred, k.fx.staff.manager, FIXTURE_PINS.manager);
    expect(
      (await k.call('GET', `/admin/cinemas/${k.fx.cinemaId}/stations`, atStation)).statusCode,
    ).toBe(200);

    const res = await k.call('DELETE', `/admin/stations/${cred.id}`, await managerToken());
    expect(res.statusCode).toBe(204);

    await expectRefused(live, /revoked/);
    await expectRefused(await hello(k.app, cred), /Enroll/);
    const after = await k.call('GET', `/admin/cinemas/${k.fx.cinemaId}/stations`, atStation);
    expect(after.statusCode).toBe(401);
    const pin = await k.call('POST', '/auth/staff/pin', cred, {
      staffId: k.fx.staff.manager,
      pin: FIXTURE_PINS.manager,
    });
    expect(pin.statusCode).toBe(401);
    const token = await managerToken();
    expect((await stationsOf(token)).find((s) => s.id === cred.id)?.status).toBe('revoked');
    const reasons = await k.app.ctx.db.$client.query<{ revoked_reason: string }>(
      'SELECT revoked_reason FROM auth_sessions WHERE station_id = $1',
      [cred.id],
    );
    expect(reasons.rows).toEqual([{ revoked_reason: 'station-revoked' }]);

    // Enrolled again (new hardware): a new secret works, the old one does not.
    const code = await k.call('POST', `/admin/stations/${cred.id}/enrollment-code`, token);
    const renewed = await enroll(code.json<CodeView>().code);
    expect(renewed.id).toBe(cred.id);
    expect(renewed.secret).not.toBe(cred.secret);
    const back = await hello(k.app, renewed);
    await back.next((m) => m.type === 'welcome');
    await expectRefused(await hello(k.app, cred), /Enroll/);
    expect((await k.call('DELETE', `/admin/stations/${cred.id}`, token)).statusCode).toBe(204);
    await expectRefused(back, /revoked/);
  });

  it('only managers of the station’s cinema (or admins) manage its stations', async () => {
    const cashier = await k.pinToken(k.fx.station, k.fx.staff.cashier, FIXTURE_PINS.cashier);
    const stranger = await k.pinToken(k.other.station, k.other.staff.manager, FIXTURE_PINS.manager);
    const create = `/admin/cinemas/${k.fx.cinemaId}/stations`;
    const body = { name: 'Sneaky', kind: 'counter' };
    expect((await k.call('POST', create, cashier, body)).statusCode).toBe(403);
    expect((await k.call('POST', create, stranger, body)).statusCode).toBe(403);
    expect((await k.call('POST', create, undefined, body)).statusCode).toBe(401);
    expect((await k.call('POST', create, k.fx.station, body)).statusCode).toBe(403);
    expect((await k.call('GET', create, stranger)).statusCode).toBe(403);
    expect(
      (await k.call('DELETE', `/admin/stations/${k.fx.station.id}`, stranger)).statusCode,
    ).toBe(403);
    expect(
      (await k.call('POST', `/admin/stations/${k.fx.station.id}/enrollment-code`, stranger))
        .statusCode,
    ).toBe(403);
    const n = await k.app.ctx.db.$client.query("SELECT 1 FROM stations WHERE name = 'Sneaky'");
    expect(n.rowCount).toBe(0);
  });

  it('bad input is refused with a stable code and changes nothing', async () => {
    const token = await managerToken();
    const before = (await stationsOf(token)).length;
    const bad = await k.call('POST', `/admin/cinemas/${k.fx.cinemaId}/stations`, token, {
      name: ' ',
      kind: 'toaster',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'BO_VALIDATION' } });
    expect((await stationsOf(token)).length).toBe(before);
    const code = await k.call('POST', '/stations/enroll', undefined, { code: 'ILOU-0000-0000' });
    expect(code.json()).toMatchObject({ error: { code: 'BO_VALIDATION' } });
    const gone = await k.call(
      'DELETE',
      '/admin/stations/00000000-0000-4000-8000-000000000000',
      token,
    );
    expect(gone.statusCode).toBe(404);
  });
});
