// Rolls the demo week forward: each demo cinema gets the shows of every local day from today to
// today+6 that has none yet, planned by the seed's own generator, so a demo started again a week
// later still has shows to sell. Nothing that exists is changed; running it twice adds nothing.
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { z } from 'zod';
import type { PgDb } from '../pg/client.js';
import * as schema from '../pg/schema.js';
import { logAddedShows, type ChangeLogWriter } from './extend-changes.js';
import { buildDemoBase, planDemoDays } from './generate.js';
import { scheduleDates } from './schedule.js';
import { DEMO_LOCK, DEMO_META_KEY } from './seed.js';
import type { DemoData } from './types.js';
import { writeShows } from './write.js';

/** Options of extendDemoSchedule; `now` defaults to the current time. */
export type ExtendOptions = { now?: Date; changeLog: ChangeLogWriter };

/** What a roll-forward did. */
export type ExtendResult = {
  seed: number;
  /** Shows added (0 when every day already had shows). */
  added: number;
  /** Cinema-days that had no shows and were planned. */
  days: number;
  /** The last local date of the week, the latest across the cinemas' time zones (YYYY-MM-DD). */
  through: string;
  /** Change-log entries written for stations. */
  changes: number;
  elapsedMs: number;
};

const marker = z.object({ seed: z.number().int().nonnegative(), today: z.iso.datetime() });

/** The seed and instant the database's demo chain was made from; null when it holds no demo. */
export async function readDemoMarker(db: PgDb): Promise<{ seed: number; today: Date } | null> {
  const r = await db.$client.query<{ value: string }>(
    'SELECT value FROM server_meta WHERE key = $1',
    [DEMO_META_KEY],
  );
  const value = r.rows[0]?.value;
  if (value === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const m = marker.safeParse(parsed);
  return m.success ? { seed: m.data.seed, today: new Date(m.data.today) } : null;
}

type Planned = Pick<DemoData, 'shows' | 'showPrices' | 'showSeats'>;

/** Drops planned shows that would overlap a show already on their screen, with their prices and seats. */
async function withoutOverlaps(client: pg.PoolClient, planned: Planned): Promise<Planned> {
  if (planned.shows.length === 0) return planned;
  const from = Math.min(...planned.shows.map((s) => s.startsAt.getTime()));
  const to = Math.max(...planned.shows.map((s) => s.endsAt.getTime()));
  const existing = await client.query<{ screen_id: string; starts_at: Date; ends_at: Date }>(
    'SELECT screen_id, starts_at, ends_at FROM shows WHERE screen_id = ANY($1::uuid[]) AND starts_at < $3 AND ends_at > $2',
    [[...new Set(planned.shows.map((s) => s.screenId))], new Date(from), new Date(to)],
  );
  const clashes = (s: Planned['shows'][number]): boolean =>
    existing.rows.some(
      (e) => e.screen_id === s.screenId && e.starts_at < s.endsAt && e.ends_at > s.startsAt,
    );
  const shows = planned.shows.filter((s) => !clashes(s));
  if (shows.length === planned.shows.length) return planned;
  const kept = new Set(shows.map((s) => s.id));
  return {
    shows,
    showPrices: planned.showPrices.filter((p) => kept.has(p.showId)),
    showSeats: planned.showSeats.filter((s) => kept.has(s.showId)),
  };
}

/**
 * Adds the demo shows of every local day from today to today+6 that has none yet, in each demo
 * cinema, with their prices, show seats and change-log entries, in one transaction. Returns null
 * when the database holds no demo chain (DATABASE_URL pointing at a real one), and changes nothing.
 */
export async function extendDemoSchedule(
  db: PgDb,
  opts: ExtendOptions,
): Promise<ExtendResult | null> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const found = await readDemoMarker(db);
  if (found === null) return null;
  // Film release dates are relative to the day of the seed, so the base is rebuilt as of that day.
  const base = buildDemoBase(found.seed, found.today);
  const chain = await db.$client.query('SELECT 1 FROM chains WHERE id = $1', [base.chain.chainId]);
  if (chain.rowCount === 0) return null;
  const through =
    base.chain.cinemas
      .map((c) => scheduleDates(now, c.spec.timeZone).at(-1) ?? '')
      .sort()
      .at(-1) ?? '';
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    // Days are checked under the lock, so two starts at once cannot both add the same day.
    await client.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    const planned: Planned = { shows: [], showPrices: [], showSeats: [] };
    let days = 0;
    for (const cinema of base.chain.cinemas) {
      const dates = scheduleDates(now, cinema.spec.timeZone);
      const have = await client.query<{ day: string }>(
        `SELECT DISTINCT (s.starts_at AT TIME ZONE c.time_zone)::date::text AS day FROM shows s JOIN cinemas c ON c.id = s.cinema_id
         WHERE s.cinema_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3`,
        [
          cinema.id,
          new Date(now.getTime() - 2 * 86_400_000),
          new Date(now.getTime() + 9 * 86_400_000),
        ],
      );
      const taken = new Set(have.rows.map((r) => r.day));
      const missing = dates.filter((d) => !taken.has(d));
      if (missing.length === 0) continue;
      const rows = planDemoDays(base, cinema, missing, now);
      days += missing.length;
      planned.shows.push(...rows.shows);
      planned.showPrices.push(...rows.showPrices);
      for (const s of rows.showSeats) planned.showSeats.push(s);
    }
    const toWrite = await withoutOverlaps(client, planned);
    await writeShows(drizzle(client, { schema, casing: 'snake_case' }), toWrite, () => undefined);
    const changes = await logAddedShows(client, opts.changeLog, toWrite);
    await client.query('COMMIT');
    return {
      seed: found.seed,
      added: toWrite.shows.length,
      days,
      through,
      changes,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
    });
    throw e;
  } finally {
    client.release(broken);
  }
}
