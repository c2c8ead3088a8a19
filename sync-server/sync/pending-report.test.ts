// Issue 15: a station reports its waiting outbox in hello and each ping; managers see the figure,
// when it was reported and the last contact in the station list. An older station that sends no
// count keeps null. Real PostgreSQL and a real socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationView } from '../../common/api/stations.js';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import { startSyncServer } from '../../test/support/sync-server.js';
import { until } from '../../test/support/until.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import type { App } from '../app.js';
import { openSession } from '../identity/sessions.js';

let app: App;
let base: string;
let fx: ShowFixture;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  ({ app, base, fx } = await startSyncServer({ heartbeatMs: 50 }, { rows: 2, perRow: 5 }));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

async function hello(who: { id: string; secret: string }, pending?: number): Promise<TestSocket> {
  const s = await openSocket(`${base}/sync`);
  sockets.push(s);
  s.send({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    device: who.id,
    secret: who.secret,
    cursor: 0,
    ...(pending === undefined ? {} : { pending }),
  });
  await s.next((m) => m.type === 'welcome');
  return s;
}

async function listed(stationId: string): Promise<StationView | undefined> {
  const s = await openSession(
    app.ctx.db.$client,
    {
      kind: 'staff',
      station: null,
      sub: fx.staff.manager,
      role: 'manager',
      cinemas: [fx.cinemaId],
    },
    await app.ctx.identity.settings('staff'),
    new Date(),
  );
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/admin/cinemas/${fx.cinemaId}/stations`,
    headers: { authorization: `Bearer ${s.accessToken}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StationView[]>().find((v) => v.id === stationId);
}

describe('a station’s pending count', () => {
  it('is null until reported', async () => {
    expect(await listed(fx.station.id)).toMatchObject({
      pendingCount: null,
      pendingReportedAt: null,
      lastSeenAt: null,
    });
  });

  it('comes with the hello and follows each ping', async () => {
    const s = await hello(fx.station, 7);
    const first = await listed(fx.station.id);
    expect(first?.pendingCount).toBe(7);
    expect(first?.pendingReportedAt).not.toBeNull();
    expect(first?.lastSeenAt).not.toBeNull();
    s.send({ type: 'ping', t: 1, pending: 2 });
    await s.next((m) => m.type === 'pong' && m.t === 1);
    await until(
      async () => (await listed(fx.station.id))?.pendingCount === 2,
      10_000,
      'the ping’s count',
    );
    s.send({ type: 'ping', t: 2, pending: 0 });
    await until(
      async () => (await listed(fx.station.id))?.pendingCount === 0,
      10_000,
      'an empty outbox as 0',
    );
  });

  it('stays null for an older station that sends none, which still counts as seen', async () => {
    const s = await hello(fx.otherStation);
    s.send({ type: 'ping', t: 3 });
    await s.next((m) => m.type === 'pong' && m.t === 3);
    const v = await listed(fx.otherStation.id);
    expect(v).toMatchObject({ pendingCount: null, pendingReportedAt: null });
    expect(v?.lastSeenAt).not.toBeNull();
  });

  it('refuses a count out of range without storing it', async () => {
    const s = await hello(fx.station, 5);
    const from = s.messages.length;
    s.send({ type: 'ping', t: 4, pending: -1 });
    await s.next((m) => m.type === 'error' && m.code === 'BO_BAD_REQUEST', 5000, from);
    s.send({ type: 'ping', t: 5 });
    await s.next((m) => m.type === 'pong' && m.t === 5, 5000, from);
    expect((await listed(fx.station.id))?.pendingCount).toBe(5);
  });
});
