// Receives a snapshot across many messages and swaps it into the replica at snapshot-end.
// Chunks are staged in TEMP tables (one short transaction each, on disk, not in the JS heap), so no
// SQLite transaction stays open across awaits — a mutation enqueued mid-snapshot commits on its own
// and a dropped link cannot roll it back. The swap (delete + insert + cursor) is one transaction.
import type { Statement } from 'better-sqlite3';
import type { LocalDb } from '../local-db.js';
import { replicaTables, rowValues, type ReplicaTable } from './row-mapping.js';
import type { SyncStateStore } from './sync-state.js';
import type { SyncLog } from './types.js';

/** Progress and result of one snapshot. */
export type SnapshotStats = {
  rows: number;
  showSeats: number;
  badRows: number;
  ignoredTables: string[];
  swapMs: number;
};

/** Stages a snapshot and swaps it in; one instance per engine, one snapshot at a time. */
export type SnapshotWriter = {
  begin(total: number): void;
  /** Stages rows of one table; returns show_seats rows received so far (the unit of `total`). */
  chunk(table: string, rows: Record<string, unknown>[]): number;
  /** Replaces the replica tables with the staged rows and stores the cursor, in one transaction. */
  end(cursor: number): SnapshotStats;
  /** Drops the staged rows (link lost mid-snapshot); the replica is untouched. */
  abort(): void;
  active(): boolean;
};

// The station's own sales that wait in the outbox survive a snapshot (the server does not know them yet).
const PENDING_ORDER_IDS =
  "SELECT json_extract(payload, '$.orderId') FROM outbox WHERE kind = 'sell' AND json_extract(payload, '$.orderId') IS NOT NULL";

const staged = (t: ReplicaTable): string => `temp."snap_${t.name}"`;
const columnList = (t: ReplicaTable): string => t.columns.map((c) => `"${c.name}"`).join(', ');

/** Creates the snapshot writer for a replica. */
export function createSnapshotWriter(
  db: LocalDb,
  state: SyncStateStore,
  log: SyncLog,
): SnapshotWriter {
  const c = db.$client;
  const tables = [...replicaTables.values()];
  const inserts = new Map<string, Statement>();
  let stats: SnapshotStats | null = null;

  const dropStaging = (): void => {
    for (const t of tables) c.exec(`DROP TABLE IF EXISTS ${staged(t)}`);
    inserts.clear();
  };

  const insertInto = (t: ReplicaTable): Statement => {
    let s = inserts.get(t.name);
    if (s === undefined) {
      s = c.prepare(
        `INSERT INTO ${staged(t)} (${columnList(t)}) VALUES (${t.columns.map(() => '?').join(', ')})`,
      );
      inserts.set(t.name, s);
    }
    return s;
  };

  const stage = c.transaction(
    (t: ReplicaTable, rows: Record<string, unknown>[], s: SnapshotStats) => {
      const insert = insertInto(t);
      for (const row of rows) {
        try {
          insert.run(rowValues(t, row));
          s.rows += 1;
          if (t.name === 'show_seats') s.showSeats += 1;
        } catch (e) {
          s.badRows += 1;
          if (s.badRows <= 5)
            log('error', 'snapshot row could not be stored; skipped', {
              table: t.name,
              error: e instanceof Error ? e.message : String(e),
            });
        }
      }
    },
  );

  const swap = c.transaction((cursor: number) => {
    for (const t of tables) {
      if (t.name === 'orders')
        c.exec(`DELETE FROM main.orders WHERE id NOT IN (${PENDING_ORDER_IDS})`);
      else if (t.name === 'tickets' || t.name === 'order_items')
        c.exec(`DELETE FROM main."${t.name}" WHERE order_id NOT IN (${PENDING_ORDER_IDS})`);
      // A revocation is never undone, and this station's offline voids are not on the server yet:
      // keep them all, and forget only those of shows the replica no longer holds.
      else if (t.name === 'revoked_tickets')
        c.exec('DELETE FROM main.revoked_tickets WHERE show_id NOT IN (SELECT id FROM main.shows)');
      else c.exec(`DELETE FROM main."${t.name}"`);
      // OR REPLACE: the server's row wins over a kept pending one that collides with it. A kept
      // revocation keeps its own time (the server's snapshot only says when it was read).
      const conflict = t.name === 'revoked_tickets' ? 'OR IGNORE' : 'OR REPLACE';
      c.exec(
        `INSERT ${conflict} INTO main."${t.name}" (${columnList(t)}) SELECT ${columnList(t)} FROM ${staged(t)}`,
      );
    }
    state.setCursor(cursor, new Date().toISOString());
    dropStaging();
  });

  return {
    begin() {
      dropStaging();
      for (const t of tables)
        c.exec(
          `CREATE TEMP TABLE "snap_${t.name}" AS SELECT ${columnList(t)} FROM main."${t.name}" WHERE 0`,
        );
      stats = { rows: 0, showSeats: 0, badRows: 0, ignoredTables: [], swapMs: 0 };
    },
    chunk(table, rows) {
      if (stats === null) throw new Error('snapshot-chunk before snapshot-begin');
      const t = replicaTables.get(table);
      if (t === undefined) {
        // A table a newer server sends that this station does not replicate.
        if (!stats.ignoredTables.includes(table)) stats.ignoredTables.push(table);
        return stats.showSeats;
      }
      stage(t, rows, stats);
      return stats.showSeats;
    },
    end(cursor) {
      if (stats === null) throw new Error('snapshot-end before snapshot-begin');
      const done = stats;
      const t0 = performance.now();
      swap(cursor);
      done.swapMs = Math.round(performance.now() - t0);
      stats = null;
      return done;
    },
    abort() {
      stats = null;
      dropStaging();
    },
    active: () => stats !== null,
  };
}
