// P7: the public availability read, GET /api/v1/shows/{id}/seats, at 100 concurrent readers.
import { summarize } from '../stats.js';
import { fmt, perSec, runSplit, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_P95 = 20;

/** Runs P7 (on P1's shows, as P1–P4 left them: some seats held). */
export async function runP7(ctx: CaseContext): Promise<CaseResult> {
  const { cfg } = ctx;
  const procs = await ctx.procs(cfg.loadProcs);
  ctx.log(`P7: ${String(cfg.p7.clients)} readers, ${String(cfg.phaseMs)} ms`);
  const showIds = ctx.data.p1.shows.map((s) => s.id);
  const r = await ctx.phase('P7', () =>
    runSplit(
      procs,
      cfg.p7.clients,
      cfg.warmupMs + cfg.phaseMs + 60_000,
      (clients, clientOffset) => ({
        kind: 'reads',
        clients,
        clientOffset,
        warmupMs: cfg.warmupMs,
        durationMs: cfg.phaseMs,
        showIds,
        serverUrls: ctx.servers.urls,
      }),
    ),
  );
  const lat = summarize(r.latencies.read ?? []);
  const met = lat.p95 < GOAL_P95 && (r.counts.errors ?? 0) === 0;
  return {
    rows: [
      { figure: 'P7 seat-map reads/s', value: fmt(perSec(r, 'readOk')), goal: '', met: '' },
      {
        figure: 'P7 seat-map read p95',
        value: fmt(lat.p95, 'ms'),
        goal: `< ${String(GOAL_P95)} ms`,
        met: yesNo(met),
      },
    ],
    json: {
      goal: `GET /api/v1/shows/{id}/seats p95 < ${String(GOAL_P95)} ms at ${String(cfg.p7.clients)} concurrent readers`,
      met,
      latencyMs: lat,
      readsPerSec: perSec(r, 'readOk'),
      avgBodyBytes: Math.round((r.counts.bytes ?? 0) / Math.max(1, r.counts.readOk ?? 0)),
      clients: cfg.p7.clients,
      shows: showIds.length,
      errors: r.counts.errors ?? 0,
      measuredMs: Math.round(r.measuredMs),
      errorSamples: r.errorSamples,
    },
  };
}
