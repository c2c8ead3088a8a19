// Change-log entries for shows the roll-forward adds, so a station with an old cursor receives them on
// its next delta. The seed writes none: a fresh station takes a snapshot, which reads the tables.
import type pg from 'pg';
import type { SeatChange } from '../../common/sync-protocol.js';
import type { DemoData } from './types.js';

/** One change-log row, as the sync server's appendChange takes it. */
export type CatalogChange = {
  cinemaId: string;
  showId: string | null;
  entity: string;
  entityId: string;
  op: 'upsert' | 'delete';
  data: Record<string, unknown> | null;
};

/**
 * The sync server's change-log writers (sync-server/services/change-log.ts). They are passed in
 * because db/ may not import sync-server (DESIGN §2); the callers (npm start, demo:seed) can.
 */
export type ChangeLogWriter = {
  appendChange: (tx: pg.PoolClient, change: CatalogChange) => Promise<void>;
  appendSeatChanges: (
    tx: pg.PoolClient,
    cinemaId: string,
    showId: string,
    seats: SeatChange[],
  ) => Promise<void>;
};

/** Shows added (by the roll-forward, or published by a manager) with the seat states to send. */
export type AddedShows = {
  shows: readonly { id?: string | undefined }[];
  showSeats: readonly Pick<DemoData['showSeats'][number], 'showId' | 'seatId' | 'state'>[];
};

type Row = Record<string, unknown>;

/** Groups rows by a string key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Appends, in the writing transaction, one upsert per new movie-for-a-cinema, show and show price
 * (entity = the replica table, data = the row exactly as a snapshot chunk carries it), and one
 * show_seats change per show with every seat. Movies come first and each show's seats follow its
 * row, so a station applying in log order never meets a show before its film.
 */
export async function logAddedShows(
  client: pg.PoolClient,
  writer: ChangeLogWriter,
  added: AddedShows,
): Promise<number> {
  if (added.shows.length === 0) return 0;
  const showIds = added.shows.map((s) => s.id);
  // Read back rather than re-encode: the entries then match what the snapshot sends, column for column.
  const shows = await client.query<Row & { id: string; cinema_id: string; movie_id: string }>(
    'SELECT * FROM shows WHERE id = ANY($1::uuid[]) ORDER BY cinema_id, starts_at, id',
    [showIds],
  );
  const prices = await client.query<Row & { show_id: string; category_id: string }>(
    'SELECT * FROM show_prices WHERE show_id = ANY($1::uuid[]) ORDER BY show_id, category_id',
    [showIds],
  );
  const movieIds = [...new Set(shows.rows.map((s) => s.movie_id))];
  const movies = await client.query<Row & { id: string }>(
    'SELECT * FROM movies WHERE id = ANY($1::uuid[]) ORDER BY id',
    [movieIds],
  );
  const pricesOf = groupBy(prices.rows, (p) => p.show_id);
  const seatsOf = groupBy(added.showSeats, (s) => s.showId);
  let entries = 0;
  for (const [cinemaId, cinemaShows] of groupBy(shows.rows, (s) => s.cinema_id)) {
    const films = new Set(cinemaShows.map((s) => s.movie_id));
    for (const movie of movies.rows) {
      if (!films.has(movie.id)) continue;
      await writer.appendChange(client, {
        cinemaId,
        showId: null,
        entity: 'movies',
        entityId: movie.id,
        op: 'upsert',
        data: movie,
      });
      entries += 1;
    }
    for (const show of cinemaShows) {
      await writer.appendChange(client, {
        cinemaId,
        showId: show.id,
        entity: 'shows',
        entityId: show.id,
        op: 'upsert',
        data: show,
      });
      for (const p of pricesOf.get(show.id) ?? []) {
        await writer.appendChange(client, {
          cinemaId,
          showId: show.id,
          entity: 'show_prices',
          entityId: `${p.show_id}:${p.category_id}`,
          op: 'upsert',
          data: p,
        });
      }
      const seats: SeatChange[] = (seatsOf.get(show.id) ?? []).map((s) => ({
        seatId: s.seatId,
        state: s.state,
        stationId: null,
        version: 0,
      }));
      await writer.appendSeatChanges(client, cinemaId, show.id, seats);
      entries += 2 + (pricesOf.get(show.id)?.length ?? 0);
    }
  }
  return entries;
}
