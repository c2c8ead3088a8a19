// The seat map of a show, built for speed: one prepared query reads the show's prices and the seats
// that are not plainly available, and the response is stamped onto the layout serialized in advance.
// The route serves these maps from memory (catalog-seat-cache.ts); this file only reads and builds.
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { SeatState } from '../../common/seat-map.js';
import type { PgDb } from '../../db/pg/client.js';
import { EFFECTIVE_STATE_SQL, priceCategories } from './catalog-common.js';
import { etagOf } from './catalog-etag.js';
import { getLayout } from './catalog-layout.js';
import { seatMap, ticketTypeItem, type SeatMapResponse } from './catalog-schemas.js';
import { serializeSeatStates } from './catalog-seat-states.js';

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
  /** Milliseconds from the statement's start until the first hold shown as held lapses; null if none. */
  lapse_ms: number | null;
  /** "holdId,…" of the active holds shown as held. */
  hold_ids: string;
  seat_rows: number;
  version: number;
};

// A hold that shows as held: the negation of the lapse test in EFFECTIVE_STATE_SQL.
const SHOWN_HELD = `ss.state = 'held' AND h.status = 'active' AND h.expires_at > now()`;

// Only seats that are not plainly available come back, so a fresh show costs a few bytes, not a row
// per seat. Everything the body depends on comes back as text in a fixed order, so the row itself
// can key the reuse of a previous body (see loadSeatMap). The lapse is measured in PostgreSQL's own
// clock and applied from the moment the statement was sent, so clock skew between hosts cannot
// stretch a hold in memory past its real end.
const STATE_SQL = `SELECT s.status, s.layout_id, c.currency, f.multiplier_bp AS format_bp,
  (SELECT coalesce(json_agg(json_build_object('categoryId', sp.category_id, 'amountMinor', sp.amount_minor, 'currency', sp.currency)
     ORDER BY sp.category_id), '[]')::text FROM show_prices sp WHERE sp.show_id = s.id) AS prices,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'multiplierBp', t.multiplier_bp)
     ORDER BY t.sort_order, t.id), '[]')::text FROM ticket_types t WHERE t.chain_id = c.chain_id) AS ticket_types,
  t.taken, t.lapse_ms, t.hold_ids, n.seat_rows, n.version
FROM shows s
JOIN cinemas c ON c.id = s.cinema_id
JOIN formats f ON f.id = s.format_id
CROSS JOIN LATERAL (
  SELECT coalesce(string_agg(ss.seat_id::text || ':' || ${EFFECTIVE_STATE_SQL}, ',' ORDER BY ss.seat_id), '') AS taken,
    (extract(epoch FROM min(h.expires_at) FILTER (WHERE ${SHOWN_HELD}) - now()) * 1000)::float8 AS lapse_ms,
    coalesce(string_agg(DISTINCT h.id, ',') FILTER (WHERE ${SHOWN_HELD}), '') AS hold_ids
  FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
  WHERE ss.show_id = s.id AND ss.state <> 'available') t
CROSS JOIN LATERAL (
  SELECT count(*)::int AS seat_rows, coalesce(sum(ss.version), 0)::int AS version
  FROM show_seats ss WHERE ss.show_id = s.id) n
WHERE s.id = $1 AND s.status <> 'draft'`;

const STATES: ReadonlySet<string> = new Set<SeatState>([
  'available',
  'held',
  'sold',
  'blocked',
  'allocated',
]);
const pricesSchema = z.array(
  z.object({ categoryId: z.string(), amountMinor: z.int(), currency: z.string() }),
);
const ticketTypesSchema = z.array(ticketTypeItem);

