// P12: planning a cinema's week (issue 16). A cinema of five 200-seat screens gets a week of
// shows by batch creation (a day of every screen per call, as the planner sends it), then the
// week is copied to the next (about 200 shows with their seats and prices) and published. The
// services are called in this process against the bench's PostgreSQL, as the routes call them.
import { randomUUID } from 'node:crypto';
import { addDays, localDateOf, zonedInstant } from '../../../common/schedule.js';
import { createShows } from '../../../sync-server/schedule/create.js';
import { copySchedule } from '../../../sync-server/schedule/copy.js';
import { publishShows } from '../../../sync-server/schedule/publish.js';
import type { Actor } from '../../../sync-server/services/audit.js';
import { createShowFixture } from '../../support/show-fixture.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';

const SCREENS = 5;
const TIMES = ['10:00', '12:30', '15:00', '17:30', '20:00', '22:30'];
const GOAL_COPY_MS = 2000;
const TZ = 'Europe/London';

/** Four more screens like the fixture's first, each with its own layout, seats and categories. */
async function cloneScreens(ctx: CaseContext, screenId: string, n: number): Promise<string[]> {
  const ids = [screenId];
  for (let i = 2; i <= n; i++) {
    const id = randomUUID();
    await ctx.pool.query(
      `WITH s AS (INSERT INTO screens (id, cinema_id, name) SELECT $2, cinema_id, 'Screen ' || $3 FROM screens WHERE id = $1),
        c AS (INSERT INTO seat_categories (id, screen_id, code, name, rank, color)
              SELECT gen_random_uuid(), $2, code, name, rank, color FROM seat_categories WHERE screen_id = $1 RETURNING id, code),
        l AS (INSERT INTO seat_layouts (id, screen_id, name, width, height)
              SELECT gen_random_uuid(), $2, name, width, height FROM seat_layouts WHERE screen_id = $1 AND active RETURNING id),
        r AS (INSERT INTO layout_rows (id, layout_id, label, sort_order, y)
              SELECT gen_random_uuid(), (SELECT id FROM l), label, sort_order, y FROM layout_rows
               WHERE layout_id = (SELECT id FROM seat_layouts WHERE screen_id = $1 AND active) RETURNING id, label)
       INSERT INTO seats (id, layout_id, row_id, row_label, number, label, category_id, kind, x, y)
       SELECT gen_random_uuid(), (SELECT id FROM l), r.id, se.row_label, se.number, se.label, c.id, se.kind, se.x, se.y
         FROM seats se JOIN r ON r.label = se.row_label
         JOIN seat_categories oc ON oc.id = se.category_id JOIN c ON c.code = oc.code
        WHERE se.layout_id = (SELECT id FROM seat_layouts WHERE screen_id = $1 AND active)`,
      [screenId, id, String(i)],
    );
    ids.push(id);
  }
  return ids;
}

/** Runs P12. */
export async function runP12(ctx: CaseContext): Promise<CaseResult> {
  const fx = await createShowFixture(ctx.pool, { rows: 10, perRow: 20, startsInMinutes: 60 });
  const first = await ctx.pool.query<{ screen_id: string; movie_id: string; code: string }>(
    'SELECT s.screen_id, s.movie_id, f.code FROM shows s JOIN formats f ON f.id = s.format_id WHERE s.id = $1',
    [fx.showId],
  );
  const {
    screen_id: screen,
    movie_id: filmId,
    code: formatCode,
  } = first.rows[0] ?? {
    screen_id: '',
    movie_id: '',
    code: '',
  };
  const screens = await cloneScreens(ctx, screen, SCREENS);
  await ctx.pool.query(
    'INSERT INTO screen_formats (screen_id, format_id) SELECT s, f.id FROM unnest($1::uuid[]) s, formats f WHERE f.code = $2',
    [screens, formatCode],
  );
  await ctx.pool.query(
    `INSERT INTO price_cards (id, cinema_id, name, currency, weekdays, from_minute, to_minute, prices)
     VALUES ($1, $2, 'Bench', 'GBP', '[1,2,3,4,5,6,7]', 0, 1440, '{"STD": 1200, "PRM": 1800}')`,
    [randomUUID(), fx.cinemaId],
  );
  const actor: Actor = { kind: 'staff', id: fx.staff.manager, channel: 'admin' };
  const now = new Date();
  const from = addDays(localDateOf(now, TZ), 2);
  const dayMs: number[] = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(from, d);
    const t = performance.now();
    await createShows(
      ctx.pool,
      actor,
      fx.cinemaId,
      {
        filmId,
        formatCode,
        language: 'en',
        slots: screens.flatMap((screenId) =>
          TIMES.map((time) => ({ screenId, startsAt: zonedInstant(date, time, TZ).toISOString() })),
        ),
      },
      now,
    );
    dayMs.push(performance.now() - t);
  }
  const t0 = performance.now();
  const copied = await copySchedule(
    ctx.pool,
    actor,
    fx.cinemaId,
    { from, to: addDays(from, 7), days: 7, skipConflicts: false },
    now,
  );
  const copyMs = performance.now() - t0;
  const t1 = performance.now();
  const published = await publishShows(
    ctx.pool,
    actor,
    fx.cinemaId,
    { from: addDays(from, 7), days: 7 },
    now,
  );
  const publishMs = performance.now() - t1;
  const shows = copied.shows.length;
  ctx.log(
    `P12: ${String(shows)} shows copied in ${fmt(copyMs, 'ms')}, published in ${fmt(publishMs, 'ms')}`,
  );
  const met = copyMs < GOAL_COPY_MS && shows === SCREENS * TIMES.length * 7;
  const dayAvg = dayMs.reduce((a, b) => a + b, 0) / dayMs.length;
  return {
    rows: [
      {
        figure: `P12 create a day (${String(SCREENS * TIMES.length)} shows)`,
        value: fmt(dayAvg, 'ms'),
        goal: '',
        met: '',
      },
      {
        figure: `P12 copy a week (${String(shows)} shows, ${String(SCREENS)} × 200 seats)`,
        value: fmt(copyMs, 'ms'),
        goal: `< ${String(GOAL_COPY_MS)} ms`,
        met: yesNo(met),
      },
      { figure: 'P12 publish the copied week', value: fmt(publishMs, 'ms'), goal: '', met: '' },
    ],
    json: {
      goal: `copy a week of one cinema (about 200 shows) < ${String(GOAL_COPY_MS)} ms`,
      met,
      shows,
      copyMs: Math.round(copyMs),
      publishMs: Math.round(publishMs),
      published: published.published,
      createDayMs: Math.round(dayAvg),
    },
  };
}
