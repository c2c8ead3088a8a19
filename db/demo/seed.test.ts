import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import type { PgDb } from '../pg/client.js';
import { hashSecret, verifySecret } from '../secret-hash.js';
import { DemoNotEmptyError, isDatabaseEmpty, seedDemo, type DemoSummary } from './seed.js';
import { refreshDemoPins } from './staff-pins.js';
import { wipeDatabase } from './wipe.js';

const TODAY = new Date('2025-11-21T06:30:00Z');

describe('seedDemo on PostgreSQL', () => {
  let db: PgDb;
  let summary: DemoSummary;
  let emptyBefore = false;
  const progress: { done: number; total: number; step: string }[] = [];

  /** Runs a query that returns a single integer `n`. */
  const count = async (text: string): Promise<number> => {
    const res = await db.$client.query<{ n: number }>(text);
    return res.rows[0]?.n ?? -1;
  };

  beforeAll(async () => {
    db = (await freshPg()).db;
    emptyBefore = await isDatabaseEmpty(db);
    summary = await seedDemo(db, {
      seed: 7,
      today: TODAY,
      onProgress: (done, total, step) => progress.push({ done, total, step }),
    });
    process.stdout.write(
      `demo seed took ${summary.elapsedMs} ms: ${JSON.stringify(summary.counts)}\n`,
    );
  }, 60_000);

  afterAll(async () => {
    await db.$client.end();
  });

  it('reports an empty database before and a full one after', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  it('refuses to seed a database that is not empty', async () => {
    await expect(seedDemo(db, { seed: 7, today: TODAY })).rejects.toBeInstanceOf(DemoNotEmptyError);
  });

  it('reports progress up to the total', () => {
    const last = progress[progress.length - 1];
    expect(last?.done).toBe(last?.total);
    expect(new Set(progress.map((p) => p.step)).has('Show seats')).toBe(true);
  });

  it('inserts the chain: 3 cities, 4 cinemas in at least 2 time zones, 12 screens, 20 movies', async () => {
    expect(await count('SELECT count(*)::int AS n FROM cities')).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM cinemas')).toBe(4);
    expect(
      await count('SELECT count(DISTINCT time_zone)::int AS n FROM cinemas'),
    ).toBeGreaterThanOrEqual(2);
    expect(await count('SELECT count(*)::int AS n FROM screens')).toBe(12);
    expect(await count('SELECT count(*)::int AS n FROM movies')).toBe(20);
    expect(await count('SELECT count(*)::int AS n FROM shows')).toBe(summary.counts.shows);
    expect(await count('SELECT count(*)::int AS n FROM show_seats')).toBe(summary.counts.showSeats);
  });

  it('gives every screen one active layout of 80–450 seats, 2–3 categories, wheelchair and companion seats', async () => {
    const res = await db.$client.query<{
      seats: number;
      categories: number;
      wheelchairs: number;
      companions: number;
      layouts: number;
    }>(`
      SELECT count(*)::int AS seats, count(DISTINCT s.category_id)::int AS categories,
             count(*) FILTER (WHERE s.kind = 'wheelchair')::int AS wheelchairs,
             count(*) FILTER (WHERE s.kind = 'companion')::int AS companions,
             (SELECT count(*)::int FROM seat_layouts l2 WHERE l2.screen_id = l.screen_id AND l2.active) AS layouts
      FROM seat_layouts l JOIN seats s ON s.layout_id = l.id GROUP BY l.id, l.screen_id`);
    expect(res.rows).toHaveLength(12);
    for (const r of res.rows) {
      expect(r.seats).toBeGreaterThanOrEqual(80);
      expect(r.seats).toBeLessThanOrEqual(450);
      expect(r.categories).toBeGreaterThanOrEqual(2);
      expect(r.categories).toBeLessThanOrEqual(3);
      expect(r.wheelchairs).toBeGreaterThan(0);
      expect(r.companions).toBe(r.wheelchairs);
      expect(r.layouts).toBe(1);
    }
  });

  it('schedules 7 local days per cinema, from 10:00 to before 23:30 local time', async () => {
    const res = await db.$client.query<{
      days: number;
      first: string;
      earliest: string;
      latest: string;
    }>(
      `
      SELECT count(DISTINCT (s.starts_at AT TIME ZONE c.time_zone)::date)::int AS days,
             min((s.starts_at AT TIME ZONE c.time_zone)::date)::text AS first,
             min((s.starts_at AT TIME ZONE c.time_zone)::time)::text AS earliest,
             max((s.starts_at AT TIME ZONE c.time_zone)::time)::text AS latest,
             (($1::timestamptz) AT TIME ZONE c.time_zone)::date::text AS today
      FROM shows s JOIN cinemas c ON c.id = s.cinema_id GROUP BY c.id, c.time_zone`,
      [TODAY],
    );
    expect(res.rows).toHaveLength(4);
    for (const r of res.rows as ((typeof res.rows)[number] & { today: string })[]) {
      expect(r.days).toBe(7);
      expect(r.first).toBe(r.today);
      expect(r.earliest >= '10:00:00').toBe(true);
      expect(r.latest < '23:30:00').toBe(true);
    }
  });

  it('never overlaps two shows on a screen and ends each after the film plus cleaning', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM shows a JOIN shows b
        ON a.screen_id = b.screen_id AND a.id < b.id
       AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM shows s JOIN movies m ON m.id = s.movie_id JOIN screens sc ON sc.id = s.screen_id
        WHERE s.ends_at <> s.starts_at + make_interval(mins => m.duration_minutes + sc.cleaning_minutes)`),
    ).toBe(0);
  });

  it('prices every category of every show and has one show seat per seat', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM shows s JOIN seat_categories c ON c.screen_id = s.screen_id
        LEFT JOIN show_prices p ON p.show_id = s.id AND p.category_id = c.id WHERE p.show_id IS NULL`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM shows s JOIN seats st ON st.layout_id = s.layout_id
        LEFT JOIN show_seats ss ON ss.show_id = s.id AND ss.seat_id = st.id WHERE ss.show_id IS NULL`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM show_seats ss JOIN shows s ON s.id = ss.show_id
        JOIN seats st ON st.id = ss.seat_id WHERE st.layout_id <> s.layout_id`),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM show_seats WHERE state NOT IN ('available', 'blocked')`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM show_seats WHERE state = 'blocked' AND block_reason IS NULL`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM show_prices p JOIN shows s ON s.id = p.show_id
        JOIN cinemas c ON c.id = s.cinema_id WHERE p.currency <> c.currency`),
    ).toBe(0);
  });

  it('stores hashes that verify the demo PINs and station secrets', async () => {
    const staff = await db.$client.query<{ id: string; pin_hash: string }>(
      'SELECT id, pin_hash FROM staff',
    );
    expect(staff.rows).toHaveLength(summary.staff.length);
    const pins = new Map(summary.staff.map((p) => [p.id, p.pin]));
    const firstStaff = staff.rows[0];
    expect(firstStaff && verifySecret(pins.get(firstStaff.id) ?? '', firstStaff.pin_hash)).toBe(
      true,
    );
    const stations = await db.$client.query<{ id: string; secret_hash: string; kind: string }>(
      'SELECT id, secret_hash, kind FROM stations',
    );
    expect(stations.rows.filter((s) => s.kind === 'counter')).toHaveLength(4);
    expect(stations.rows.filter((s) => s.kind === 'kiosk')).toHaveLength(1);
    const secrets = new Map(summary.stations.map((s) => [s.id, s.secret]));
    for (const s of stations.rows)
      expect(verifySecret(secrets.get(s.id) ?? '', s.secret_hash)).toBe(true);
  });

  it('renews PIN hashes an older demo stored, so the printed PINs sign in', async () => {
    const manager = summary.staff.find((p) => p.role === 'manager');
    if (!manager) throw new Error('no demo manager');
    // A demo seeded before the PIN rule: the manager's stored hash is of a 4-digit PIN.
    await db.$client.query('UPDATE staff SET pin_hash = $2 WHERE id = $1', [
      manager.id,
      hashSecret('4826'),
    ]);
    expect(await refreshDemoPins(db, summary)).toBe(1);
    const r = await db.$client.query<{ pin_hash: string }>(
      'SELECT pin_hash FROM staff WHERE id = $1',
      [manager.id],
    );
    expect(verifySecret(manager.pin, r.rows[0]?.pin_hash ?? '')).toBe(true);
    expect(await refreshDemoPins(db, summary)).toBe(0);
  });

  it('wipes back to an empty database', async () => {
    await wipeDatabase(db);
    expect(await isDatabaseEmpty(db)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM show_seats')).toBe(0);
  });
});
