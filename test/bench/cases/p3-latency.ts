// P3: the hold round trip over REST at 32 concurrent clients (every answer, 201 or 409, counts).
import { summarize } from '../stats.js';
import { fmt, perSec, yesNo, type CaseContext, type CaseResult } from './context.js';
import { holdsPhase } from './p1-holds.js';

const GOAL_P99 = 50;

/** Runs P3. */
export async function runP3(ctx: CaseContext): Promise<CaseResult> {
  ctx.log(`P3: REST holds, ${String(ctx.cfg.p1.clients)} clients, ${String(ctx.cfg.phaseMs)} ms`);
  const r = await holdsPhase(ctx, 'rest', { label: 'P3' });
  const lat = summarize(r.latencies.hold ?? []);
  const met = lat.p99 < GOAL_P99;
  return {
    rows: [
      {
        figure: 'P3 hold round trip p50 / p95',
        value: `${fmt(lat.p50)} / ${fmt(lat.p95)} ms`,
        goal: '',
        met: '',
      },
      {
        figure: 'P3 hold round trip p99',
        value: fmt(lat.p99, 'ms'),
        goal: `< ${String(GOAL_P99)} ms`,
        met: yesNo(met),
      },
    ],
    json: {
      goal: `hold round-trip p99 < ${String(GOAL_P99)} ms at ${String(ctx.cfg.p1.clients)} concurrent REST clients`,
      met,
      latencyMs: lat,
      clients: ctx.cfg.p1.clients,
      holdsPerSec: perSec(r, 'holdOk'),
      conflictsPerSec: perSec(r, 'holdConflict'),
      releaseLatencyMs: summarize(r.latencies.release ?? []),
      errors: r.counts.errors ?? 0,
      measuredMs: Math.round(r.measuredMs),
      errorSamples: r.errorSamples,
    },
  };
}
