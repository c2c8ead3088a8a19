// The chain's film catalogue as managers edit it (DESIGN §13). A film's status follows from its
// dates and today's date, so closing needs no job: after the close date it gets no new shows, while
// the shows it has keep selling.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  FilmInput,
  FilmListQuery,
  FilmStatus,
  FilmView,
} from '../../common/api/admin-films.js';
import { BoError } from '../../common/errors.js';
import { chainOfStaff, recordEdit, rowChanges } from '../admin/edit.js';
import type { Actor } from '../services/audit.js';
import { withTx, type Tx } from '../services/tx.js';

type MovieRow = {
  id: string;
  chain_id: string;
  title: string;
  synopsis: string;
  genres: string[];
  languages: string[];
  certification: string;
  cast: string[];
  duration_minutes: number;
  rating_tenths: number | null;
  release_date: string;
  close_date: string | null;
  poster_url: string | null;
  updated_at: Date;
};

/** Today as a calendar date (UTC): films open and close on whole days, chain-wide. */
export const calendarToday = (now: Date): string => now.toISOString().slice(0, 10);

/** coming_soon before the release date, closed after the close date, now_showing between. */
export function filmStatusOn(today: string, release: string, close: string | null): FilmStatus {
  if (today < release) return 'coming_soon';
  if (close !== null && today > close) return 'closed';
  return 'now_showing';
}

// Dates as text: node-postgres would turn a date into a local-midnight Date.
const SELECT = `SELECT m.id, m.chain_id, m.title, m.synopsis, m.genres, m.languages, m.certification, m.cast,
  m.duration_minutes, m.rating_tenths, m.release_date::text AS release_date, m.close_date::text AS close_date,
  m.poster_url, m.updated_at,
  (SELECT count(*)::int FROM shows s WHERE s.movie_id = m.id AND s.starts_at > $2 AND s.status <> 'cancelled') AS upcoming
  FROM movies m`;

function view(r: MovieRow & { upcoming: number }, today: string): FilmView {
  return {
    id: r.id,
    title: r.title,
    synopsis: r.synopsis,
    genres: r.genres,
    languages: r.languages,
    certification: r.certification,
    cast: r.cast,
    durationMinutes: r.duration_minutes,
    ratingTenths: r.rating_tenths,
    releaseDate: r.release_date,
    closeDate: r.close_date,
    posterUrl: r.poster_url,
    status: filmStatusOn(today, r.release_date, r.close_date),
    upcomingShows: r.upcoming,
    updatedAt: r.updated_at.toISOString(),
  };
}

const STATUS_SQL = `CASE WHEN $3::date < m.release_date THEN 'coming_soon'
  WHEN m.close_date IS NOT NULL AND $3::date > m.close_date THEN 'closed' ELSE 'now_showing' END`;
const SORTS: Record<FilmListQuery['sort'], string> = {
  title: 'lower(m.title)',
  releaseDate: 'm.release_date',
  status: STATUS_SQL,
  updatedAt: 'm.updated_at',
};

