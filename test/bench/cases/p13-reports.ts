// P13 — the reports of issue 17 ("P10 — reports" in the issue; P10 was already identity here). A
// year of the demo chain (4 cinemas, 12 screens, four shows a day per screen, about 1.8 million
// tickets with food) is written once into a database of its own through the sales triggers, rolled
// up, then every report is read over the last month and over the year, as its route reads it. The
// scope is the whole chain (the routes refuse mixing currencies, a rule, not a cost), the worst
// case for speed. Goal: p95 < 200 ms for each report and period.
import { migratePg, openPg } from '../../../db/pg/client.js';
import { writeSalesHistory } from '../../../db/demo/history.js';
import { seedDemo } from '../../../db/demo/seed.js';
import { addDays, localDateOf } from '../../../common/schedule.js';
import { leaderboard, occupancyBy } from '../../../sync-server/reports/occupancy.js';
import { distributor, summary, tills } from '../../../sync-server/reports/read.js';
import { rollupReports } from '../../../sync-server/reports/rollup.js';
import { takingsBy } from '../../../sync-server/reports/takings.js';
import { quantile } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_P95_MS = 200;

/** Runs P13. */
export async function runP13(ctx: CaseContext): Promise<CaseResult> {
  const days = ctx.cfg.quick ? 60 : 365;
  const runs = ctx.cfg.quick ? 5 : 20;
  await ctx.pool.query('DROP DATABASE IF EXISTS bench_reports WITH (FORCE)');
  await ctx.pool.query('CREATE DATABASE bench_reports');
  const url = new URL(ctx.dbUrl);
  url.pathname = '/bench_reports';
  const db = openPg(url.toString(), { max: 4 });
  try {
    await migratePg(db);
    const today = new Date();
    await seedDemo(db, { today });
    const t0 = performance.now();
    const h = await writeSalesHistory(db.$client, { days, before: today });
    await rollupReports(db.$client);
    // As autovacuum would have by then: the planner needs the aggregates' statistics.
    for (const t of [
      'report_deltas',
      'report_daily',
      'report_days',
      'report_film_days',
      'report_shows',
      'shows',
    ])
      await db.$client.query(`VACUUM ANALYZE ${t}`);
    const seedMs = performance.now() - t0;
    ctx.log(
      `P13: ${String(days)} days, ${String(h.shows)} shows, ${String(h.tickets)} tickets written in ${fmt(seedMs / 1000, 's')}`,
    );
    const cinemas = (await db.$client.query<{ id: string }>('SELECT id FROM cinemas')).rows.map(
      (r) => r.id,
    );
    const to = addDays(localDateOf(today, 'UTC'), -1);
    const periods = [
      { name: 'month', from: addDays(to, -29) },
      { name: 'year', from: addDays(to, -(days - 1)) },
    ];
    const pool = db.$client;
    const reports: [string, (from: string) => Promise<unknown>][] = [
      ['summary', (from) => summary(pool, cinemas, 'INR', from, to)],
      ['takings by day', (from) => takingsBy(pool, cinemas, from, to, 'day')],
      ['takings by month', (from) => takingsBy(pool, cinemas, from, to, 'month')],
      ['takings by film', (from) => takingsBy(pool, cinemas, from, to, 'film')],
      ['takings by category', (from) => takingsBy(pool, cinemas, from, to, 'category')],
      ['takings by channel', (from) => takingsBy(pool, cinemas, from, to, 'channel')],
      ['occupancy by film', (from) => occupancyBy(pool, cinemas, from, to, 'film')],
      ['occupancy by screen', (from) => occupancyBy(pool, cinemas, from, to, 'screen')],
      ['leaderboard', (from) => leaderboard(pool, cinemas, from, to, { limit: 10 })],
      ['distributor', (from) => distributor(pool, cinemas, from, to, undefined)],
      ['tills', (from) => tills(pool, cinemas, from, to)],
    ];
    const rows: CaseResult['rows'] = [];
    const json: Record<string, number> = {};
    let met = true;
    for (const p of periods) {
      for (const [name, run] of reports) {
        await run(p.from); // warm
        const ms: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await run(p.from);
          ms.push(performance.now() - t);
        }
        const p95 = quantile(
          [...ms].sort((a, b) => a - b),
          0.95,
        );
        json[`${p.name} ${name} p95 ms`] = Math.round(p95 * 10) / 10;
        const ok = p95 < GOAL_P95_MS;
        met &&= ok;
        rows.push({
          figure: `P13 ${name}, a ${p.name}`,
          value: fmt(p95, 'ms'),
          goal: `p95 < ${String(GOAL_P95_MS)} ms`,
          met: yesNo(ok),
        });
      }
    }
    const facts = await pool.query<{ n: string }>('SELECT count(*) AS n FROM report_daily');
    rows.unshift({
      figure: `P13 seed ${String(days)} days (${String(h.tickets)} tickets, ${facts.rows[0]?.n ?? '?'} daily rows)`,
      value: fmt(seedMs / 1000, 's'),
      goal: '',
      met: '',
    });
    return {
      rows,
      json: {
        goal: `every report over a month and over a year p95 < ${String(GOAL_P95_MS)} ms`,
        met,
        days,
        tickets: h.tickets,
        shows: h.shows,
        dailyRows: Number(facts.rows[0]?.n ?? 0),
        seedMs: Math.round(seedMs),
        ...json,
      },
    };
  } finally {
    await db.$client.end();
    await ctx.pool
      .query('DROP DATABASE IF EXISTS bench_reports WITH (FORCE)')
      .catch(() => undefined);
  }
}
