// Issue 12, item 2: a station that asks for a snapshot and never reads it must not pin a pool
// connection, hold a turn forever, or let any number of such stations pile up. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPg, type PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture } from '../../test/support/show-fixture.js';
import { createSnapshotGate, type SnapshotIo } from './snapshot-gate.js';
import { readSnapshot, type SnapshotData } from './snapshot.js';

let db: PgDb;
let cinemaId = '';
beforeAll(async () => {
  const { url, db: setup } = await freshPg();
  cinemaId = (await createShowFixture(setup.$client, { rows: 4, perRow: 10 })).cinemaId;
  await setup.$client.end();
  // One connection: if a stalled snapshot kept it, nothing else could run.
  db = openPg(url, { max: 1, acquireTimeoutMs: 2000 });
});
afterAll(async () => {
  await db.$client.end();
});

/** A peer that never reads: `drained` never resolves until it is dropped. */
function stalledPeer(): SnapshotIo & { sent: string[]; dropped: string[] } {
  const sent: string[] = [];
  const dropped: string[] = [];
  let release = (): void => undefined;
  const stuck = new Promise<void>((r) => (release = r));
  return {
    sent,
    dropped,
    sendBytes: (b) => sent.push(b.toString('utf8')),
    drained: () => stuck,
    isOpen: () => dropped.length === 0,
    drop: (reason) => {
      dropped.push(reason);
      release();
    },
  };
}

/** A peer that reads everything at once. */
function goodPeer(): SnapshotIo & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    sendBytes: (b) => sent.push(b.toString('utf8')),
    drained: () => Promise.resolve(),
    isOpen: () => true,
    drop: () => undefined,
  };
}

const pending = <T>(p: Promise<T>) => {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
};

describe('snapshot turns', () => {
  it('a reader that stalls holds no pool connection, and is dropped at the deadline', async () => {
    const gate = createSnapshotGate({ concurrency: 2, queueMax: 10, sendMs: 300 });
    const peer = stalledPeer();
    const delivery = gate.deliver('station-a', () => readSnapshot(db.$client, cinemaId), peer);
    await expect.poll(() => peer.sent.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // The stalled delivery is waiting on its reader; the only connection is free for others.
    const r = await db.$client.query<{ one: number }>('SELECT 1 AS one');
    expect(r.rows[0]?.one).toBe(1);
    await expect(delivery).resolves.toBeNull();
    expect(peer.dropped).toEqual(['snapshot not taken in time; reconnect to resync']);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('sends every message of a snapshot to a good reader and gives its position', async () => {
    const gate = createSnapshotGate({ concurrency: 2, queueMax: 10, sendMs: 10_000 });
    const peer = goodPeer();
    const data = await readSnapshot(db.$client, cinemaId);
    const pos = await gate.deliver('station-a', () => Promise.resolve(data), peer);
    expect(pos).toEqual(data.pos);
    expect(peer.sent).toEqual(data.messages.map((b) => b.toString('utf8')));
    const seats = peer.sent
      .map((t) => JSON.parse(t) as { table?: string; rows?: unknown[] })
      .filter((m) => m.table === 'show_seats')
      .reduce((n, m) => n + (m.rows?.length ?? 0), 0);
    expect(seats).toBe(40);
  });

  it('runs at most SNAPSHOT_CONCURRENCY at once; the others wait their turn', async () => {
    const gate = createSnapshotGate({ concurrency: 1, queueMax: 10, sendMs: 60_000 });
    const data: SnapshotData = await readSnapshot(db.$client, cinemaId);
    const first = stalledPeer();
    const a = gate.deliver('station-a', () => Promise.resolve(data), first);
    let secondRead = false;
    const b = gate.deliver(
      'station-b',
      () => {
        secondRead = true;
        return Promise.resolve(data);
      },
      goodPeer(),
    );
    const bDone = pending(b);
    await expect.poll(() => first.sent.length).toBeGreaterThan(0);
    expect(gate.load()).toEqual({ running: 1, waiting: 1 });
    expect(secondRead).toBe(false);
    expect(bDone()).toBe(false);
    first.drop('test');
    await expect(a).resolves.toBeNull();
    await expect(b).resolves.toEqual(data.pos);
    expect(secondRead).toBe(true);
  });

  it('a station asking again replaces its own earlier, stale attempt', async () => {
    const gate = createSnapshotGate({ concurrency: 4, queueMax: 10, sendMs: 60_000 });
    const data = await readSnapshot(db.$client, cinemaId);
    const stale = stalledPeer();
    const a = gate.deliver('station-a', () => Promise.resolve(data), stale);
    await expect.poll(() => stale.sent.length).toBeGreaterThan(0);
    const fresh = goodPeer();
    await expect(gate.deliver('station-a', () => Promise.resolve(data), fresh)).resolves.toEqual(
      data.pos,
    );
    await expect(a).resolves.toBeNull();
    expect(stale.dropped).toEqual(['replaced by a newer connection of this station']);
  });

  it('refuses with BO_UNAVAILABLE, changing nothing, when too many are waiting', async () => {
    const gate = createSnapshotGate({ concurrency: 1, queueMax: 2, sendMs: 60_000 });
    const data = await readSnapshot(db.$client, cinemaId);
    const peers = [stalledPeer(), stalledPeer(), stalledPeer()];
    const deliveries = peers.map((p, i) =>
      gate.deliver(`station-${String(i)}`, () => Promise.resolve(data), p),
    );
    await expect.poll(() => gate.load()).toEqual({ running: 1, waiting: 2 });
    await expect(
      gate.deliver('station-x', () => Promise.resolve(data), goodPeer()),
    ).rejects.toMatchObject({ code: 'BO_UNAVAILABLE' });
    expect(gate.load()).toEqual({ running: 1, waiting: 2 });
    for (const p of peers) p.drop('test');
    await Promise.all(deliveries);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });
});
