// The station protocol over a real socket: hello, snapshot, live changes, mutations and replays.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import { medianMs } from '../../test/support/latency.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import { startSyncServer } from '../../test/support/sync-server.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import type { App } from '../app.js';

let app: App;
let base: string;
let fx: ShowFixture;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  // Each test's snapshot is read afresh: a shared one from before any change has cursor 0.
  ({ app, base, fx } = await startSyncServer({ snapshotReuseSeconds: 0 }, { rows: 6, perRow: 10 }));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

async function station(cursor = 0, who = fx.station): Promise<TestSocket> {
  const s = await openSocket(`${base}/sync`);
  sockets.push(s);
  s.send({ type: 'hello', protocol: PROTOCOL_VERSION, device: who.id, secret: who.secret, cursor });
  await s.next((m) => m.type === 'welcome');
  return s;
}

const mutate = (kind: string, payload: unknown, id = randomUUID(), offline = false) => ({
  type: 'mutate',
  id,
  kind,
  payload,
  createdAt: new Date().toISOString(),
  offline,
});

describe('station protocol', () => {
  it('sends a snapshot to a new station, then live changes within 200 ms', async () => {
    const s = await station(0);
    const end = await s.next<{ cursor: number }>((m) => m.type === 'snapshot-end');
    const seatRows = s.messages
      .filter((m) => m.type === 'snapshot-chunk' && m.table === 'show_seats')
      .flatMap((m) => m.rows as unknown[]);
    expect(seatRows).toHaveLength(60);
    expect(typeof end.cursor).toBe('number');
    const sampled = [fx.rows[0]?.[0] ?? '', fx.rows[5]?.[8] ?? '', fx.rows[5]?.[9] ?? ''];
    const ms = await medianMs(sampled.length, async (i) => {
      const from = s.messages.length;
      const t0 = Date.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/holds',
        payload: { showId: fx.showId, seatIds: [sampled[i]] },
      });
      expect(res.statusCode).toBe(201);
      const change = await s.next<{
        changes: { data: { seats: { seatId: string; state: string }[] } }[];
      }>((m) => m.type === 'changes', 5000, from);
      expect(change.changes[0]?.data.seats[0]).toMatchObject({ seatId: sampled[i], state: 'held' });
      return Date.now() - t0;
    });
    expect(ms).toBeLessThan(200);
  });

  it('resumes from a cursor with only the changes after it', async () => {
    const s = await station(0);
    const end = await s.next<{ cursor: number }>((m) => m.type === 'snapshot-end');
    s.close();
    await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { showId: fx.showId, seatIds: [fx.rows[1]?.[0]] },
    });
    const again = await station(end.cursor);
    const c = await again.next<{ changes: { data: { seats: { seatId: string }[] } }[] }>(
      (m) => m.type === 'changes',
    );
    expect(again.messages.some((m) => m.type === 'snapshot-begin')).toBe(false);
    expect(c.changes.flatMap((x) => x.data.seats.map((st) => st.seatId))).toContain(
      fx.rows[1]?.[0],
    );
  });

  it('applies a mutation once and answers a replay with the same result', async () => {
    const s = await station(0);
    await s.next((m) => m.type === 'snapshot-end');
    const id = randomUUID();
    const payload = {
      orderId: randomUUID(),
      showId: fx.showId,
      lines: [
        { seatId: fx.rows[2]?.[0], ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() },
      ],
      tenders: [{ tender: 'cash', amountMinor: 1000 }],
      staffId: fx.staff.cashier,
      expectedTotalMinor: 1000,
    };
    s.send(mutate('sell', payload, id));
    const first = await s.next<{ result: unknown }>((m) => m.type === 'ack' && m.id === id);
    const n = s.messages.length;
    s.send(mutate('sell', payload, id));
    const second = await s.next<{ result: unknown }>(
      (m) => m.type === 'ack' && m.id === id,
      5000,
      n,
    );
    expect(second.result).toEqual(first.result);
    const count = await app.ctx.db.$client.query(
      'SELECT count(*)::int AS n FROM tickets WHERE seat_id = $1',
      [fx.rows[2]?.[0]],
    );
    expect(count.rows[0]).toEqual({ n: 1 });
  });

  it('rejects a mutation with a code, and a replay gets the same rejection', async () => {
    const s = await station(0);
    await s.next((m) => m.type === 'snapshot-end');
    const id = randomUUID();
    const taken = fx.rows[2]?.[0]; // sold above
    s.send(mutate('hold', { showId: fx.showId, seatIds: [taken] }, id));
    const r1 = await s.next<{ code: string }>((m) => m.type === 'reject' && m.id === id);
    expect(r1.code).toBe('BO_SEAT_UNAVAILABLE');
    const n = s.messages.length;
    s.send(mutate('hold', { showId: fx.showId, seatIds: [taken] }, id));
    expect(await s.next((m) => m.type === 'reject' && m.id === id, 5000, n)).toMatchObject({
      code: 'BO_SEAT_UNAVAILABLE',
    });
  });

  it('keeps a rejection a rejection on replay, even once the seats are free', async () => {
    const s = await station(0);
    await s.next((m) => m.type === 'snapshot-end');
    const seat = fx.rows[4]?.[0];
    const web = await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      // A buyer of its own: the earlier tests' web holds are within one client's caps.
      remoteAddress: '198.51.100.9',
      payload: { showId: fx.showId, seatIds: [seat] },
    });
    const id = randomUUID();
    s.send(mutate('hold', { showId: fx.showId, seatIds: [seat] }, id));
    expect(await s.next((m) => m.type === 'reject' && m.id === id)).toMatchObject({
      code: 'BO_SEAT_UNAVAILABLE',
    });
    const made = web.json<{ holdId: string; holdSecret: string }>();
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/holds/${made.holdId}`,
      remoteAddress: '198.51.100.9',
      headers: { 'hold-secret': made.holdSecret },
    });
    const n = s.messages.length;
    s.send(mutate('hold', { showId: fx.showId, seatIds: [seat] }, id));
    expect(
      await s.next((m) => (m.type === 'reject' || m.type === 'ack') && m.id === id, 5000, n),
    ).toMatchObject({ type: 'reject', code: 'BO_SEAT_UNAVAILABLE' });
    const state = await app.ctx.db.$client.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seat],
    );
    expect(state.rows[0]?.state).toBe('available');
  });

  it('answers garbage with an error and stays usable; wrong protocol and secrets are refused', async () => {
    const s = await station(0);
    s.send('not json');
    s.send({ type: 'mutate', id: 'nope' });
    await s.next((m) => m.type === 'error' && m.code === 'BO_BAD_REQUEST');
    s.send({ type: 'ping', t: 1 });
    expect(await s.next((m) => m.type === 'pong')).toEqual({ type: 'pong', t: 1 });

    const old = await openSocket(`${base}/sync`);
    old.send({
      type: 'hello',
      protocol: 999,
      device: fx.station.id,
      secret: fx.station.secret,
      cursor: 0,
    });
    expect(await old.next((m) => m.type === 'error')).toMatchObject({
      code: 'BO_PROTOCOL_VERSION',
    });
    expect((await old.closed).code).toBe(4426);

    const bad = await openSocket(`${base}/sync`);
    bad.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      device: fx.station.id,
      secret: 'wrong-secret-xxxxxxxx',
      cursor: 0,
    });
    expect(await bad.next((m) => m.type === 'error')).toMatchObject({ code: 'BO_UNAUTHORIZED' });
    expect((await bad.closed).code).toBe(4401);
  });

  it('closes a socket that keeps sending garbage, with a reason code', async () => {
    const s = await station(0);
    for (let i = 0; i < 25; i++) s.send('garbage');
    expect((await s.closed).code).toBe(4400);
  });
});
