// Cinemas and their screens as managers edit them (DESIGN §13). The cinemas and screens rows are
// replicated: each edit reaches the cinema's stations through the change log, so the next receipt
// prints a new address without a restart. Screen formats are the server's (the scheduler checks them).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  CinemaPatch,
  CinemaView,
  FormatView,
  ScreenInput,
  ScreenPatch,
  ScreenView,
} from '../../common/api/admin-cinemas.js';
import { BoError } from '../../common/errors.js';
import { chainOfStaff, conflict, invalid, recordEdit, rowChanges } from '../admin/edit.js';
import type { Principal } from '../identity/principal.js';
import type { Actor } from '../services/audit.js';
import { isUniqueViolation, withTx, type Tx } from '../services/tx.js';

type Db = pg.Pool | Tx;

const CINEMA_SQL = `SELECT c.id, c.name, c.city_id, ci.name AS city_name, c.address, c.time_zone, c.currency, c.locale, c.tax_ids, c.ads_minutes, c.day_starts_at,
  (SELECT count(*)::int FROM screens s WHERE s.cinema_id = c.id) AS screens
  FROM cinemas c JOIN cities ci ON ci.id = c.city_id`;
type CinemaRow = {
  id: string;
  name: string;
  city_id: string;
  city_name: string;
  address: string;
  time_zone: string;
  currency: string;
  locale: string;
  tax_ids: string[];
  ads_minutes: number;
  day_starts_at: string;
  screens: number;
};
const cinemaView = (r: CinemaRow): CinemaView => ({
  id: r.id,
  name: r.name,
  cityId: r.city_id,
  cityName: r.city_name,
  address: r.address,
  timeZone: r.time_zone,
  currency: r.currency,
  locale: r.locale,
  taxIds: r.tax_ids,
  adsMinutes: r.ads_minutes,
  dayStartsAt: r.day_starts_at,
  screenCount: r.screens,
});

/** The cinemas a staff member manages; an admin's are every cinema of the chain. */
export async function listCinemas(pool: pg.Pool, p: Principal): Promise<CinemaView[]> {
  if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
  const chain = await chainOfStaff(pool, p.id);
  const r = await pool.query<CinemaRow>(
    `${CINEMA_SQL} WHERE c.chain_id = $1 AND ($2 OR c.id = ANY($3::uuid[])) ORDER BY c.name, c.id`,
    [chain, p.role === 'admin', p.cinemaIds],
  );
  return r.rows.map(cinemaView);
}

/** One cinema. */
export async function getCinema(db: Db, id: string): Promise<CinemaView> {
  const r = await db.query<CinemaRow>(`${CINEMA_SQL} WHERE c.id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
  return cinemaView(row);
}

async function replicaRow(tx: Tx, table: 'cinemas' | 'screens', id: string) {
  const r = await tx.query<Record<string, unknown> & { id: string }>(
    `SELECT * FROM ${table} WHERE id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'Not found.');
  return row;
}

/** Changes a cinema's details; its currency only while nothing is priced or sold in it. */
export async function updateCinema(
  pool: pg.Pool,
  actor: Actor,
  id: string,
  patch: CinemaPatch,
): Promise<CinemaView> {
  return withTx(pool, async (tx) => {
    await tx.query('SELECT 1 FROM cinemas WHERE id = $1 FOR UPDATE', [id]);
    const before = await getCinema(tx, id);
    if (patch.currency !== undefined && patch.currency !== before.currency) {
      const used = await tx.query(
        `SELECT 1 FROM show_prices sp JOIN shows s ON s.id = sp.show_id WHERE s.cinema_id = $1
         UNION ALL SELECT 1 FROM orders WHERE cinema_id = $1 UNION ALL SELECT 1 FROM concession_items WHERE cinema_id = $1 LIMIT 1`,
        [id],
      );
      if (used.rowCount)
        throw conflict(
          '/currency',
          'The currency cannot change: this cinema already has prices or sales in it.',
        );
    }
    await tx.query(
      `UPDATE cinemas SET name = COALESCE($2, name), address = COALESCE($3, address), time_zone = COALESCE($4, time_zone),
         currency = COALESCE($5, currency), locale = COALESCE($6, locale), tax_ids = COALESCE($7::jsonb, tax_ids),
         ads_minutes = COALESCE($8, ads_minutes), day_starts_at = COALESCE($9, day_starts_at)
       WHERE id = $1`,
      [
        id,
        patch.name ?? null,
        patch.address ?? null,
        patch.timeZone ?? null,
        patch.currency ?? null,
        patch.locale ?? null,
        patch.taxIds === undefined ? null : JSON.stringify(patch.taxIds),
        patch.adsMinutes ?? null,
        patch.dayStartsAt ?? null,
      ],
    );
    const after = await getCinema(tx, id);
    await recordEdit(tx, {
      actor,
      action: 'cinema.update',
      entity: 'cinema',
      entityId: id,
      before,
      after,
      changes: rowChanges('cinemas', await replicaRow(tx, 'cinemas', id), [id]),
    });
    return after;
  });
}

/** Every format there is. */
export async function listFormats(pool: pg.Pool): Promise<FormatView[]> {
  const r = await pool.query<FormatView>(
    'SELECT id, code, name FROM formats ORDER BY multiplier_bp, code',
  );
  return r.rows;
}

