// What the counter reads from the replica: the day's shows and a show's seat map.
import type {
  ConcessionItemView,
  ShowListItem,
  StationSeat,
  StationSeatMap,
} from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { ticketUnitPrice } from '../../common/pricing.js';
import { localDateOf, localDayRange, localTimeOf } from '../../common/schedule.js';
import { countSeats } from '../../common/seat-counts.js';
import type { SeatKind, SeatState } from '../../common/seat-map.js';
import { saleClosesAt } from '../../common/show-sale-window.js';
import type { CinemaInfo } from '../../common/contract/station.js';
import type { LocalDb } from './local-db.js';

/** What reading shows needs besides the replica: the cinema, whose escrow is "mine", the clock and the sale window. */
export type ShowContext = {
  cinema: CinemaInfo;
  stationId: string;
  /** Minutes after the start during which a show still sells (station config). */
  graceMinutes: number;
  /** Now, in ms: injected so tests can stand at any hour. */
  now: number;
};

type ShowRow = {
  id: string;
  movie_id: string;
  title: string;
  certification: string;
  duration_minutes: number;
  poster_url: string | null;
  screen: string;
  format: string;
  language: string;
  starts_at: number;
  ends_at: number;
  status: string;
  layout_id: string;
  format_bp: number;
  total: number;
  available: number;
  mine: number;
};

const SHOW_SQL = `SELECT sh.id, sh.movie_id, m.title, m.certification, m.duration_minutes, m.poster_url, sc.name AS screen, f.code AS format, f.multiplier_bp AS format_bp,
    sh.language, sh.starts_at, sh.ends_at, sh.status, sh.layout_id,
    (SELECT count(*) FROM show_seats ss WHERE ss.show_id = sh.id) AS total,
    (SELECT count(*) FROM show_seats ss WHERE ss.show_id = sh.id AND ss.state = 'available') AS available,
    (SELECT count(*) FROM show_seats ss WHERE ss.show_id = sh.id AND ss.state = 'allocated' AND ss.station_id = @station) AS mine
  FROM shows sh JOIN movies m ON m.id = sh.movie_id JOIN screens sc ON sc.id = sh.screen_id JOIN formats f ON f.id = sh.format_id`;

function toItem(r: ShowRow, ctx: ShowContext): ShowListItem {
  const cinema = ctx.cinema;
  return {
    id: r.id,
    movieId: r.movie_id,
    movieTitle: r.title,
    certification: r.certification,
    durationMinutes: r.duration_minutes,
    posterUrl: r.poster_url,
    screenName: r.screen,
    format: r.format,
    language: r.language,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    localTime: localTimeOf(new Date(r.starts_at), cinema.timeZone, cinema.locale),
    status: r.status,
    salesCloseAt: new Date(saleClosesAt(r.starts_at, ctx.graceMinutes)).toISOString(),
    seats: { total: r.total, available: r.available + r.mine, mine: r.mine },
  };
}

/**
 * Takes seats of sales still in the outbox off the counts, as the seat map shows them sold: the list
 * and the map header count the same seats (common/seat-counts).
 */
function withoutPending(db: LocalDb, items: ShowListItem[], stationId: string): ShowListItem[] {
  const pending = pendingByShow(db);
  if (pending.size === 0) return items;
  return items.map((item) => {
    const seatIds = [...(pending.get(item.id) ?? [])];
    if (seatIds.length === 0) return item;
    const rows = db.$client
      .prepare(
        `SELECT state, station_id FROM show_seats WHERE show_id = ? AND seat_id IN (${seatIds.map(() => '?').join(',')})`,
      )
      .all(item.id, ...seatIds) as { state: string; station_id: string | null }[];
    const taken = countSeats(
      rows.map((r) => ({ state: r.state, mine: r.station_id === stationId })),
    );
    return {
      ...item,
      seats: {
        total: item.seats.total,
        available: item.seats.available - taken.available,
        mine: item.seats.mine - taken.mine,
      },
    };
  });
}

/** Shows of a local date in the cinema's zone (default today), by start time. */
export function listShows(db: LocalDb, ctx: ShowContext, date?: string): ShowListItem[] {
  const day = date ?? localDateOf(new Date(ctx.now), ctx.cinema.timeZone);
  const { from, to } = localDayRange(day, ctx.cinema.timeZone);
  const rows = db.$client
    .prepare(
      `${SHOW_SQL} WHERE sh.starts_at >= @from AND sh.starts_at < @to AND sh.status != 'cancelled' ORDER BY sh.starts_at, m.title`,
    )
    .all({ from: from.getTime(), to: to.getTime(), station: ctx.stationId }) as ShowRow[];
  return withoutPending(
    db,
    rows.map((r) => toItem(r, ctx)),
    ctx.stationId,
  );
}

/** One show as a list item; BO_SHOW_NOT_FOUND if the replica does not have it. */
export function getShow(
  db: LocalDb,
  ctx: ShowContext,
  showId: string,
): ShowListItem & { layoutId: string; formatBp: number } {
  const r = db.$client
    .prepare(`${SHOW_SQL} WHERE sh.id = @id`)
    .get({ id: showId, station: ctx.stationId }) as ShowRow | undefined;
  if (!r)
    throw new BoError(
      'BO_SHOW_NOT_FOUND',
      'This show is not in the station’s copy of the schedule. Wait for the sync, or pick another show.',
    );
  return { ...toItem(r, ctx), layoutId: r.layout_id, formatBp: r.format_bp };
}

