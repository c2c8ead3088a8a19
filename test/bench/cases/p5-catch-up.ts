// P5: a station's catch-up. Cold: an empty replica takes a snapshot of a cinema week (≥ 140,000
// seat rows). Delta: the station is stopped, an hour of normal selling happens on its cinema
// (web holds and releases, counter sales at other stations), and it starts again from its cursor.
import path from 'node:path';
import { catchUpResult, type CatchUpArgs, type CatchUpResult } from '../proc/proc-io.js';
import { runOnce } from '../procs.js';
import { headSeq } from '../seed.js';
import { summarize } from '../stats.js';
import { fmt, loadData, runSplit, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_COLD_MS = 3000;
const GOAL_DELTA_MS = 500;

async function lastCinemaSeq(ctx: CaseContext, cinemaId: string): Promise<number> {
  const r = await ctx.pool.query<{ seq: string }>(
    'SELECT seq::text AS seq FROM change_log WHERE cinema_id = $1 ORDER BY tx_id DESC, seq DESC LIMIT 1',
    [cinemaId],
  );
  return Number(r.rows[0]?.seq ?? 0);
}

function catchUp(
  ctx: CaseContext,
  args: Omit<CatchUpArgs, 'serverUrl' | 'secret' | 'timeoutMs'>,
): Promise<CatchUpResult> {
  const full: CatchUpArgs = {
    ...args,
    serverUrl: ctx.servers.urls[0] ?? '',
    secret: ctx.data.secret,
    timeoutMs: 60_000,
  };
  return runOnce('proc/station-catch-up.ts', [JSON.stringify(full)], catchUpResult, 90_000, {
    nodeFlags: ctx.stationNodeFlags,
  });
}

/** Runs P5. */
export async function runP5(ctx: CaseContext): Promise<CaseResult> {
  const { cfg, data } = ctx;
  const [stationId, ...sellers] = data.p5.stations;
  if (stationId === undefined || sellers.length === 0)
    throw new Error('P5 needs a station and sellers');
  const dataDir = path.join(ctx.tmpDir, 'p5-station');
  const rows = (
    await ctx.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM show_seats ss JOIN shows sh ON sh.id = ss.show_id WHERE sh.cinema_id = $1',
      [data.p5.cinemaId],
    )
  ).rows[0]?.n;
  ctx.log(`P5 cold: snapshot of ${String(rows)} seat rows`);
  const cold = await ctx.phase('P5 cold', () =>
    catchUp(ctx, { mode: 'cold', dataDir, stationId, targetCursor: 0 }),
  );
  ctx.log(`P5 cold: ${fmt(cold.ms)} ms, peak RSS ${String(cold.peakRssMb)} MB`);

  // The offline hour: web buyers hold (half released), other counters sell, on this cinema only.
  const load = loadData([data.p5]);
  const procs = await ctx.procs(1);
  const before = await headSeq(ctx.pool);
  const selling = await ctx.phase('P5 offline hour', () =>
    runSplit(procs, 1, 120_000, () => ({
      kind: 'mixed',
      webClients: 12,
      stationClients: sellers.length,
      clientOffset: 1,
      warmupMs: 0,
      durationMs: 60_000,
      maxSeatChanges: cfg.p5.deltaSeatChanges,
      webSeats: [1, 4],
      stationSeats: [1, 4],
      releaseRatio: 0.5,
      voidRatio: 0,
      shows: load.shows,
      layouts: load.layouts,
      seatPrices: load.seatPrices,
      ticketTypeId: data.chain.ticketTypes.adult,
      serverUrls: ctx.servers.urls,
      stations: load.stations,
      secret: data.secret,
      cursor: before,
    })),
  );
  const target = await lastCinemaSeq(ctx, data.p5.cinemaId);
  const changeRows = Number(
    (
      await ctx.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM change_log WHERE cinema_id = $1 AND seq > $2',
        [data.p5.cinemaId, cold.cursor],
      )
    ).rows[0]?.n ?? 0,
  );
  const seatChanges = selling.counts.totalSeatChanges ?? 0;
  ctx.log(
    `P5 delta: ${String(seatChanges)} seat changes in ${String(changeRows)} change rows; catching up`,
  );
  const delta = await ctx.phase('P5 delta', () =>
    catchUp(ctx, { mode: 'delta', dataDir, stationId, targetCursor: target }),
  );
  ctx.log(`P5 delta: ${fmt(delta.ms)} ms, peak RSS ${String(delta.peakRssMb)} MB`);
  const coldOk = cold.ms < GOAL_COLD_MS;
  const deltaOk = delta.ms < GOAL_DELTA_MS;
  return {
    rows: [
      {
        figure: `P5 cold snapshot (${fmt(cold.counts.showSeats ?? 0)} seat rows)`,
        value: fmt(cold.ms, 'ms'),
        goal: `< ${fmt(GOAL_COLD_MS)} ms`,
        met: yesNo(coldOk),
      },
      { figure: 'P5 cold: station peak RSS', value: fmt(cold.peakRssMb, 'MB'), goal: '', met: '' },
      {
        figure: `P5 delta (${fmt(seatChanges)} seat changes)`,
        value: fmt(delta.ms, 'ms'),
        goal: `< ${fmt(GOAL_DELTA_MS)} ms`,
        met: yesNo(deltaOk),
      },
      {
        figure: 'P5 delta: station peak RSS',
        value: fmt(delta.peakRssMb, 'MB'),
        goal: '',
        met: '',
      },
    ],
    json: {
      goal: `cold snapshot of a cinema week < ${String(GOAL_COLD_MS)} ms; delta after an hour of offline selling < ${String(GOAL_DELTA_MS)} ms`,
      met: coldOk && deltaOk,
      cinemaSeatRows: Number(rows ?? 0),
      shows: data.p5.shows.length,
      cold: { ...cold, ms: Math.round(cold.ms), welcomeMs: Math.round(cold.welcomeMs) },
      delta: {
        ...delta,
        ms: Math.round(delta.ms),
        welcomeMs: Math.round(delta.welcomeMs),
        seatChanges,
        changeRows,
      },
      offlineSelling: {
        counts: selling.counts,
        measuredMs: Math.round(selling.measuredMs),
        holdLatencyMs: summarize(selling.latencies.hold ?? []),
        sellLatencyMs: summarize(selling.latencies.sell ?? []),
        errorSamples: selling.errorSamples,
      },
    },
  };
}