const SCREEN_SQL = `SELECT s.id, s.cinema_id, s.name, s.cleaning_minutes,
  COALESCE((SELECT json_agg(f.code ORDER BY f.multiplier_bp, f.code) FROM screen_formats sf JOIN formats f ON f.id = sf.format_id WHERE sf.screen_id = s.id), '[]') AS formats,
  a.id AS active_layout_id,
  COALESCE((SELECT count(*)::int FROM seats x WHERE x.layout_id = a.id), 0) AS seat_count,
  COALESCE((SELECT count(*)::int FROM seats x WHERE x.layout_id = a.id AND x.kind = 'wheelchair'), 0) AS wheelchair_count,
  (SELECT count(*)::int FROM seat_layouts l WHERE l.screen_id = s.id) AS layout_count
  FROM screens s
  LEFT JOIN LATERAL (SELECT l.id FROM seat_layouts l WHERE l.screen_id = s.id AND l.active ORDER BY l.version DESC, l.created_at DESC LIMIT 1) a ON true`;
type ScreenRow = {
  id: string;
  cinema_id: string;
  name: string;
  cleaning_minutes: number;
  formats: string[];
  active_layout_id: string | null;
  seat_count: number;
  wheelchair_count: number;
  layout_count: number;
};
const screenView = (r: ScreenRow): ScreenView => ({
  id: r.id,
  cinemaId: r.cinema_id,
  name: r.name,
  cleaningMinutes: r.cleaning_minutes,
  formats: r.formats,
  activeLayoutId: r.active_layout_id,
  seatCount: r.seat_count,
  wheelchairCount: r.wheelchair_count,
  layoutCount: r.layout_count,
});

/** A cinema's screens, by name. */
export async function listScreens(db: Db, cinemaId: string): Promise<ScreenView[]> {
  const r = await db.query<ScreenRow>(
    `${SCREEN_SQL} WHERE s.cinema_id = $1 ORDER BY s.name, s.id`,
    [cinemaId],
  );
  return r.rows.map(screenView);
}

async function getScreen(db: Db, id: string): Promise<ScreenView> {
  const r = await db.query<ScreenRow>(`${SCREEN_SQL} WHERE s.id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such screen.');
  return screenView(row);
}

async function setFormats(tx: Tx, screenId: string, codes: readonly string[]): Promise<void> {
  const r = await tx.query<{ id: string; code: string }>(
    'SELECT id, code FROM formats WHERE code = ANY($1::text[])',
    [codes],
  );
  const known = new Map(r.rows.map((x) => [x.code, x.id]));
  const fields: Record<string, string> = {};
  codes.forEach((c, i) => {
    if (!known.has(c)) fields[`/formats/${String(i)}`] = `is not a format (${c})`;
  });
  if (Object.keys(fields).length > 0) throw invalid(fields);
  await tx.query('DELETE FROM screen_formats WHERE screen_id = $1', [screenId]);
  await tx.query(
    'INSERT INTO screen_formats (screen_id, format_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
    [screenId, [...known.values()]],
  );
}

async function nameFree(tx: Tx, cinemaId: string, name: string, except: string | null) {
  const r = await tx.query(
    'SELECT 1 FROM screens WHERE cinema_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3',
    [cinemaId, name, except],
  );
  if (r.rowCount) throw conflict('/name', `This cinema already has a screen called ${name}.`);
}

/** Adds a screen to a cinema (its seat layout is drawn next). */
export async function createScreen(
  pool: pg.Pool,
  actor: Actor,
  cinemaId: string,
  input: ScreenInput,
): Promise<ScreenView> {
  return withTx(pool, async (tx) => {
    await tx.query('SELECT 1 FROM cinemas WHERE id = $1 FOR UPDATE', [cinemaId]);
    await nameFree(tx, cinemaId, input.name, null);
    const id = randomUUID();
    await tx.query(
      'INSERT INTO screens (id, cinema_id, name, cleaning_minutes) VALUES ($1, $2, $3, $4)',
      [id, cinemaId, input.name, input.cleaningMinutes],
    );
    await setFormats(tx, id, input.formats);
    const after = await getScreen(tx, id);
    await recordEdit(tx, {
      actor,
      action: 'screen.create',
      entity: 'screen',
      entityId: id,
      before: null,
      after,
      changes: rowChanges('screens', await replicaRow(tx, 'screens', id), [cinemaId]),
    });
    return after;
  });
}

/** Changes a screen's name, cleaning time or formats. */
export async function updateScreen(
  pool: pg.Pool,
  actor: Actor,
  id: string,
  patch: ScreenPatch,
): Promise<ScreenView> {
  try {
    return await withTx(pool, async (tx) => {
      await tx.query('SELECT 1 FROM screens WHERE id = $1 FOR UPDATE', [id]);
      const before = await getScreen(tx, id);
      if (patch.name !== undefined) await nameFree(tx, before.cinemaId, patch.name, id);
      await tx.query(
        'UPDATE screens SET name = COALESCE($2, name), cleaning_minutes = COALESCE($3, cleaning_minutes) WHERE id = $1',
        [id, patch.name ?? null, patch.cleaningMinutes ?? null],
      );
      if (patch.formats !== undefined) await setFormats(tx, id, patch.formats);
      const after = await getScreen(tx, id);
      await recordEdit(tx, {
        actor,
        action: 'screen.update',
        entity: 'screen',
        entityId: id,
        before,
        after,
        changes: rowChanges('screens', await replicaRow(tx, 'screens', id), [before.cinemaId]),
      });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('/name', 'That name is taken.');
    throw e;
  }
}
