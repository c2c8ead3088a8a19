// The replica's sync bookkeeping in sync_state (key/value): cursor, last sync time, cinema.
import type { Statement } from 'better-sqlite3';
import type { LocalDb } from '../local-db.js';

/** What the engine remembers across restarts. */
export type SyncMemory = { cursor: number; lastSyncAt: string | null; cinemaId: string | null };

/** Reads and writes sync_state with prepared statements; writes join the caller's transaction. */
export type SyncStateStore = {
  read(): SyncMemory;
  /** Stores the cursor (and the time of this sync) — call inside the transaction that applied the data. */
  setCursor(cursor: number, at: string): void;
  setLastSyncAt(at: string): void;
  setCinemaId(cinemaId: string): void;
  /** Forgets the cursor so the next hello asks for a snapshot. */
  resetCursor(): void;
};

/** Opens the sync_state store on the replica. */
export function createSyncState(db: LocalDb): SyncStateStore {
  const put: Statement<[string, string]> = db.$client.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const get: Statement<[string], { value: string }> = db.$client.prepare(
    'SELECT value FROM sync_state WHERE key = ?',
  );
  const value = (key: string): string | null => get.get(key)?.value ?? null;
  return {
    read() {
      const cursor = Number(value('cursor') ?? '0');
      return {
        cursor: Number.isSafeInteger(cursor) && cursor >= 0 ? cursor : 0,
        lastSyncAt: value('lastSyncAt'),
        cinemaId: value('cinemaId'),
      };
    },
    setCursor(cursor, at) {
      put.run('cursor', String(cursor));
      put.run('lastSyncAt', at);
    },
    setLastSyncAt(at) {
      put.run('lastSyncAt', at);
    },
    setCinemaId(cinemaId) {
      put.run('cinemaId', cinemaId);
    },
    resetCursor() {
      put.run('cursor', '0');
    },
  };
}
