// Seat maps in memory, one cache per server process, so an unchanged map costs no database query.
//
// Freshness (DESIGN §4: each process tails the change log itself):
// - every change the change feed delivers for a show makes its cached map stale, as does a change
//   that names no show (it may be a price list or ticket types); a read after that reads again;
// - a write made through this process calls invalidateShow / invalidateHold right after its commit,
//   so the writer's next read sees it at once; other processes' writes are seen when the feed
//   delivers them (its NOTIFY window plus a read, tens of ms; at worst its poll interval);
// - a map that shows a hold as held goes stale when that hold would lapse, since lapsed holds turn
//   available without any write (DESIGN §3);
// - no map is served longer than maxAgeMs without a read, a backstop for writes that bypass the
//   change log and for a feed that is stuck (a long transaction holds back pg_snapshot_xmin).
// A load that was running when its show was invalidated still answers the requests that were
// waiting for it (they arrived before it started, see catalog-coalesce.ts) but is not kept.
import { BoError } from '../../common/errors.js';
import { coalesce } from './catalog-coalesce.js';
import type { LoadedSeatMap } from './catalog-seat-map.js';
import type { LoggedChange } from './change-log.js';

/** How the cache reads a map; `previous` is the last map of that show, whose buffers it may reuse. */
export type SeatMapLoader = (
  showId: string,
  previous: LoadedSeatMap | undefined,
) => Promise<LoadedSeatMap>;

/** Bounds of a seat-map cache. */
export type SeatMapCacheOptions = {
  /** Most shows kept; the least recently read goes first. */
  maxShows: number;
  /** Longest a map is served from memory without reading the database, whatever the feed says. */
  maxAgeMs: number;
  /** A monotonic clock in milliseconds (tests pass their own). */
  now?: () => number;
};

/** Per-process seat maps, kept fresh by the change feed and by local writers. */
export type SeatMapCache = {
  /** The show's map, from memory when still fresh, else read (shared with concurrent readers). */
  get(showId: string): Promise<LoadedSeatMap>;
  /** Call after committing a change to a show's seats (or prices, status…) through this process. */
  invalidateShow(showId: string): void;
  /** Call after ending a hold known only by id: finds its show among the cached maps. */
  invalidateHold(holdId: string): void;
  /** Makes every cached map stale. */
  invalidateAll(): void;
  /** Feed listener: every delivered change makes its show's map stale. */
  onChanges(changes: readonly LoggedChange[]): void;
  /** Shows held in memory (fresh or stale). */
  size(): number;
};

type Entry = { map: LoadedSeatMap; freshUntil: number };
type RunningLoad = { dirty: boolean };

/** Creates an LRU cache of seat maps over `load`. */
export function createSeatMapCache(load: SeatMapLoader, opts: SeatMapCacheOptions): SeatMapCache {
  const now = opts.now ?? (() => performance.now());
  // Map keeps insertion order and a hit is moved to the end, so the first key is the least recently used.
  const entries = new Map<string, Entry>();
  // Stale entries stay (until evicted) so an unchanged reload can reuse their buffers.
  const holdShows = new Map<string, string>();
  const running = new Map<string, RunningLoad>();

  const unindex = (map: LoadedSeatMap): void => {
    for (const h of map.holdIds) holdShows.delete(h);
  };
  const drop = (showId: string): void => {
    const old = entries.get(showId);
    if (old === undefined) return;
    unindex(old.map);
    entries.delete(showId);
  };

  const store = (showId: string, map: LoadedSeatMap, startedAt: number): void => {
    drop(showId);
    const lapse = map.lapseMs === null ? Infinity : Math.max(0, map.lapseMs);
    // Measured from before the query was sent, so the entry lapses no later than the hold does.
    entries.set(showId, { map, freshUntil: startedAt + Math.min(opts.maxAgeMs, lapse) });
    for (const h of map.holdIds) holdShows.set(h, showId);
    while (entries.size > opts.maxShows) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      drop(oldest.value);
    }
  };

  const read = coalesce(async (showId: string): Promise<LoadedSeatMap> => {
    const token: RunningLoad = { dirty: false };
    running.set(showId, token);
    const startedAt = now();
    try {
      const map = await load(showId, entries.get(showId)?.map);
      if (!token.dirty && running.get(showId) === token) store(showId, map, startedAt);
      return map;
    } catch (e) {
      if (e instanceof BoError && e.code === 'BO_SHOW_NOT_FOUND') drop(showId);
      throw e;
    } finally {
      if (running.get(showId) === token) running.delete(showId);
    }
  });

  const invalidateShow = (showId: string): void => {
    const entry = entries.get(showId);
    if (entry !== undefined) entry.freshUntil = -Infinity;
    const load = running.get(showId);
    if (load !== undefined) load.dirty = true;
  };

  const invalidateAll = (): void => {
    for (const entry of entries.values()) entry.freshUntil = -Infinity;
    for (const load of running.values()) load.dirty = true;
  };

  return {
    get(showId) {
      const entry = entries.get(showId);
      if (entry === undefined || now() >= entry.freshUntil) return read(showId);
      entries.delete(showId);
      entries.set(showId, entry);
      return Promise.resolve(entry.map);
    },
    invalidateShow,
    invalidateHold(holdId) {
      const showId = holdShows.get(holdId);
      if (showId !== undefined) {
        invalidateShow(showId);
        return;
      }
      // No kept map shows this hold, but a running load may have read it: none of those is kept.
      for (const load of running.values()) load.dirty = true;
    },
    invalidateAll,
    onChanges(changes) {
      for (const c of changes) {
        if (c.showId === null) invalidateAll();
        else invalidateShow(c.showId);
      }
    },
    size: () => entries.size,
  };
}
