// The seat map of a show, built for speed: one prepared query reads the show's prices and the seats
// that are not plainly available, and the response is stamped onto the layout serialized in advance.
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { SeatState } from '../../common/seat-map.js';
import type { PgDb } from '../../db/pg/client.js';
import { EFFECTIVE_STATE_SQL, priceCategories } from './catalog-common.js';
import { coalesce } from './catalog-coalesce.js';
import { getLayout } from './catalog-layout.js';
import { seatMap, ticketTypeItem, type SeatMapResponse } from './catalog-schemas.js';

export { clearLayoutCache } from './catalog-layout.js';

type StateRow = {
  status: string;
  layout_id: string;
  currency: string;
  format_bp: number;
  /** JSON text, parsed only when the map must be rebuilt. */
  prices: string;
  ticket_types: string;
  /** "seatId:state,…" of the seats that are not plainly available. */
  taken: string;
  seat_rows: number;
  version: number;
};

// Only seats that are not plainly available come back, so a fresh show costs a few bytes, not a row
// per seat. Everything comes back as text in a fixed order, so the row itself can key the memo below.
const STATE_SQL = `SELECT s.status, s.layout_id, c.currency, f.multiplier_bp AS format_bp,
  (SELECT coalesce(json_agg(json_build_object('categoryId', sp.category_id, 'amountMinor', sp.amount_minor, 'currency', sp.currency)
     ORDER BY sp.category_id), '[]')::text FROM show_prices sp WHERE sp.show_id = s.id) AS prices,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'multiplierBp', t.multiplier_bp)
     ORDER BY t.sort_order, t.id), '[]')::text FROM ticket_types t WHERE t.chain_id = c.chain_id) AS ticket_types,
  t.taken, n.seat_rows, n.version
FROM shows s
JOIN cinemas c ON c.id = s.cinema_id
JOIN formats f ON f.id = s.format_id
CROSS JOIN LATERAL (
  SELECT coalesce(string_agg(ss.seat_id::text || ':' || ${EFFECTIVE_STATE_SQL}, ',' ORDER BY ss.seat_id), '') AS taken
  FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
  WHERE ss.show_id = s.id AND ss.state <> 'available') t
CROSS JOIN LATERAL (
  SELECT count(*)::int AS seat_rows, coalesce(sum(ss.version), 0)::int AS version
  FROM show_seats ss WHERE ss.show_id = s.id) n
WHERE s.id = $1`;

const STATES: ReadonlySet<string> = new Set<SeatState>(['available', 'held', 'sold', 'blocked', 'allocated']);
const pricesSchema = z.array(z.object({ categoryId: z.string(), amountMinor: z.int(), currency: z.string() }));
const ticketTypesSchema = z.array(ticketTypeItem);

/** Bodies kept per database: the last map of each recently asked show, reused while nothing changed. */
const MAX_MEMO = 256;

type PerDb = {
  load: (showId: string) => Promise<Buffer>;
  memo: Map<string, { key: string; body: Buffer }>;
};
const perDb = new WeakMap<PgDb, PerDb>();

/**
 * The seat map of a show as a UTF-8 JSON body shaped like SeatMapResponse; BO_SHOW_NOT_FOUND if none.
 * Requests for one show that arrive while its map is being read share the next read (see coalesce).
 */
export async function getSeatMapBody(db: PgDb, showId: string): Promise<Buffer> {
  let state = perDb.get(db);
  if (state === undefined) {
    const memo = new Map<string, { key: string; body: Buffer }>();
    state = { memo, load: coalesce((id) => readSeatMap(db, memo, id)) };
    perDb.set(db, state);
  }
  return state.load(showId);
}

async function readSeatMap(db: PgDb, memo: PerDb['memo'], showId: string): Promise<Buffer> {
  const res = await db.$client.query<StateRow>({ name: 'catalog_seat_states', text: STATE_SQL, values: [showId] });
  const row = res.rows[0];
  if (row === undefined) {
    memo.delete(showId);
    throw new BoError('BO_SHOW_NOT_FOUND', `No show with id ${showId}.`, { showId });
  }
  // The row holds everything the body depends on besides the immutable layout, so an equal row
  // means an equal body: no rebuilding and no fresh 70 kB buffer for the garbage collector.
  const key = `${row.layout_id}|${row.status}|${row.currency}|${row.format_bp}|${row.version}|${row.seat_rows}|${row.taken}|${row.prices}|${row.ticket_types}`;
  const hit = memo.get(showId);
  memo.delete(showId);
  const body = hit?.key === key ? hit.body : await buildSeatMap(db, showId, row);
  memo.set(showId, { key, body });
  if (memo.size > MAX_MEMO) {
    const oldest = memo.keys().next();
    if (oldest.done !== true) memo.delete(oldest.value);
  }
  return body;
}

async function buildSeatMap(db: PgDb, showId: string, row: StateRow): Promise<Buffer> {
  const layout = await getLayout(db, row.layout_id);
  if (layout === null) throw new BoError('BO_SHOW_NOT_FOUND', `Show ${showId} has no seat layout.`, { showId });

  const states: string[] = new Array<string>(layout.seatIds.length).fill('available');
  if (row.seat_rows < layout.seatIds.length) await markMissingSeats(db, showId, layout.seatIds, states);
  if (row.taken !== '') {
    for (const entry of row.taken.split(',')) {
      const [id = '', state = ''] = entry.split(':');
      const at = layout.seatIndex.get(id);
      // A state this code does not know is shown as blocked: never offer a seat we cannot explain.
      if (at !== undefined) states[at] = STATES.has(state) ? state : 'blocked';
    }
  }

  let available = 0;
  const seats = layout.seatPrefixes.map((prefix, i) => {
    const state = states[i] ?? 'blocked';
    if (state === 'available') available++;
    return `${prefix}${state}"}`;
  });
  const ticketTypes = ticketTypesSchema.parse(JSON.parse(row.ticket_types));
  const prices = pricesSchema.parse(JSON.parse(row.prices));
  const head: Omit<SeatMapResponse, 'rows' | 'seats'> = {
    showId,
    layoutId: layout.layoutId,
    status: row.status,
    currency: row.currency,
    version: row.version,
    width: layout.width,
    height: layout.height,
    availability: { available, total: seats.length },
    ticketTypes,
    categories: priceCategories(layout.categories, prices, ticketTypes, row.format_bp, row.currency),
  };
  return Buffer.from(`${JSON.stringify(head).slice(0, -1)},"rows":${layout.rowsJson},"seats":[${seats.join(',')}]}`);
}

/** The seat map of a show as an object (for callers that are not the HTTP route). */
export async function getSeatMap(db: PgDb, showId: string): Promise<SeatMapResponse> {
  return seatMap.parse(JSON.parse((await getSeatMapBody(db, showId)).toString('utf8')));
}

// A layout seat without a show_seats row cannot be locked by the seat arbiter, so it must not be
// offered: it is shown blocked. Only runs when rows are missing, which a healthy show never has.
async function markMissingSeats(db: PgDb, showId: string, seatIds: readonly string[], states: string[]): Promise<void> {
  const res = await db.$client.query<{ seat_id: string }>({
    name: 'catalog_seat_rows',
    text: 'SELECT seat_id FROM show_seats WHERE show_id = $1',
    values: [showId],
  });
  const present = new Set(res.rows.map((r) => r.seat_id));
  seatIds.forEach((id, i) => {
    if (!present.has(id)) states[i] = 'blocked';
  });
}
