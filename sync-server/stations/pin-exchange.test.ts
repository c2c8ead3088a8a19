// PIN exchange at a station on a real server and PostgreSQL: who gets a token, lockouts per staff
// member with growing delays, and a manager's unlock.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../db/secret-hash.js';
import { FIXTURE_PINS } from '../../test/support/show-fixture.js';
import { verifyAccessToken } from '../identity/tokens.js';
import { stationKit, type StationKit } from './test-kit.js';

let k: StationKit;
let adminId: string;
const ADMIN_PIN = '246810';

beforeAll(async () => {
  k = await stationKit();
  // A chain admin works at no cinema in particular; replicas never hold their PIN hash.
  adminId = randomUUID();
  await k.app.ctx.db.$client.query(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, NULL, 'Ada Admin', 'admin', $3)",
    [adminId, k.fx.chainId, hashSecret(ADMIN_PIN)],
  );
});
afterEach(() => {
  k.clock.offsetMs = 0;
});
afterAll(async () => {
  await k.app.close();
});

const tryPin = (staffId: string, pin: string, station = k.fx.station) =>
  k.call('POST', '/auth/staff/pin', station, { staffId, pin });
const managerToken = () => k.pinToken(k.fx.station, k.fx.staff.manager, FIXTURE_PINS.manager);

describe('staff PIN exchange', () => {
  it('gives a short-lived token with the staff member’s role, cinemas and station', async () => {
    const res = await tryPin(k.fx.staff.manager, FIXTURE_PINS.manager);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      staff: { id: string; role: string; cinemaIds: string[] };
      tokens: { accessToken: string; expiresIn: number };
    }>();
    expect(body.staff).toMatchObject({
      id: k.fx.staff.manager,
      role: 'manager',
      cinemaIds: [k.fx.cinemaId],
    });
    expect(body.tokens.expiresIn).toBe(k.app.ctx.config.staffTokenSeconds);
    const claims = await verifyAccessToken(
      await k.app.ctx.identity.key(),
      body.tokens.accessToken,
      new Date(),
    );
    expect(claims).toMatchObject({
      kind: 'staff',
      sub: k.fx.staff.manager,
      role: 'manager',
      cinemas: [k.fx.cinemaId],
      station: k.fx.station.id,
    });
    expect(body).not.toHaveProperty('tokens.sessionId');
  });

  it('checks a chain admin’s PIN on the server, at any station of the chain', async () => {
    const res = await tryPin(adminId, ADMIN_PIN, k.fx.otherStation);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ staff: { role: 'admin', cinemaIds: [] } });
  });

  it('refuses staff of another cinema, unknown staff and wrong PINs', async () => {
    const elsewhere = await tryPin(k.other.staff.manager, FIXTURE_PINS.manager);
    const wrong = await tryPin(k.fx.staff.cashier2, '9999');
    const unknown = await tryPin(randomUUID(), FIXTURE_PINS.cashier2);
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.json()).toEqual(wrong.json());
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    // Only a station may exchange PINs.
    const asStaff = await k.call('POST', '/auth/staff/pin', await managerToken(), {
      staffId: k.fx.staff.cashier2,
      pin: FIXTURE_PINS.cashier2,
    });
    expect(asStaff.statusCode).toBe(403);
    const anonymous = await k.call('POST', '/auth/staff/pin', undefined, {
      staffId: k.fx.staff.cashier2,
      pin: FIXTURE_PINS.cashier2,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await tryPin(k.fx.staff.cashier2, '12')).json()).toMatchObject({
      error: { code: 'BO_VALIDATION' },
    });
  });

  it('locks only the staff member with wrong PINs, longer each time, until a manager unlocks', async () => {
    const who = k.fx.staff.cashier;
    for (let i = 0; i < 5; i++) expect((await tryPin(who, '0000')).statusCode).toBe(401);
    const locked = await tryPin(who, FIXTURE_PINS.cashier);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('30');
    expect(locked.json()).toMatchObject({ error: { code: 'BO_RATE_LIMITED' } });
    // Someone else at the same station is not affected.
    expect((await tryPin(k.fx.staff.cashier2, FIXTURE_PINS.cashier2)).statusCode).toBe(200);

    k.clock.offsetMs = 31_000;
    expect((await tryPin(who, '0000')).statusCode).toBe(401);
    const longer = await tryPin(who, FIXTURE_PINS.cashier);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('60');

    const unlock = await k.call('POST', `/admin/staff/${who}/unlock`, await managerToken());
    expect(unlock.statusCode).toBe(204);
    expect((await tryPin(who, FIXTURE_PINS.cashier)).statusCode).toBe(200);
    const audit = await k.app.ctx.db.$client.query<{ actor_id: string; details: unknown }>(
      "SELECT actor_id, details FROM audit_log WHERE action = 'staff.pin-unlock' AND entity_id = $1",
      [who],
    );
    expect(audit.rows).toEqual([{ actor_id: k.fx.staff.manager, details: { failures: 6 } }]);
  });

  it('a right PIN resets the count of wrong ones', async () => {
    const who = k.fx.staff.cashier2;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await tryPin(who, '0000')).statusCode).toBe(401);
      expect((await tryPin(who, FIXTURE_PINS.cashier2)).statusCode).toBe(200);
    }
  });

  it('only a manager who shares a cinema with them (or an admin) unlocks a staff member', async () => {
    const path = `/admin/staff/${k.fx.staff.cashier}/unlock`;
    const cashier = await k.pinToken(k.fx.station, k.fx.staff.cashier2, FIXTURE_PINS.cashier2);
    const stranger = await k.pinToken(k.other.station, k.other.staff.manager, FIXTURE_PINS.manager);
    const admin = await k.pinToken(k.fx.station, adminId, ADMIN_PIN);
    expect((await k.call('POST', path, cashier)).statusCode).toBe(403);
    expect((await k.call('POST', path, stranger)).statusCode).toBe(403);
    expect((await k.call('POST', path, k.fx.station)).statusCode).toBe(403);
    expect((await k.call('POST', path, admin)).statusCode).toBe(204);
    const nobody = await k.call('POST', `/admin/staff/${randomUUID()}/unlock`, admin);
    expect(nobody.statusCode).toBe(404);
  });
});
