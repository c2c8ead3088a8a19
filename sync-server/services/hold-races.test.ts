// Races that only show when a hold, sale or release waits for a seat another transaction holds:
// the waiter re-reads the seat at its newest version, but joined rows come from its older snapshot.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { Actor } from './audit.js';
import { createHold, createHoldDirect, endHoldDirect } from './holds.js';
import { sellSeats } from './sales.js';
import { withTx, type Tx } from './tx.js';

const web: Actor = { kind: 'customer', id: null, channel: 'web' };
const times = { ttlSeconds: 600, extendSeconds: 300, maxSeconds: 1200 };

let db: PgDb;
let fx: ShowFixture;
let station: Actor;
beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 6 });
  station = { kind: 'station', id: fx.station.id, channel: 'station', stationId: fx.station.id };
});
afterAll(async () => {
  await db.$client.end();
});

const seat = (row: number, n: number): string => fx.rows[row]?.[n] ?? '';
const seatRow = async (seatId: string) =>
  (
    await db.$client.query<{ state: string; hold_id: string | null }>(
      'SELECT state, hold_id FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seatId],
    )
  ).rows[0];

/** Locks `seatId` in a transaction of its own, starts `op`, waits until it is blocked, then runs `then` and commits. */
async function whileWaiting<T>(
  seatId: string,
  op: () => Promise<T>,
  then: (tx: Tx) => Promise<unknown>,
): Promise<{ ok: T } | { error: unknown }> {
  const tx = await db.$client.connect();
  try {
    await tx.query('BEGIN');
    await tx.query('SELECT 1 FROM show_seats WHERE show_id = $1 AND seat_id = $2 FOR UPDATE', [
      fx.showId,
      seatId,
    ]);
    const pending = op().then(
      (ok) => ({ ok }),
      (error: unknown) => ({ error }),
    );
    for (let i = 0; i < 200; i++) {
      const w = await db.$client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (Number(w.rows[0]?.n) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await then(tx);
    await tx.query('COMMIT');
    return await pending;
  } finally {
    tx.release();
  }
}

/** What a competing buyer commits while the other waits: a brand-new active hold on the seat. */
const commitHold = (seatId: string, holdId: string) => async (tx: Tx) => {
  await tx.query(
    "INSERT INTO holds (id, show_id, channel, status, expires_at) VALUES ($1, $2, 'web', 'active', now() + interval '10 minutes')",
    [holdId, fx.showId],
  );
  await tx.query(
    "UPDATE show_seats SET state = 'held', hold_id = $3, version = version + 1 WHERE show_id = $1 AND seat_id = $2",
    [fx.showId, seatId, holdId],
  );
};

describe('arbitration while waiting for a seat lock', () => {
  it.each<[string, number, (s: string) => Promise<unknown>]>([
    [
      'a direct hold',
      0,
      (s: string) => createHoldDirect(db.$client, { showId: fx.showId, seatIds: [s] }, web, times),
    ],
    [
      'a hold in a transaction',
      1,
      (s: string) =>
        withTx(db.$client, (tx) => createHold(tx, { showId: fx.showId, seatIds: [s] }, web, times)),
    ],
    [
      'a direct sale',
      2,
      (s: string) =>
        withTx(db.$client, (tx) =>
          sellSeats(
            tx,
            {
              orderId: randomUUID(),
              showId: fx.showId,
              lines: [{ seatId: s, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() }],
              tenders: [],
            },
            station,
          ),
        ),
    ],
  ])('never lets %s take a seat whose hold committed while it waited', async (_name, n, op) => {
    const s = seat(0, n);
    const winner = `h_winner_${randomUUID()}`;
    const out = await whileWaiting(s, () => op(s), commitHold(s, winner));
    expect(out).toMatchObject({
      error: { code: 'BO_SEAT_UNAVAILABLE', details: { seatIds: [s] } },
    });
    expect(await seatRow(s)).toMatchObject({ state: 'held', hold_id: winner });
  });

  it('gives a seat released while the hold waited to the waiting hold', async () => {
    const s = seat(1, 0);
    const first = await createHoldDirect(
      db.$client,
      { showId: fx.showId, seatIds: [s] },
      web,
      times,
    );
    const out = await whileWaiting(
      s,
      () => createHoldDirect(db.$client, { showId: fx.showId, seatIds: [s] }, web, times),
      async (tx) => {
        await tx.query("UPDATE holds SET status = 'released' WHERE id = $1", [first.holdId]);
        await tx.query(
          "UPDATE show_seats SET state = 'available', hold_id = NULL, version = version + 1 WHERE show_id = $1 AND seat_id = $2",
          [fx.showId, s],
        );
      },
    );
    expect('ok' in out).toBe(true);
    expect(await seatRow(s)).toMatchObject({
      state: 'held',
      hold_id: 'ok' in out ? out.ok.holdId : '',
    });
  });

  it('leaves a lapsed hold’s seat to the buyer who took it while the expiry waited', async () => {
    const [s, t] = [seat(2, 0), seat(2, 1)];
    const old = await createHoldDirect(
      db.$client,
      { showId: fx.showId, seatIds: [s, t] },
      web,
      times,
    );
    await db.$client.query(
      "UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1",
      [old.holdId],
    );
    const winner = `h_winner_${randomUUID()}`;
    const out = await whileWaiting(
      s,
      () => endHoldDirect(db.$client, old.holdId, web, 'expired'),
      commitHold(s, winner),
    );
    expect(out).toEqual({ ok: undefined });
    expect(await seatRow(s)).toMatchObject({ state: 'held', hold_id: winner });
    expect(await seatRow(t)).toMatchObject({ state: 'available', hold_id: null });
    const audit = await db.$client.query<{ details: { seatIds: string[] } }>(
      "SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'expire'",
      [old.holdId],
    );
    expect(audit.rows[0]?.details.seatIds).toEqual([t]);
  });

  it('ends a hold once when two releases race', async () => {
    const s = seat(3, 0);
    const h = await createHoldDirect(db.$client, { showId: fx.showId, seatIds: [s] }, web, times);
    await Promise.all([
      endHoldDirect(db.$client, h.holdId, web, 'released'),
      endHoldDirect(db.$client, h.holdId, web, 'released'),
    ]);
    expect(
      Number(
        (
          await db.$client.query<{ n: string }>(
            "SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'release'",
            [h.holdId],
          )
        ).rows[0]?.n,
      ),
    ).toBe(1);
    expect(await seatRow(s)).toMatchObject({ state: 'available', hold_id: null });
  });
});
