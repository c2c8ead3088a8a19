// One snapshot read serves every station of a cinema that asks within SNAPSHOT_REUSE_SECONDS
// (issue 12, item 2). A snapshot is consistent with its log position, so a station given one a few
// seconds old simply catches up the changes after it. Without this, a restart (every station of a
// multiplex reconnecting) or stations hammering cursor 0 would read and hold the same tens of
// megabytes once per station.
import type { SnapshotData } from './snapshot.js';

/** Snapshots by cinema, shared while fresh. */
export type SnapshotCache = {
  /** The cinema's snapshot: a fresh or in-flight read if there is one, else a new read. */
  get(cinemaId: string): Promise<SnapshotData>;
  /** Cinemas with a snapshot kept now, for tests and metrics. */
  size(): number;
};

/** Creates the cache over `read`; an entry is reused for `maxAgeMs` after its read finishes (0: only while it is read). */
export function createSnapshotCache(
  read: (cinemaId: string) => Promise<SnapshotData>,
  opts: { maxAgeMs: number },
): SnapshotCache {
  const entries = new Map<string, Promise<SnapshotData>>();
  return {
    get(cinemaId) {
      const kept = entries.get(cinemaId);
      if (kept) return kept;
      const p = read(cinemaId);
      entries.set(cinemaId, p);
      const forget = (): void => {
        if (entries.get(cinemaId) === p) entries.delete(cinemaId);
      };
      // Kept for its reuse window once read; a failed read is not kept at all.
      p.then(() => setTimeout(forget, opts.maxAgeMs).unref(), forget);
      return p;
    },
    size: () => entries.size,
  };
}