/** Seats with sales waiting in the outbox, per show. */
function pendingByShow(db: LocalDb): Map<string, Set<string>> {
  const rows = db.$client.prepare("SELECT payload FROM outbox WHERE kind = 'sell'").all() as {
    payload: string;
  }[];
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { showId?: string; lines?: { seatId: string }[] };
    if (p.showId === undefined) continue;
    const seats = out.get(p.showId) ?? new Set<string>();
    for (const l of p.lines ?? []) seats.add(l.seatId);
    out.set(p.showId, seats);
  }
  return out;
}

/** Seats with sales waiting in the outbox, so the map shows server state plus pending mutations. */
export function pendingSeats(db: LocalDb, showId: string): Set<string> {
  return pendingByShow(db).get(showId) ?? new Set<string>();
}

/** The seat map of a show from the replica. */
export function seatMap(db: LocalDb, ctx: ShowContext, showId: string): StationSeatMap {
  const { cinema, stationId } = ctx;
  const show = getShow(db, ctx, showId);
  const layout = db.$client
    .prepare('SELECT width, height, blocks FROM seat_layouts WHERE id = ?')
    .get(show.layoutId) as { width: number; height: number; blocks: string } | undefined;
  const rows = db.$client
    .prepare('SELECT label, y FROM layout_rows WHERE layout_id = ? ORDER BY sort_order')
    .all(show.layoutId) as { label: string; y: number }[];
  const seats = db.$client
    .prepare(
      `SELECT s.id, s.label, s.row_label, s.number, s.x, s.y, s.category_id, s.kind, s.restricted_view, ss.state, ss.station_id
              FROM seats s JOIN show_seats ss ON ss.seat_id = s.id AND ss.show_id = ? WHERE s.layout_id = ? ORDER BY s.y, s.x`,
    )
    .all(showId, show.layoutId) as {
    id: string;
    label: string;
    row_label: string;
    number: number;
    x: number;
    y: number;
    category_id: string;
    kind: SeatKind;
    restricted_view: number;
    state: SeatState;
    station_id: string | null;
  }[];
  const pending = pendingSeats(db, showId);
  const mapSeats: StationSeat[] = seats.map((s) => ({
    id: s.id,
    label: s.label,
    rowLabel: s.row_label,
    number: s.number,
    x: s.x,
    y: s.y,
    categoryId: s.category_id,
    kind: s.kind,
    ...(s.restricted_view ? { restrictedView: true } : {}),
    state: pending.has(s.id) ? 'sold' : s.state,
    mine: s.state === 'allocated' && s.station_id === stationId,
    pending: pending.has(s.id),
  }));
  const ticketTypes = (
    db.$client
      .prepare('SELECT id, code, name, multiplier_bp FROM ticket_types ORDER BY sort_order')
      .all() as { id: string; code: string; name: string; multiplier_bp: number }[]
  ).map((t) => ({ id: t.id, code: t.code, name: t.name, multiplierBp: t.multiplier_bp }));
  const cats = db.$client
    .prepare(
      'SELECT c.id, c.name, c.color, c.rank, p.amount_minor FROM seat_categories c JOIN show_prices p ON p.category_id = c.id AND p.show_id = ? ORDER BY c.rank',
    )
    .all(showId) as {
    id: string;
    name: string;
    color: string;
    rank: number;
    amount_minor: number;
  }[];
  const taxes = (
    db.$client
      .prepare('SELECT name, rate_bp, inclusive, item_class FROM taxes ORDER BY name')
      .all() as {
      name: string;
      rate_bp: number;
      inclusive: number;
      item_class: 'ticket' | 'concession';
    }[]
  ).map((t) => ({
    name: t.name,
    rateBp: t.rate_bp,
    inclusive: t.inclusive === 1,
    itemClass: t.item_class,
  }));
  return {
    // The same counts as the list's, from the seats the map shows.
    show: { ...show, seats: countSeats(mapSeats) },
    width: layout?.width ?? 0,
    height: layout?.height ?? 0,
    blocks: blocksOf(layout?.blocks),
    rows,
    seats: mapSeats,
    categories: cats.map((c) => ({
      id: c.id,
      name: c.name,
      color: c.color,
      rank: c.rank,
      basePriceMinor: c.amount_minor,
      prices: Object.fromEntries(
        ticketTypes.map((t) => [
          t.id,
          ticketUnitPrice(c.amount_minor, show.formatBp, t.multiplierBp),
        ]),
      ),
    })),
    ticketTypes,
    formatMultiplierBp: show.formatBp,
    taxes,
    currency: cinema.currency,
  };
}

/** The cinema's active food and drink, grouped by category (in the order the menu lists them), cheapest first. */
export function listConcessions(db: LocalDb, cinema: CinemaInfo): ConcessionItemView[] {
  // rowid keeps the menu's own category order (popcorn before drinks), which the server sends as written.
  const rows = db.$client
    .prepare(
      `SELECT i.id, i.name, i.category, i.price_minor, i.currency FROM concession_items i
       JOIN (SELECT category, min(rowid) AS first FROM concession_items WHERE cinema_id = @cinema AND active = 1 GROUP BY category) c ON c.category = i.category
       WHERE i.cinema_id = @cinema AND i.active = 1 AND i.currency = @currency ORDER BY c.first, i.price_minor, i.name`,
    )
    .all({ cinema: cinema.id, currency: cinema.currency }) as {
    id: string;
    name: string;
    category: string;
    price_minor: number;
    currency: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    priceMinor: r.price_minor,
    currency: r.currency,
  }));
}

/** The pillars of a layout from the replica's JSON; anything unreadable is none. */
function blocksOf(json: string | undefined): { x: number; y: number }[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v)
      ? v.filter(
          (b): b is { x: number; y: number } =>
            typeof b === 'object' &&
            b !== null &&
            typeof (b as { x?: unknown }).x === 'number' &&
            typeof (b as { y?: unknown }).y === 'number',
        )
      : [];
  } catch {
    return [];
  }
}
