// P1: seat holds per second through the product (REST and the station mutation path) against the
// bare conditional UPDATE on the same PostgreSQL, same concurrency, same seat choices.
import type { HoldsJob, LoadResult } from '../ipc.js';
import { mergeResults } from '../load-procs.js';
import { headSeq, resetShows } from '../seed.js';
import { summarize } from '../stats.js';
import { fmt, perSec, runSplit, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_RATIO = 0.6;

type Phase = HoldsJob['path'];
type ProductPhase = 'bare' | 'rest' | 'station';

/** Runs one P1 phase from a clean seat state; used by P3 too. */
export async function holdsPhase(
  ctx: CaseContext,
  path: Phase,
  opts: { releaseRatio?: number; label?: string } = {},
): Promise<LoadResult> {
  const { cfg, data } = ctx;
  await resetShows(
    ctx.pool,
    data.p1.shows.map((s) => s.id),
  );
  const cursor = await headSeq(ctx.pool);
  const procs = await ctx.procs(cfg.loadProcs);
  return ctx.phase(opts.label ?? `P1 ${path}`, () =>
    runSplit(
      procs,
      cfg.p1.clients,
      cfg.warmupMs + cfg.phaseMs + 60_000,
      (clients, clientOffset) => ({
        kind: 'holds',
        path,
        clients,
        clientOffset,
        warmupMs: cfg.warmupMs,
        durationMs: cfg.phaseMs,
        releaseRatio: opts.releaseRatio ?? 0.5,
        seatsMin: 1,
        seatsMax: 4,
        shows: data.p1.shows,
        layouts: data.p1.layouts,
        serverUrls: ctx.servers.urls,
        dbUrl: ctx.dbUrl,
        stations: data.p1.stations,
        secret: data.secret,
        cursor,
        cinemaIds: data.p1.cinemaIds,
      }),
    ),
  );
}

function phaseJson(r: LoadResult) {
  return {
    holdsPerSec: perSec(r, 'holdOk'),
    attemptsPerSec: Math.round(
      (((r.counts.holdOk ?? 0) + (r.counts.holdConflict ?? 0)) * 1000) / r.measuredMs,
    ),
    releasesPerSec: perSec(r, 'releaseOk'),
    seatsHeldPerSec: perSec(r, 'seatsHeld'),
    conflicts: r.counts.holdConflict ?? 0,
    errors: r.counts.errors ?? 0,
    measuredMs: Math.round(r.measuredMs),
    holdLatencyMs: summarize(r.latencies.hold ?? []),
    errorSamples: r.errorSamples,
  };
}

/** Runs P1. */
export async function runP1(ctx: CaseContext): Promise<CaseResult> {
  const runs: Record<ProductPhase, LoadResult[]> = { bare: [], rest: [], station: [] };
  // Rounds alternate the order (bare first, then bare last) and every phase starts from reset seats.
  for (let round = 0; round < ctx.cfg.p1.rounds; round++) {
    const order: ProductPhase[] =
      round % 2 === 0 ? ['bare', 'rest', 'station'] : ['station', 'rest', 'bare'];
    for (const path of order) {
      ctx.log(`P1 ${path}: ${String(ctx.cfg.p1.clients)} clients, ${String(ctx.cfg.phaseMs)} ms`);
      const r = await holdsPhase(ctx, path);
      runs[path].push(r);
      ctx.log(
        `P1 ${path}: ${String(perSec(r, 'holdOk'))} holds/s, p99 ${String(summarize(r.latencies.hold ?? []).p99)} ms`,
      );
    }
  }
  const results = {
    bare: phaseJson(mergeResults(runs.bare, 'sequential')),
    rest: phaseJson(mergeResults(runs.rest, 'sequential')),
    station: phaseJson(mergeResults(runs.station, 'sequential')),
  };
  const bare = results.bare.holdsPerSec;
  const ratio = (p: ProductPhase) =>
    bare > 0 ? Math.round((results[p].holdsPerSec / bare) * 100) / 100 : 0;
  // Unreleased holds fill the shows; the faster bare path fills them most and meets more conflicts,
  // which flatters the product's ratio in long phases. Ratios of answered attempts do not have that bias.
  const attempts = (p: ProductPhase) =>
    results.bare.attemptsPerSec > 0
      ? Math.round((results[p].attemptsPerSec / results.bare.attemptsPerSec) * 100) / 100
      : 0;
  const restRatio = ratio('rest');
  const stationRatio = ratio('station');
  const met = restRatio >= GOAL_RATIO && stationRatio >= GOAL_RATIO;
  const row = (p: ProductPhase, label: string) => ({
    figure: `P1 ${label} holds/s`,
    value: fmt(results[p].holdsPerSec),
    goal: '',
    met: '' as const,
  });
  return {
    rows: [
      row('bare', 'bare SQL'),
      row('rest', 'REST'),
      row('station', 'station /sync'),
      {
        figure: 'P1 ratio REST / bare',
        value: fmt(restRatio),
        goal: `≥ ${String(GOAL_RATIO)}`,
        met: yesNo(restRatio >= GOAL_RATIO),
      },
      {
        figure: 'P1 ratio station / bare',
        value: fmt(stationRatio),
        goal: `≥ ${String(GOAL_RATIO)}`,
        met: yesNo(stationRatio >= GOAL_RATIO),
      },
      {
        figure: 'P1 ratio of answered attempts REST / station',
        value: `${fmt(attempts('rest'))} / ${fmt(attempts('station'))}`,
        goal: '',
        met: '',
      },
    ],
    json: {
      goal: `holds/s through the product ≥ ${String(GOAL_RATIO)} × the bare conditional UPDATE (both REST and station paths)`,
      met,
      ratioRest: restRatio,
      ratioStation: stationRatio,
      attemptRatioRest: attempts('rest'),
      attemptRatioStation: attempts('station'),
      clients: ctx.cfg.p1.clients,
      shows: ctx.data.p1.shows.length,
      seatsPerShow: 400,
      seatsPerHold: '1-4',
      releaseRatio: 0.5,
      servers: ctx.servers.urls.length,
      rounds: ctx.cfg.p1.rounds,
      roundHoldsPerSec: {
        bare: runs.bare.map((r) => perSec(r, 'holdOk')),
        rest: runs.rest.map((r) => perSec(r, 'holdOk')),
        station: runs.station.map((r) => perSec(r, 'holdOk')),
      },
      bare: results.bare,
      rest: results.rest,
      station: results.station,
    },
  };
}
