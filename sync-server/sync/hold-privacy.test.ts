// Hold ids and secrets never leave the server (DESIGN §10): not in a station's snapshot, not in the
// changes it is sent, not in live seat pushes, not in the change log. Only the station that made a
// hold hears its id, in the ack of its own mutation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../common/sync-protocol.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import { startSyncServer } from '../../test/support/sync-server.js';
import { openSocket, type TestSocket } from '../../test/support/ws-client.js';
import type { App } from '../app.js';

let app: App;
let base: string;
let fx: ShowFixture;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  // Each station reads its own snapshot, so the held seats are in the one checked below.
  ({ app, base, fx } = await startSyncServer({ snapshotReuseSeconds: 0 }, { rows: 4, perRow: 8 }));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

async function open(path: string): Promise<TestSocket> {
  const s = await openSocket(`${base}${path}`);
  sockets.push(s);
  return s;
}

async function station(who: { id: string; secret: string }): Promise<TestSocket> {
  const s = await open('/sync');
  s.send({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    device: who.id,
    secret: who.secret,
    cursor: 0,
  });
  await s.next((m) => m.type === 'snapshot-end');
  return s;
}

type SeatPush = { seatId: string; state: string };
const seatsIn = (messages: Record<string, unknown>[]): SeatPush[] =>
  messages.flatMap((m) => {
    if (m.type === 'seats') return m.seats as SeatPush[];
    if (m.type === 'changes')
      return (m.changes as { entity: string; data: { seats?: SeatPush[] } | null }[])
        .filter((c) => c.entity === 'show_seats')
        .flatMap((c) => c.data?.seats ?? []);
    if (m.type === 'snapshot-chunk' && m.table === 'show_seats')
      return (m.rows as { seat_id: string; state: string }[]).map((r) => ({
        seatId: r.seat_id,
        state: r.state,
      }));
    return [];
  });

const heldIn = (messages: Record<string, unknown>[], seatIds: string[]) =>
  seatIds.every((id) => seatsIn(messages).some((s) => s.seatId === id && s.state === 'held'));

const until = async (ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(ok()).toBe(true);
};

describe('hold privacy', () => {
  it('keeps web and station hold ids and secrets out of snapshots, changes and live pushes', async () => {
    const live = await open(`/api/v1/live?showId=${fx.showId}`);
    await live.next((m) => m.type === 'snapshot');
    const till = await station(fx.station);

    const webSeat = fx.rows[0]?.[0] ?? '';
    const web = await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { showId: fx.showId, seatIds: [webSeat] },
    });
    expect(web.statusCode).toBe(201);
    const { holdId: webHold, holdSecret } = web.json<{ holdId: string; holdSecret: string }>();

    const stationSeat = fx.rows[1]?.[0] ?? '';
    const id = randomUUID();
    const before = till.messages.length;
    till.send({
      type: 'mutate',
      id,
      kind: 'hold',
      payload: { showId: fx.showId, seatIds: [stationSeat] },
      createdAt: new Date().toISOString(),
      offline: false,
    });
    const ack = await till.next<{ result: { holdId: string } }>(
      (m) => m.type === 'ack' && m.id === id,
      5000,
      before,
    );
    // The station that made the hold owns it: its ack names it.
    const stationHold = ack.result.holdId;
    expect(stationHold).toMatch(/^h_/);

    const seats = [webSeat, stationSeat];
    await until(() => heldIn(live.messages, seats) && heldIn(till.messages, seats));
    // A station that connects now gets both held seats in its snapshot.
    const other = await station(fx.otherStation);
    expect(heldIn(other.messages, seats)).toBe(true);

    const secrets = [webHold, holdSecret, stationHold];
    const notAck = (m: Record<string, unknown>) => !(m.type === 'ack' && m.id === id);
    const seen = {
      live: JSON.stringify(live.messages),
      till: JSON.stringify(till.messages.filter(notAck)),
      other: JSON.stringify(other.messages),
    };
    for (const [where, text] of Object.entries(seen)) {
      for (const s of secrets) expect(text.includes(s), `${s} in ${where}`).toBe(false);
      expect(
        text.includes('holdId') || text.includes('hold_id'),
        `a hold id field in ${where}`,
      ).toBe(false);
    }
    const logged = await app.ctx.db.$client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM change_log WHERE data::text LIKE ANY($1::text[])',
      [secrets.map((s) => `%${s}%`)],
    );
    expect(logged.rows[0]?.n).toBe(0);
  });
});
