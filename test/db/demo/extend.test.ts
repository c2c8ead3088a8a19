// The demo week rolls forward: the missing days appear, nothing sold or held is touched, the same seed
// and date give the same shows, and a station with an old cursor finds them in its delta.
// Lives under test/ because it crosses layers: the roll-forward must feed the sync server's own change log.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../support/pg.js';
import {
  appendChange,
  appendSeatChanges,
  headPosition,
  readChanges,
  type LogPosition,
} from '../../../sync-server/services/change-log.js';
import type { PgDb } from '../../../db/pg/client.js';
import { extendDemoSchedule, type ExtendResult } from '../../../db/demo/extend.js';
import { count, digest, digestExisting, holdAndSell, type SoldAndHeld } from './extend.fixture.js';
import { seedDemo } from '../../../db/demo/seed.js';
import { addDays, localDate, zonedTime } from '../../../db/demo/time-zone.js';

const TODAY = new Date('2025-11-21T06:30:00Z');
const LATER = new Date(TODAY.getTime() + 3 * 86_400_000);
const changeLog = { appendChange, appendSeatChanges };
const SHOW_COLUMNS =
  'SELECT id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status FROM shows';

describe('extendDemoSchedule', () => {
  let a: PgDb;
  let b: PgDb;
  let notDemo: ExtendResult | null;
  let first: ExtendResult | null;
  let second: ExtendResult | null;
  let sold: SoldAndHeld;
  let cursor: LogPosition;
  let oldIds: string[];
  let lastSeq: number;
  let before: Record<string, string>;

  const seqOf = async (pool: pg.Pool): Promise<number> =>
    count(pool, 'SELECT coalesce(max(seq), 0)::int AS n FROM change_log');

  beforeAll(async () => {
    a = (await freshPg()).db;
    b = (await freshPg()).db;
    notDemo = await extendDemoSchedule(b, { now: LATER, changeLog });
    await seedDemo(a, { seed: 7, today: TODAY });
    await seedDemo(b, { seed: 7, today: TODAY });
    sold = await holdAndSell(a.$client, TODAY);
    // The sale reaches the change log as the server writes it; a station that synced then holds this cursor.
    const client = await a.$client.connect();
    try {
      const seats = [
        ...sold.heldSeatIds.map((seatId) => ({
          seatId,
          state: 'held' as const,
          stationId: null,
          holdId: sold.holdId,
          version: 1,
        })),
        { seatId: sold.soldSeatId, state: 'sold' as const, stationId: null, version: 1 },
      ];
      await appendSeatChanges(client, sold.cinemaId, sold.showId, seats);
    } finally {
      client.release();
    }
    cursor = await headPosition(a.$client);
    oldIds = (await a.$client.query<{ id: string }>('SELECT id FROM shows')).rows.map((r) => r.id);
    lastSeq = await seqOf(a.$client);
    before = await digestExisting(a.$client, oldIds, lastSeq);
    first = await extendDemoSchedule(a, { now: LATER, changeLog });
    second = await extendDemoSchedule(a, { now: LATER, changeLog });
    await extendDemoSchedule(b, { now: LATER, changeLog });
    process.stdout.write(
      `demo extend: ${JSON.stringify(first)}; again: ${JSON.stringify(second)}\n`,
    );
  }, 120_000);

  afterAll(async () => {
    await a.$client.end();
    await b.$client.end();
  });

  it('does nothing on a database without the demo chain', () => {
    expect(notDemo).toBeNull();
  });

  it('fills every local day of every cinema from the seed day through (now + 3) + 6', async () => {
    expect(first?.added).toBeGreaterThan(0);
    expect(first?.days).toBe(4 * 3);
    const res = await a.$client.query<{ id: string; time_zone: string; days: string[] }>(`
      SELECT c.id, c.time_zone, array_agg(DISTINCT (s.starts_at AT TIME ZONE c.time_zone)::date::text) AS days
      FROM shows s JOIN cinemas c ON c.id = s.cinema_id GROUP BY c.id, c.time_zone`);
    expect(res.rows).toHaveLength(4);
    const ends: string[] = [];
    for (const r of res.rows) {
      const expected = Array.from({ length: 10 }, (_, i) =>
        addDays(localDate(TODAY, r.time_zone), i),
      );
      expect([...r.days].sort()).toEqual(expected);
      ends.push(addDays(localDate(LATER, r.time_zone), 6));
    }
    expect(first?.through).toBe(ends.sort().at(-1));
  });

  it('never overlaps shows on a screen, across the old and new days too, and ends each after film plus cleaning', async () => {
    expect(
      await count(
        a.$client,
        `SELECT count(*)::int AS n FROM shows x JOIN shows y ON x.screen_id = y.screen_id AND x.id < y.id
        AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`,
      ),
    ).toBe(0);
    expect(
      await count(
        a.$client,
        `SELECT count(*)::int AS n FROM shows s JOIN movies m ON m.id = s.movie_id JOIN screens sc ON sc.id = s.screen_id
        WHERE s.ends_at <> s.starts_at + make_interval(mins => m.duration_minutes + sc.cleaning_minutes)`,
      ),
    ).toBe(0);
  });

  it('prices every category of every new show and gives it a show seat per seat', async () => {
    const fresh = [oldIds];
    expect(
      await count(
        a.$client,
        'SELECT count(*)::int AS n FROM shows WHERE NOT id = ANY($1::uuid[])',
        fresh,
      ),
    ).toBe(first?.added);
    expect(
      await count(
        a.$client,
        `SELECT count(*)::int AS n FROM shows s JOIN seat_categories c ON c.screen_id = s.screen_id
        LEFT JOIN show_prices p ON p.show_id = s.id AND p.category_id = c.id WHERE p.show_id IS NULL`,
      ),
    ).toBe(0);
    expect(
      await count(
        a.$client,
        `SELECT count(*)::int AS n FROM shows s JOIN seats st ON st.layout_id = s.layout_id
        LEFT JOIN show_seats ss ON ss.show_id = s.id AND ss.seat_id = st.id WHERE ss.show_id IS NULL`,
      ),
    ).toBe(0);
    expect(
      await count(
        a.$client,
        `SELECT count(*)::int AS n FROM show_seats ss JOIN shows s ON s.id = ss.show_id
        WHERE NOT s.id = ANY($1::uuid[]) AND ss.state NOT IN ('available', 'blocked')`,
        fresh,
      ),
    ).toBe(0);
  });

  it('leaves existing shows, seats, prices, holds, orders, tickets and log entries as they were', async () => {
    expect(await digestExisting(a.$client, oldIds, lastSeq)).toEqual(before);
    const seats = await a.$client.query<{ seat_id: string; state: string }>(
      'SELECT seat_id, state FROM show_seats WHERE show_id = $1 AND state <> $2',
      [sold.showId, 'available'],
    );
    const states = new Map(seats.rows.map((r) => [r.seat_id, r.state]));
    expect(states.get(sold.soldSeatId)).toBe('sold');
    for (const id of sold.heldSeatIds) expect(states.get(id)).toBe('held');
  });

  it('adds nothing the second time', async () => {
    expect(second).toMatchObject({ added: 0, days: 0, changes: 0, through: first?.through });
    expect(await count(a.$client, 'SELECT count(*)::int AS n FROM shows')).toBe(
      oldIds.length + (first?.added ?? 0),
    );
  });

  it('gives the same shows, prices and seats for the same seed and dates on another database', async () => {
    expect(await digest(b.$client, SHOW_COLUMNS)).toBe(await digest(a.$client, SHOW_COLUMNS));
    expect(await digest(b.$client, 'SELECT * FROM show_prices')).toBe(
      await digest(a.$client, 'SELECT * FROM show_prices'),
    );
    const newSeats = 'SELECT * FROM show_seats WHERE NOT show_id = ANY($1::uuid[])';
    expect(await digest(b.$client, newSeats, [oldIds])).toBe(
      await digest(a.$client, newSeats, [oldIds]),
    );
  });

  it('puts the new shows, their prices, seats and films in the delta of a station with an old cursor', async () => {
    const cinemas = await a.$client.query<{ id: string }>('SELECT id FROM cinemas');
    let total = 0;
    for (const { id: cinemaId } of cinemas.rows) {
      const changes = await readChanges(a.$client, cursor, cinemaId, 100_000);
      total += changes.length;
      const expected = await a.$client.query<
        Record<string, unknown> & { id: string; movie_id: string; seats: number; prices: number }
      >(
        `SELECT s.*, (SELECT count(*)::int FROM seats st WHERE st.layout_id = s.layout_id) AS seats,
                (SELECT count(*)::int FROM show_prices p WHERE p.show_id = s.id) AS prices
         FROM shows s WHERE s.cinema_id = $1 AND NOT s.id = ANY($2::uuid[])`,
        [cinemaId, oldIds],
      );
      const of = (entity: string) => changes.filter((c) => c.entity === entity);
      expect(
        of('shows')
          .map((c) => c.entityId)
          .sort(),
      ).toEqual(expected.rows.map((r) => r.id).sort());
      const filmsFirst = new Set<string>();
      for (const c of changes) {
        if (c.entity === 'movies') filmsFirst.add(c.entityId);
        if (c.entity === 'shows') expect(filmsFirst.has(String(c.data?.movie_id))).toBe(true);
      }
      for (const { seats, prices, ...row } of expected.rows) {
        // The same encoding as a snapshot chunk: the row as node-postgres reads it, through JSON.
        expect(of('shows').find((c) => c.entityId === row.id)?.data).toEqual(
          JSON.parse(JSON.stringify(row)),
        );
        expect(of('show_prices').filter((c) => c.showId === row.id)).toHaveLength(prices);
        const seatChange = of('show_seats').find((c) => c.showId === row.id);
        expect((seatChange?.data?.seats as unknown[] | undefined)?.length).toBe(seats);
      }
      expect(
        changes.every(
          (c) => c.op === 'upsert' && (c.showId === null || !oldIds.includes(c.showId)),
        ),
      ).toBe(true);
    }
    expect(total).toBe(first?.changes);
  });

  it('skips planned shows that would overlap a show already on the screen', async () => {
    const pool = b.$client;
    const c = (
      await pool.query<{ id: string; time_zone: string }>(
        'SELECT id, time_zone FROM cinemas ORDER BY name LIMIT 1',
      )
    ).rows[0];
    if (c === undefined) throw new Error('no cinema');
    const next = new Date(LATER.getTime() + 86_400_000);
    const day = addDays(localDate(next, c.time_zone), 6);
    const eve = addDays(day, -1);
    const local = `(starts_at AT TIME ZONE '${c.time_zone}')::date::text`;
    const screen = (
      await pool.query<{
        screen_id: string;
        layout_id: string;
        movie_id: string;
        format_id: string;
      }>(
        `SELECT screen_id, layout_id, movie_id, format_id FROM shows WHERE cinema_id = $1 ORDER BY screen_id, starts_at LIMIT 1`,
        [c.id],
      )
    ).rows[0];
    if (screen === undefined) throw new Error('no show');
    // Clear that screen's evening before the new day, then book a long private event into its morning.
    const eveShows = `SELECT id FROM shows WHERE screen_id = $1 AND ${local} = $2`;
    await pool.query(`DELETE FROM show_seats WHERE show_id IN (${eveShows})`, [
      screen.screen_id,
      eve,
    ]);
    await pool.query(`DELETE FROM show_prices WHERE show_id IN (${eveShows})`, [
      screen.screen_id,
      eve,
    ]);
    await pool.query(`DELETE FROM shows WHERE id IN (${eveShows})`, [screen.screen_id, eve]);
    const endsAt = zonedTime(day, 13 * 60, c.time_zone);
    await pool.query(
      "INSERT INTO shows (id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status) VALUES ('00000000-0000-4000-8000-00000000e003', $1, $2, $3, $4, $5, 'English', $6, $7, 'on_sale')",
      [
        c.id,
        screen.screen_id,
        screen.layout_id,
        screen.movie_id,
        screen.format_id,
        zonedTime(eve, 22 * 60, c.time_zone),
        endsAt,
      ],
    );
    const r = await extendDemoSchedule(b, { now: next, changeLog });
    expect(r?.days).toBe(4);
    const onScreen = `SELECT count(*)::int AS n FROM shows WHERE screen_id = $1 AND ${local} = $2`;
    expect(
      await count(pool, `${onScreen} AND starts_at < $3`, [screen.screen_id, day, endsAt]),
    ).toBe(0);
    expect(
      await count(pool, `${onScreen} AND starts_at >= $3`, [screen.screen_id, day, endsAt]),
    ).toBeGreaterThan(0);
    expect(
      await count(
        pool,
        `SELECT count(*)::int AS n FROM shows x JOIN shows y ON x.screen_id = y.screen_id AND x.id < y.id
        AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`,
      ),
    ).toBe(0);
  });
});