/** A show's seat map read from the database, serialized both ways and ready to send. */
export type LoadedSeatMap = {
  /** Everything the bodies depend on besides the immutable layout: equal keys mean equal bodies. */
  key: string;
  /** The full map (SeatMapResponse) as UTF-8 JSON, and its strong ETag. */
  body: Buffer;
  etag: string;
  /** The states only (SeatStatesResponse) as UTF-8 JSON, and its strong ETag. */
  states: Buffer;
  statesEtag: string;
  /** Time from sending the query until the first seat shown as held lapses to available; null if none. */
  lapseMs: number | null;
  /** The active holds shown as held, so a release known only by hold id finds its show. */
  holdIds: readonly string[];
};

/**
 * Reads the seat map of a show; BO_SHOW_NOT_FOUND if there is none. When the database answers
 * exactly what `previous` was built from, its buffers are reused: no rebuild, no fresh 70 kB of garbage.
 */
export async function loadSeatMap(
  db: PgDb,
  showId: string,
  previous?: LoadedSeatMap,
): Promise<LoadedSeatMap> {
  const res = await db.$client.query<StateRow>({
    name: 'catalog_seat_states',
    text: STATE_SQL,
    values: [showId],
  });
  const row = res.rows[0];
  if (row === undefined)
    throw new BoError('BO_SHOW_NOT_FOUND', `No show with id ${showId}.`, { showId });
  const key = `${row.layout_id}|${row.status}|${row.currency}|${row.format_bp}|${row.version}|${row.seat_rows}|${row.taken}|${row.prices}|${row.ticket_types}`;
  const fresh = {
    lapseMs: row.lapse_ms,
    holdIds: row.hold_ids === '' ? [] : row.hold_ids.split(','),
  };
  if (previous?.key === key) return { ...previous, ...fresh };
  return { key, ...(await buildSeatMap(db, showId, row)), ...fresh };
}

async function buildSeatMap(
  db: PgDb,
  showId: string,
  row: StateRow,
): Promise<Pick<LoadedSeatMap, 'body' | 'etag' | 'states' | 'statesEtag'>> {
  const layout = await getLayout(db, row.layout_id);
  if (layout === null)
    throw new BoError('BO_SHOW_NOT_FOUND', `Show ${showId} has no seat layout.`, { showId });

  const states: string[] = new Array<string>(layout.seatIds.length).fill('available');
  if (row.seat_rows < layout.seatIds.length)
    await markMissingSeats(db, showId, layout.seatIds, states);
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
  const availability = { available, total: seats.length };
  const head: Omit<SeatMapResponse, 'rows' | 'seats'> = {
    showId,
    layoutId: layout.layoutId,
    status: row.status,
    currency: row.currency,
    version: row.version,
    width: layout.width,
    height: layout.height,
    availability,
    ticketTypes,
    categories: priceCategories(
      layout.categories,
      prices,
      ticketTypes,
      row.format_bp,
      row.currency,
    ),
  };
  const body = Buffer.from(
    `${JSON.stringify(head).slice(0, -1)},"rows":${layout.rowsJson},"seats":[${seats.join(',')}]}`,
  );
  const compact = serializeSeatStates(
    { showId, layoutId: layout.layoutId, status: row.status, version: row.version, availability },
    states,
  );
  return { body, etag: etagOf(body), states: compact, statesEtag: etagOf(compact) };
}

/** The seat map of a show as a UTF-8 JSON body, read now (uncached); BO_SHOW_NOT_FOUND if none. */
export async function getSeatMapBody(db: PgDb, showId: string): Promise<Buffer> {
  return (await loadSeatMap(db, showId)).body;
}

/** The seat map of a show as an object (for callers that are not the HTTP route). */
export async function getSeatMap(db: PgDb, showId: string): Promise<SeatMapResponse> {
  return seatMap.parse(JSON.parse((await getSeatMapBody(db, showId)).toString('utf8')));
}

// A layout seat without a show_seats row cannot be locked by the seat arbiter, so it must not be
// offered: it is shown blocked. Only runs when rows are missing, which a healthy show never has.
async function markMissingSeats(
  db: PgDb,
  showId: string,
  seatIds: readonly string[],
  states: string[],
): Promise<void> {
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
