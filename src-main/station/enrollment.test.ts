// A station enrolls itself with a manager's one-time code, is refused when revoked (sync stops, the
// outbox and data stay), enrolls again with a new code, and trades a PIN for a staff token: against
// the real server, PostgreSQL and SQLite; a test double plays a server that is not Marquee.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentStatus, StaffToken } from '../../common/contract/station.js';
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
import { newStationCode, reissueCode, revoke } from '../../test/support/station-codes.js';
import { readDevice } from './device-store.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-enroll-'));
let st: TestStation;
let stationId = '';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as Error & { code: string };
  }
  throw new Error('expected a refusal');
};
const enrollment = () =>
  st.call<{ enrollment: EnrollmentStatus }>('station:status').then((s) => s.enrollment);

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 2, perRow: 6, startsInMinutes: 180 });
  st = await startTestStation(server.url, null, { dataDir });
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('station enrollment', () => {
  it('a station with no credential is not enrolled, says so and does not sync', async () => {
    expect(await enrollment()).toMatchObject({
      state: 'not-enrolled',
      stationId: null,
      serverUrl: server.url,
      message: expect.stringMatching(/not enrolled/) as unknown,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(st.station.engine.status().state).toBe('offline');
    expect(readDevice(st.station.db)).toBeNull();
  });

  it('refuses a wrong code, an unreachable server and a server that is not Marquee, changing nothing', async () => {
    const wrong = await failure(
      st.call('station:enroll', { serverUrl: server.url, code: 'aaaa-bbbb-cccc' }),
    );
    expect(wrong.code).toBe('BO_ENROLLMENT_CODE_INVALID');
    const bad = await failure(
      st.call('station:enroll', { serverUrl: server.url, code: 'not a code' }),
    );
    expect(bad.code).toBe('BO_VALIDATION');
    const down = await failure(
      st.call('station:enroll', { serverUrl: 'http://127.0.0.1:1', code: 'AAAA-BBBB-CCCC' }),
    );
    expect(down.code).toBe('BO_OFFLINE');
    expect(down.message).toMatch(/Cannot reach the server at http:\/\/127\.0\.0\.1:1/);
    const double = http.createServer((_req, res) => res.writeHead(200).end('<html>hello</html>'));
    await new Promise<void>((r) => double.listen(0, '127.0.0.1', r));
    const other = await failure(
      st.call('station:enroll', {
        serverUrl: `http://127.0.0.1:${String((double.address() as AddressInfo).port)}`,
        code: 'AAAA-BBBB-CCCC',
      }),
    );
    double.close();
    expect(other.code).toBe('BO_UNAVAILABLE');
    expect(other.message).toMatch(/did not answer like a Marquee server/);
    expect((await enrollment()).state).toBe('not-enrolled');
    expect(readDevice(st.station.db)).toBeNull();
  });

  it('enrolls with a code typed loosely, stores the credential, syncs, and keeps it across a restart', async () => {
    const made = await newStationCode(pool, fx.cinemaId, fx.staff.manager);
    stationId = made.stationId;
    const typed = made.code.toLowerCase().replaceAll('-', ' ');
    const s = await st.call<EnrollmentStatus>('station:enroll', {
      serverUrl: `${server.url}/`,
      code: typed,
    });
    expect(s).toMatchObject({
      state: 'enrolled',
      stationId,
      stationName: 'Counter 9',
      source: 'enrolled',
      message: null,
    });
    expect(readDevice(st.station.db)).toMatchObject({
      stationId,
      serverUrl: server.url,
      revokedAt: null,
    });
    await until(() => st.station.engine.isOnline(), 10_000, 'online after enrollment');
    const people = await until(
      () => st.call<{ name: string }[]>('auth:people').then((p) => (p.length > 0 ? p : null)),
      10_000,
      'the cinema’s people',
    );
    expect(people.map((p) => p.name)).toContain('Morgan Manager');
    const again = await failure(
      st.call('station:enroll', { serverUrl: server.url, code: made.code }),
    );
    expect(again.code).toBe('BO_CONFLICT');

    await st.stop();
    st = await startTestStation(server.url, null, { dataDir });
    expect((await enrollment()).state).toBe('enrolled');
    await until(() => st.station.engine.isOnline(), 10_000, 'online after a restart');
  });

  it('exchanges the signed-in person’s PIN for a staff token, never stored', async () => {
    const signedOut = await failure(st.call('auth:staffToken', { pin: FIXTURE_PINS.manager }));
    expect(signedOut.code).toBe('BO_UNAUTHORIZED');
    await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
    const t = await st.call<StaffToken>('auth:staffToken', { pin: FIXTURE_PINS.manager });
    expect(t.staff).toMatchObject({ id: fx.staff.manager, role: 'manager' });
    expect(t.expiresIn).toBeGreaterThan(0);
    // It works on the admin API as that manager.
    const list = await fetch(`${server.url}/api/v1/admin/cinemas/${fx.cinemaId}/stations`, {
      headers: { authorization: `Bearer ${t.accessToken}` },
    });
    expect(list.status).toBe(200);
    const wrong = await failure(st.call('auth:staffToken', { pin: '999999' }));
    expect(wrong.code).toBe('BO_UNAUTHORIZED');
    const file = st.station.db.$client.prepare('SELECT * FROM device').all();
    expect(JSON.stringify(file)).not.toContain(t.accessToken);
  });

  it('when revoked: stops knocking, keeps its outbox, shows why; a new code enrolls it and the outbox drains', async () => {
    await revoke(pool, stationId, fx.staff.manager);
    const revoked = await until(
      () => enrollment().then((e) => (e.state === 'revoked' ? e : null)),
      10_000,
      'revoked',
    );
    expect(revoked.message).toMatch(/revoked|enroll/i);
    expect(readDevice(st.station.db)?.revokedAt).not.toBeNull();
    // A sale made while revoked waits in the outbox; nobody's work is lost. (Queued straight into the
    // engine, so the counter records it as a late sale when the server's answer comes.)
    const ticketId = randomUUID();
    st.station.engine.enqueue('sell', {
      orderId: randomUUID(),
      showId: fx.showId,
      lines: [{ seatId: fx.rows[0]?.[0] ?? '', ticketTypeId: fx.ticketTypes.adult, ticketId }],
      staffId: fx.staff.cashier,
      tenders: [{ tender: 'card', amountMinor: 1500, reference: 'T-1' }],
      expectedTotalMinor: 1500,
    });
    const seen = new Set<string>();
    const off = st.station.engine.onStatus((s) => seen.add(s.state));
    await new Promise((r) => setTimeout(r, 1000));
    off();
    expect(seen.has('connecting')).toBe(false);
    expect(st.station.db.$client.prepare('SELECT id, kind FROM outbox').all()).toHaveLength(1);
    expect(st.station.engine.status().pendingCount).toBe(1);
    const token = await failure(st.call('auth:staffToken', { pin: FIXTURE_PINS.manager }));
    expect(token.code).toBe('BO_NOT_ENROLLED');

    // Restarted, it still knows it was revoked and does not connect.
    await st.stop();
    st = await startTestStation(server.url, null, { dataDir });
    expect((await enrollment()).state).toBe('revoked');
    expect(st.station.engine.status().pendingCount).toBe(1);

    const code = await reissueCode(pool, stationId, fx.staff.manager);
    const s = await st.call<EnrollmentStatus>('station:enroll', { serverUrl: server.url, code });
    expect(s).toMatchObject({ state: 'enrolled', stationId });
    await until(() => st.station.engine.status().pendingCount === 0, 10_000, 'outbox drained');
    const sold = await pool.query('SELECT id FROM tickets WHERE id = $1', [ticketId]);
    expect(sold.rowCount).toBe(1);
  });

  it('a staff token needs the server: offline it says so', async () => {
    await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
    await server.stop();
    const off = await failure(st.call('auth:staffToken', { pin: FIXTURE_PINS.manager }));
    expect(off.code).toBe('BO_OFFLINE');
    await server.start();
  });
});
