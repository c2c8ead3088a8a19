// Issue acceptance for sign-in at a station: the person first, then the PIN; wrong PINs lock only
// that person out, with growing waits on the station's clock, and a manager unlocks. Real server,
// PostgreSQL and SQLite; the clock is injected so nothing depends on the hour or machine speed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInPerson } from '../../common/contract/station.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../test/support/show-fixture.js';
import {
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';
import { FREE_FAILURES, lockoutMs, LOCK_STEPS_MS } from './pin-lockouts.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let st: TestStation;
let clock = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 2, perRow: 4, startsInMinutes: 180 });
  st = await startTestStation(server.url, fx.station, { now: () => clock });
  await until(
    () => st.station.db.$client.prepare('SELECT 1 FROM staff').get() !== undefined,
    10_000,
    'staff list',
  );
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e as { code: string }).code,
  );
const signIn = (who: keyof typeof fx.staff, pin: string = FIXTURE_PINS[who]) =>
  st.call('auth:signIn', { staffId: fx.staff[who], pin });
const person = async (who: keyof typeof fx.staff) =>
  (await st.call<SignInPerson[]>('auth:people')).find((p) => p.id === fx.staff[who]);

describe('lockout schedule', () => {
  it('is free for the first wrong PINs, then grows step by step to a cap', () => {
    expect(lockoutMs(FREE_FAILURES)).toBe(0);
    expect(lockoutMs(FREE_FAILURES + 1)).toBe(30_000);
    expect(lockoutMs(FREE_FAILURES + 2)).toBe(60_000);
    expect(lockoutMs(FREE_FAILURES + 100)).toBe(LOCK_STEPS_MS.at(-1));
  });
});

describe('sign-in at a station', () => {
  it('lists this cinema’s people by name and role, without hashes', async () => {
    const people = await st.call<SignInPerson[]>('auth:people');
    expect(people.map((p) => p.name)).toEqual(['Casey Cashier', 'Morgan Manager', 'Robin Cashier']);
    expect(people[1]).toEqual({
      id: fx.staff.manager,
      name: 'Morgan Manager',
      role: 'manager',
      lockedUntil: null,
      lockedSeconds: 0,
    });
    expect(JSON.stringify(people)).not.toMatch(/\$/);
  });

  it('answers alike for an unknown person and a wrong PIN', async () => {
    const unknown = st.call('auth:signIn', { staffId: fx.chainId, pin: '4826' });
    await expect(unknown).rejects.toThrow(/BO_UNAUTHORIZED: That PIN does not match/);
    await expect(signIn('cashier2', '4826')).rejects.toThrow(
      /BO_UNAUTHORIZED: That PIN does not match/,
    );
    // A right PIN forgets the wrong one.
    await signIn('cashier2');
    expect(
      st.station.db.$client.prepare('SELECT count(*) AS n FROM station_pin_lockouts').get(),
    ).toEqual({
      n: 0,
    });
  });

  it('30 wrong PINs lock that cashier only; another signs in; a manager unlocks', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) codes.push(await codeOf(signIn('cashier', '9517')));
    expect(codes.slice(0, FREE_FAILURES)).toEqual(Array(FREE_FAILURES).fill('BO_UNAUTHORIZED'));
    expect(new Set(codes.slice(FREE_FAILURES))).toEqual(new Set(['BO_RATE_LIMITED']));
    // Locked means no PIN is tried, not even the right one; the wait is in seconds.
    await expect(signIn('cashier')).rejects.toThrow(/BO_RATE_LIMITED: .*Wait 30 seconds/);
    expect(await person('cashier')).toMatchObject({
      lockedSeconds: 30,
      lockedUntil: new Date(clock + 30_000).toISOString(),
    });

    expect(await signIn('cashier2')).toMatchObject({ name: 'Robin Cashier' });
    expect(await person('cashier2')).toMatchObject({ lockedUntil: null });

    // A cashier cannot unlock, and a wrong manager PIN does not either.
    const unlock = (managerId: string, managerPin: string) =>
      st.call('auth:unlock', { staffId: fx.staff.cashier, managerId, managerPin });
    expect(await codeOf(unlock(fx.staff.cashier2, '397100'))).toBe('BO_UNAUTHORIZED');
    expect(await codeOf(unlock(fx.staff.manager, '135792'))).toBe('BO_UNAUTHORIZED');
    const people = await unlock(fx.staff.manager, FIXTURE_PINS.manager);
    expect((people as SignInPerson[]).every((p) => p.lockedUntil === null)).toBe(true);
    expect(await signIn('cashier')).toMatchObject({ name: 'Casey Cashier' });
  });

  it('waits longer after each wrong PIN past the free ones, on the station’s clock', async () => {
    await signIn('cashier2'); // the cashier's failed unlock above counted against them
    for (let i = 0; i < FREE_FAILURES; i++) await codeOf(signIn('cashier2', '9517'));
    await expect(signIn('cashier2', '9517')).rejects.toThrow(/locked out for 30 seconds/);
    clock += 29_000;
    expect(await codeOf(signIn('cashier2'))).toBe('BO_RATE_LIMITED');
    clock += 1_000;
    await expect(signIn('cashier2', '9517')).rejects.toThrow(/locked out for 60 seconds/);
    clock += 60_000;
    await expect(signIn('cashier2', '9517')).rejects.toThrow(/locked out for 2 minutes/);
    clock += 120_000;
    expect(await signIn('cashier2')).toMatchObject({ name: 'Robin Cashier' });
    expect(await person('cashier2')).toMatchObject({ lockedUntil: null });
  });

  it('keeps PIN-only manager approvals to this cinema’s managers, slowed for the station', async () => {
    await signIn('cashier');
    const close = (managerPin: string) =>
      st.call('till:close', { counted: {}, managerPin, note: 'no till' });
    // A cashier's PIN is refused by the contract (a manager's PIN has 6+ digits) or as nobody's.
    await expect(close(FIXTURE_PINS.cashier)).rejects.toThrow(/BO_VALIDATION.*not a manager’s/);
    await expect(close('482600')).rejects.toThrow(/BO_UNAUTHORIZED: That PIN is not a manager’s/);
    // Wrong approval PINs lock no person out of signing in.
    for (let i = 0; i < 10; i++) await codeOf(close('135792'));
    expect(await codeOf(close(FIXTURE_PINS.manager))).toBe('BO_RATE_LIMITED');
    expect(await signIn('manager')).toMatchObject({ role: 'manager' });
  });
});
