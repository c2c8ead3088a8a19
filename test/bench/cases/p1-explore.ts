// --explore: where P1's gap comes from. Holds only (no releases), same clients and seats, four
// ways: the bare UPDATE, the product over REST, the product's statements sent straight from the
// load process (no HTTP, no Fastify), and the same work in one statement. Not a goal, a diagnosis.
import { summarize } from '../stats.js';
import { fmt, perSec, type CaseContext, type CaseResult } from './context.js';
import { holdsPhase } from './p1-holds.js';

/** Runs the exploration. */
export async function runP1Explore(ctx: CaseContext): Promise<CaseResult> {
  const out: Record<
    string,
    { holdsPerSec: number; p50: number; p99: number; errors: number; errorSamples: string[] }
  > = {};
  for (const path of ['bare', 'rest', 'sql-tx', 'sql-one'] as const) {
    const r = await holdsPhase(ctx, path, { releaseRatio: 0, label: `P1x ${path}` });
    const lat = summarize(r.latencies.hold ?? []);
    out[path] = {
      holdsPerSec: perSec(r, 'holdOk'),
      p50: lat.p50,
      p99: lat.p99,
      errors: r.counts.errors ?? 0,
      errorSamples: r.errorSamples,
    };
    ctx.log(
      `P1x ${path}: ${String(out[path].holdsPerSec)} holds/s (no releases), p50 ${String(lat.p50)} ms`,
    );
  }
  const bare = out.bare?.holdsPerSec ?? 0;
  const label: Record<string, string> = {
    bare: 'bare UPDATE',
    rest: 'product REST',
    'sql-tx': "product's 8 statements, no server",
    'sql-one': 'same work in 1 statement',
  };
  return {
    rows: Object.entries(out).map(([k, v]) => ({
      figure: `P1x ${label[k] ?? k} holds/s (ratio)`,
      value: `${fmt(v.holdsPerSec)} (${fmt(bare > 0 ? v.holdsPerSec / bare : Number.NaN)})`,
      goal: '',
      met: '' as const,
    })),
    json: {
      goal: 'diagnosis only (not a goal): where the gap between the product and the bare UPDATE comes from',
      met: true,
      releaseRatio: 0,
      ...out,
    },
  };
}