/** One page of the chain's films. */
export async function listFilms(
  pool: pg.Pool,
  staffId: string,
  q: FilmListQuery,
  now: Date,
): Promise<{ items: FilmView[]; total: number; page: number; pageSize: number }> {
  const chain = await chainOfStaff(pool, staffId);
  const today = calendarToday(now);
  // $2 and $3 are typed here because the count does not otherwise use them.
  const where = ['m.chain_id = $1', '$2::timestamptz IS NOT NULL', '$3::date IS NOT NULL'];
  const values: unknown[] = [chain, now, today];
  if (q.q) {
    values.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${String(values.length)}`;
    where.push(
      `(m.title ILIKE ${p} OR m.cast::text ILIKE ${p} OR m.genres::text ILIKE ${p} OR m.certification ILIKE ${p})`,
    );
  }
  if (q.status) {
    values.push(q.status);
    where.push(`${STATUS_SQL} = $${String(values.length)}`);
  }
  const filter = where.join(' AND ');
  const total = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM movies m WHERE ${filter}`,
    values,
  );
  const rows = await pool.query<MovieRow & { upcoming: number }>(
    `${SELECT} WHERE ${filter} ORDER BY ${SORTS[q.sort]} ${q.dir === 'desc' ? 'DESC' : 'ASC'}, m.id
     LIMIT ${String(q.pageSize)} OFFSET ${String((q.page - 1) * q.pageSize)}`,
    values,
  );
  return {
    items: rows.rows.map((r) => view(r, today)),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One film of the caller's chain; 404 for any other. */
export async function getFilm(
  db: pg.Pool | Tx,
  staffId: string,
  id: string,
  now: Date,
): Promise<FilmView> {
  const chain = await chainOfStaff(db, staffId);
  const r = await db.query<MovieRow & { upcoming: number }>(
    `${SELECT} WHERE m.chain_id = $1 AND m.id = $3`,
    [chain, now, id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such film.');
  return view(row, calendarToday(now));
}

async function cinemasOfChain(tx: Tx, chain: string): Promise<string[]> {
  const r = await tx.query<{ id: string }>('SELECT id FROM cinemas WHERE chain_id = $1', [chain]);
  return r.rows.map((x) => x.id);
}

/** The movies row as stations store it, after a write, and its change to every cinema of the chain. */
export async function publishMovie(
  tx: Tx,
  id: string,
): Promise<{ row: Record<string, unknown> & { id: string }; cinemas: string[] }> {
  const r = await tx.query<Record<string, unknown> & { id: string; chain_id: string }>(
    'SELECT * FROM movies WHERE id = $1',
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such film.');
  return { row, cinemas: await cinemasOfChain(tx, row.chain_id) };
}

const COLUMNS = (f: FilmInput) => [
  f.title,
  f.synopsis,
  JSON.stringify(f.genres),
  JSON.stringify(f.languages),
  f.certification,
  JSON.stringify(f.cast),
  f.durationMinutes,
  f.ratingTenths,
  f.releaseDate,
  f.closeDate,
];

/** Creates a film of the caller's chain. */
export async function createFilm(
  pool: pg.Pool,
  actor: Actor & { id: string },
  input: FilmInput,
  now: Date,
): Promise<FilmView> {
  return withTx(pool, async (tx) => {
    const chain = await chainOfStaff(tx, actor.id);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO movies (id, chain_id, title, synopsis, genres, languages, certification, "cast", duration_minutes, rating_tenths, release_date, close_date, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, chain, ...COLUMNS(input), now],
    );
    const after = await getFilm(tx, actor.id, id, now);
    const { row, cinemas } = await publishMovie(tx, id);
    await recordEdit(tx, {
      actor,
      action: 'film.create',
      entity: 'movie',
      entityId: id,
      before: null,
      after,
      changes: rowChanges('movies', row, cinemas),
    });
    return after;
  });
}

/** Replaces a film's details. */
export async function updateFilm(
  pool: pg.Pool,
  actor: Actor & { id: string },
  id: string,
  input: FilmInput,
  now: Date,
): Promise<FilmView> {
  return withTx(pool, async (tx) => {
    const before = await getFilm(tx, actor.id, id, now);
    await tx.query('SELECT 1 FROM movies WHERE id = $1 FOR UPDATE', [id]);
    await tx.query(
      `UPDATE movies SET title = $2, synopsis = $3, genres = $4, languages = $5, certification = $6, "cast" = $7,
         duration_minutes = $8, rating_tenths = $9, release_date = $10, close_date = $11, updated_at = $12
       WHERE id = $1`,
      [id, ...COLUMNS(input), now],
    );
    const after = await getFilm(tx, actor.id, id, now);
    const { row, cinemas } = await publishMovie(tx, id);
    await recordEdit(tx, {
      actor,
      action: 'film.update',
      entity: 'movie',
      entityId: id,
      before,
      after,
      changes: rowChanges('movies', row, cinemas),
    });
    return after;
  });
}
