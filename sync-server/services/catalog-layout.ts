// Seat layouts in memory: a layout never changes once shows use it (an edit makes a new layout),
// so its rows, seats and categories are read once and the seat map only reads states per request.
import { z } from 'zod';
import { seatKindSchema } from '../../common/seat-map.js';
import type { PgDb } from '../../db/pg/client.js';
import type { CategoryBase } from './catalog-common.js';
import { mapRow } from './catalog-schemas.js';

/** A layout ready to be stamped with a show's seat states. */
export type CachedLayout = {
  layoutId: string;
  width: number;
  height: number;
  categories: CategoryBase[];
  /** The rows array, already serialized. */
  rowsJson: string;
  /** Seat ids in map order (row by row, left to right). */
  seatIds: string[];
  seatIndex: Map<string, number>;
  /** Each seat serialized up to its state: `{"id":…,"y":4,"state":"`. */
  seatPrefixes: string[];
};

/** Most layouts kept per database; a chain has a few hundred screens at most. */
export const MAX_CACHED_LAYOUTS = 500;

// Keyed by database handle too, so two apps on two databases in one process never share a layout.
const caches = new WeakMap<PgDb, Map<string, Promise<CachedLayout | null>>>();

// An unknown kind is drawn as a standard seat rather than failing the whole map.
const lenientKind = seatKindSchema.catch('standard');
const rawSeat = z.tuple([
  z.string(),
  z.string(),
  z.string(),
  z.int(),
  z.string(),
  z.string(),
  z.int(),
  z.int(),
]);
const rawCategory = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  rank: z.int(),
  color: z.string(),
});
const rawLayout = z.object({
  width: z.int(),
  height: z.int(),
  rows: z.array(mapRow),
  seats: z.array(rawSeat),
  categories: z.array(rawCategory),
});

const LAYOUT_SQL = `SELECT l.width, l.height,
  (SELECT coalesce(json_agg(json_build_object('label', r.label, 'sortOrder', r.sort_order, 'y', r.y)
     ORDER BY r.sort_order, r.label), '[]') FROM layout_rows r WHERE r.layout_id = l.id) AS rows,
  (SELECT coalesce(json_agg(json_build_array(s.id, s.label, s.row_label, s.number, s.category_id, s.kind, s.x, s.y)
     ORDER BY r.sort_order, s.x, s.number, s.id), '[]')
     FROM seats s JOIN layout_rows r ON r.id = s.row_id WHERE s.layout_id = l.id) AS seats,
  (SELECT coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'rank', c.rank, 'color', c.color)
     ORDER BY c.rank DESC, c.code, c.id), '[]')
     FROM seat_categories c WHERE c.id IN (SELECT category_id FROM seats WHERE layout_id = l.id)) AS categories
FROM seat_layouts l WHERE l.id = $1`;

async function loadLayout(db: PgDb, layoutId: string): Promise<CachedLayout | null> {
  const res = await db.$client.query({
    name: 'catalog_layout',
    text: LAYOUT_SQL,
    values: [layoutId],
  });
  if (res.rows.length === 0) return null;
  const raw = rawLayout.parse(res.rows[0]);
  const seatIds: string[] = [];
  const seatPrefixes: string[] = [];
  for (const [id, label, row, number, categoryId, kind, x, y] of raw.seats) {
    const seat = { id, label, row, number, categoryId, kind: lenientKind.parse(kind), x, y };
    seatIds.push(id);
    seatPrefixes.push(`${JSON.stringify(seat).slice(0, -1)},"state":"`);
  }
  return {
    layoutId,
    width: raw.width,
    height: raw.height,
    categories: raw.categories,
    rowsJson: JSON.stringify(raw.rows),
    seatIds,
    seatIndex: new Map(seatIds.map((id, i) => [id, i])),
    seatPrefixes,
  };
}

/** The layout, from memory when it was read before; null when no such layout exists. */
export async function getLayout(db: PgDb, layoutId: string): Promise<CachedLayout | null> {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(layoutId);
  if (hit !== undefined) {
    // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
    cache.delete(layoutId);
    cache.set(layoutId, hit);
    return hit;
  }
  // The promise is cached, so a burst of first requests for one layout reads it once.
  const loading = loadLayout(db, layoutId);
  cache.set(layoutId, loading);
  const map = cache;
  const forget = (): void => {
    if (map.get(layoutId) === loading) map.delete(layoutId);
  };
  void loading.then((layout) => layout === null && forget(), forget);
  while (cache.size > MAX_CACHED_LAYOUTS) {
    const oldest = cache.keys().next();
    if (oldest.done === true) break;
    cache.delete(oldest.value);
  }
  return loading;
}

/** How many layouts are cached for a database (for tests and diagnostics). */
export function cachedLayoutCount(db: PgDb): number {
  return caches.get(db)?.size ?? 0;
}

/** Forgets every cached layout of a database, e.g. after an admin tool rewrote layouts in place. */
export function clearLayoutCache(db: PgDb): void {
  caches.delete(db);
}
