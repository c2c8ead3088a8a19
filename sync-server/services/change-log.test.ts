// DESIGN §4: "cursors must not skip" even when transactions commit out of seq order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture } from '../../test/support/show-fixture.js';
import {
  appendChange,
  positionOf,
  pruneChangeLog,
  readChanges,
  type LogPosition,
} from './change-log.js';

let db: PgDb;
let cinemaId: string;
beforeAll(async () => {
  db = (await freshPg()).db;
  cinemaId = (await createShowFixture(db.$client, { rows: 1, perRow: 2 })).cinemaId;
});
afterAll(async () => {
  await db.$client.end();
});

async function readAll(from: LogPosition): Promise<{ seqs: number[]; pos: LogPosition }> {
  const batch = await readChanges(db.$client, from, cinemaId, 1000);
  const last = batch.at(-1);
  return { seqs: batch.map((c) => c.seq), pos: last ? { txId: last.txId, seq: last.seq } : from };
}

describe('change log readers', () => {
  it('receive both changes when two transactions commit out of sequence order', async () => {
    let pos: LogPosition = { txId: '0', seq: 0 };
    pos = (await readAll(pos)).pos;
    const t1 = await db.$client.connect();
    const t2 = await db.$client.connect();
    try {
      await t1.query('BEGIN');
      await appendChange(t1, {
        cinemaId,
        showId: null,
        entity: 'test',
        entityId: 'first',
        op: 'upsert',
        data: {},
      });
      await t2.query('BEGIN');
      await appendChange(t2, {
        cinemaId,
        showId: null,
        entity: 'test',
        entityId: 'second',
        op: 'upsert',
        data: {},
      });
      const seqs = await db.$client.query<{ seq: string; entity_id: string }>(
        "SELECT seq, entity_id FROM change_log WHERE entity = 'test'",
      );
      expect(seqs.rows).toEqual([]); // neither committed yet
      await t2.query('COMMIT'); // the larger seq commits first

      // A naive reader ("seq > cursor") would now see 'second' and move its cursor past 'first'.
      const naive = await db.$client.query<{ seq: string }>(
        "SELECT seq FROM change_log WHERE entity = 'test' ORDER BY seq",
      );
      expect(naive.rows).toHaveLength(1);
      const during = await readAll(pos);
      expect(during.seqs).toEqual([]); // ours waits for the older transaction
      pos = during.pos;

      await t1.query('COMMIT');
      const after = await readAll(pos);
      const ids = await db.$client.query<{ seq: string; entity_id: string }>(
        "SELECT seq, entity_id FROM change_log WHERE entity = 'test' ORDER BY seq",
      );
      const first = Number(ids.rows.find((r) => r.entity_id === 'first')?.seq);
      const second = Number(ids.rows.find((r) => r.entity_id === 'second')?.seq);
      expect(first).toBeLessThan(second);
      expect(after.seqs).toEqual([first, second]);
      expect((await readAll(after.pos)).seqs).toEqual([]);
    } finally {
      t1.release();
      t2.release();
    }
  });
});

describe('change log pruning', () => {
  it('keeps the newest rows, and a pruned cursor is no longer a position (the station gets a snapshot)', async () => {
    for (let i = 0; i < 5; i++)
      await db.$client.query(
        "INSERT INTO change_log (cinema_id, entity, entity_id, op) VALUES ($1, 'test', $2, 'upsert')",
        [cinemaId, `p${String(i)}`],
      );
    const seqs = (
      await db.$client.query<{ seq: string }>('SELECT seq FROM change_log ORDER BY seq')
    ).rows.map((r) => Number(r.seq));
    const oldest = seqs[0] ?? 0;
    expect(await pruneChangeLog(db.$client, 2)).toBeGreaterThan(0);
    expect(await positionOf(db.$client, oldest)).toBeNull();
    expect(await positionOf(db.$client, seqs.at(-1) ?? 0)).not.toBeNull();
  });
});
