// Immutable facts about shows and layouts, cached: arbitration reads them on every request.
import type pg from 'pg';
import type { BestAvailableSeat } from '../../common/best-available.js';
import { BoError } from '../../common/errors.js';
import type { Tx } from './tx.js';

/** What arbitration needs to know about a show. */
export type ShowMeta = {
  id: string;
  cinemaId: string;
  layoutId: string;
  formatId: string;
  status: string;
  startsAt: Date;
};

const showCache = new Map<string, { meta: ShowMeta; at: number }>();
const layoutCache = new Map<string, BestAvailableSeat[]>();
// A show's status can change (cancellation); its other facts cannot. Re-read status this often.
const SHOW_TTL_MS = 5000;
const MAX_ENTRIES = 5000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_ENTRIES) {
    const first = map.keys().next();
    if (first.done !== true) map.delete(first.value);
  }
  map.set(key, value);
}

/** The show's routing facts; BO_SHOW_NOT_FOUND for an unknown id. */
export async function showMeta(db: pg.Pool | Tx, showId: string): Promise<ShowMeta> {
  const hit = showCache.get(showId);
  if (hit && Date.now() - hit.at < SHOW_TTL_MS) return hit.meta;
  const r = await db.query<{
    id: string;
    cinema_id: string;
    layout_id: string;
    format_id: string;
    status: string;
    starts_at: Date;
  }>({
    name: 'show_meta',
    text: 'SELECT id, cinema_id, layout_id, format_id, status, starts_at FROM shows WHERE id = $1',
    values: [showId],
  });
  const row = r.rows[0];
  if (!row) throw new BoError('BO_SHOW_NOT_FOUND', `No show ${showId}.`);
  const meta: ShowMeta = {
    id: row.id,
    cinemaId: row.cinema_id,
    layoutId: row.layout_id,
    formatId: row.format_id,
    status: row.status,
    startsAt: row.starts_at,
  };
  remember(showCache, showId, { meta, at: Date.now() });
  return meta;
}

/** Throws BO_SHOW_NOT_ON_SALE unless the show can be sold. */
export function assertOnSale(show: ShowMeta, now = new Date()): void {
  if (show.status !== 'on_sale' && show.status !== 'scheduled') {
    throw new BoError(
      'BO_SHOW_NOT_ON_SALE',
      `This show is ${show.status.replace('_', ' ')}; its seats cannot be sold.`,
    );
  }
  if (show.startsAt.getTime() + 30 * 60_000 < now.getTime()) {
    throw new BoError(
      'BO_SHOW_NOT_ON_SALE',
      'This show started more than 30 minutes ago; its seats cannot be sold.',
    );
  }
}

/** The layout's seats in the shape best-available needs, cached per layout (layouts never change in place). */
export async function layoutSeats(
  db: pg.Pool | Tx,
  layoutId: string,
): Promise<BestAvailableSeat[]> {
  const hit = layoutCache.get(layoutId);
  if (hit) return hit;
  const r = await db.query<{
    id: string;
    row_label: string;
    sort_order: number;
    number: number;
    x: number;
    y: number;
    category_id: string;
    kind: BestAvailableSeat['kind'];
  }>({
    name: 'layout_seats',
    text: `SELECT s.id, s.row_label, r.sort_order, s.number, s.x, s.y, s.category_id, s.kind
           FROM seats s JOIN layout_rows r ON r.id = s.row_id WHERE s.layout_id = $1 ORDER BY r.sort_order, s.x`,
    values: [layoutId],
  });
  const seats = r.rows.map((s) => ({
    id: s.id,
    rowLabel: s.row_label,
    rowOrder: s.sort_order,
    number: s.number,
    x: s.x,
    y: s.y,
    categoryId: s.category_id,
    kind: s.kind,
  }));
  remember(layoutCache, layoutId, seats);
  return seats;
}

/** Forgets cached facts (tests, admin edits). */
export function clearShowCaches(): void {
  showCache.clear();
  layoutCache.clear();
}
