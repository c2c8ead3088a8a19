// P4: live seat-map subscribers spread over shows while holds run at a fixed rate. Push latency is
// the time from the hold's HTTP response (and from its request) to each subscriber seeing the seat
// held. The holds never overlap, so each one must reach every subscriber of its show. Two phases:
// the goal rate, and a steady rate the server sustains, to tell overload from the push path itself.
import { mergeResults } from '../load-procs.js';
import { resetShows } from '../seed.js';
import { summarize, type LatencySummary } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_P99 = 100;
const GOAL_RATE = 3000;
const SETTLE_MS = 1000;

/** Holds of 1–2 seats, round-robin over the shows, no seat twice. */
function plan(
  shows: { id: string; layout: number }[],
  layouts: string[][],
  max: number,
): [string, string[]][] {
  const perShow = shows.map((s) => {
    const seats = [...(layouts[s.layout] ?? [])];
    for (let i = seats.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [seats[i], seats[j]] = [seats[j] ?? '', seats[i] ?? ''];
    }
    const holds: [string, string[]][] = [];
    for (let i = 0; i < seats.length;) {
      const k = Math.random() < 0.5 ? 1 : 2;
      holds.push([s.id, seats.slice(i, i + k)]);
      i += k;
    }
    return holds;
  });
  const out: [string, string[]][] = [];
  for (let round = 0; out.length < max; round++) {
    let any = false;
    for (const list of perShow) {
      const h = list[round];
      if (h !== undefined && out.length < max) {
        out.push(h);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

type PhaseResult = {
  targetRatePerSec: number;
  achievedHoldsPerSec: number;
  subscribers: number;
  pushFromResponseMs: LatencySummary;
  pushFromRequestMs: LatencySummary;
  holdLatencyMs: LatencySummary;
  startedLateMs: LatencySummary;
  generator: Record<string, number>;
  subscribersSeen: Record<string, number>;
  errorSamples: string[];
};

async function phase(ctx: CaseContext, ratePerSec: number): Promise<PhaseResult> {
  const { cfg, data } = ctx;
  const { subscribers, subscriberProcs } = cfg.p4;
  const genCount = ratePerSec > 1500 ? 2 : 1;
  const procs = await ctx.procs(subscriberProcs + genCount);
  const subProcs = procs.slice(0, subscriberProcs);
  const gens = procs.slice(subscriberProcs);
  const showIds = data.p1.shows.map((s) => s.id);
  await resetShows(ctx.pool, showIds);
  const per = Math.ceil(subscribers / subProcs.length);
  const opened = mergeResults(
    await Promise.all(
      subProcs.map((p, i) =>
        p.run(
          {
            kind: 'subs-open',
            serverUrls: ctx.servers.urls,
            showIds,
            count: Math.min(per, subscribers - i * per),
            offset: i * per,
          },
          120_000,
        ),
      ),
    ),
  );
  const holds = plan(data.p1.shows, data.p1.layouts, Math.floor((ratePerSec * cfg.phaseMs) / 1000));
  ctx.log(
    `P4: ${String(opened.counts.connected ?? 0)} subscribers over ${String(showIds.length)} shows; ${String(holds.length)} holds at ${String(ratePerSec)}/s`,
  );
  const gen = mergeResults(
    await Promise.all(
      gens.map((p, g) =>
        p.run(
          {
            kind: 'rate-holds',
            ratePerSec: ratePerSec / gens.length,
            durationMs: cfg.phaseMs,
            maxInFlight: 256,
            plan: holds.filter((_, i) => i % gens.length === g),
            serverUrls: ctx.servers.urls,
          },
          cfg.phaseMs + 60_000,
        ),
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const records = gen.records ?? [];
  const seen = mergeResults(
    await Promise.all(subProcs.map((p) => p.run({ kind: 'subs-finish', records }, 120_000))),
  );
  const achieved = Math.round(((gen.counts.holdOk ?? 0) * 1000) / gen.measuredMs);
  const out: PhaseResult = {
    targetRatePerSec: ratePerSec,
    achievedHoldsPerSec: achieved,
    subscribers: opened.counts.connected ?? 0,
    pushFromResponseMs: summarize(seen.latencies.pushFromResponse ?? []),
    pushFromRequestMs: summarize(seen.latencies.pushFromSent ?? []),
    holdLatencyMs: summarize(gen.latencies.hold ?? []),
    startedLateMs: summarize(gen.latencies.lateStart ?? []),
    generator: gen.counts,
    subscribersSeen: seen.counts,
    errorSamples: [...opened.errorSamples, ...gen.errorSamples],
  };
  if ((seen.counts.holdIdsSeen ?? 0) > 0)
    ctx.log(
      `P4 note: ${String(seen.counts.holdIdsSeen)} pushed seats carried their hold id to public subscribers (hold ids must never leave the server)`,
    );
  ctx.log(
    `P4 @${String(ratePerSec)}/s: achieved ${String(achieved)}/s, push p50/p99 ${String(out.pushFromResponseMs.p50)}/${String(out.pushFromResponseMs.p99)} ms`,
  );
  return out;
}

/** Runs P4. */
export async function runP4(ctx: CaseContext): Promise<CaseResult> {
  const { subscribers, ratePerSec, steadyRatePerSec } = ctx.cfg.p4;
  const atGoal = await ctx.phase(`P4 ${String(ratePerSec)}/s`, () => phase(ctx, ratePerSec));
  const steady = await ctx.phase(`P4 ${String(steadyRatePerSec)}/s`, () =>
    phase(ctx, steadyRatePerSec),
  );
  const missed = (atGoal.subscribersSeen.missed ?? 0) + (steady.subscribersSeen.missed ?? 0);
  const expected = (atGoal.subscribersSeen.expected ?? 0) + (steady.subscribersSeen.expected ?? 0);
  const rateOk = atGoal.achievedHoldsPerSec >= GOAL_RATE;
  const p99Ok = atGoal.pushFromResponseMs.p99 < GOAL_P99;
  const scaled = subscribers < 1000 || ratePerSec < GOAL_RATE;
  const note = scaled
    ? ` (quick: ${String(subscribers)} subs, ${String(ratePerSec)}/s asked)`
    : ` (${String(ratePerSec)}/s asked)`;
  const pair = (s: LatencySummary) => `${fmt(s.p50)} / ${fmt(s.p99)} ms`;
  return {
    rows: [
      {
        figure: `P4 achieved hold rate${note}`,
        value: fmt(atGoal.achievedHoldsPerSec, '/s'),
        goal: `≥ ${GOAL_RATE.toLocaleString('en-US')}/s`,
        met: yesNo(rateOk),
      },
      {
        figure: 'P4 push p50 / p99 from hold response',
        value: pair(atGoal.pushFromResponseMs),
        goal: `p99 < ${String(GOAL_P99)} ms`,
        met: yesNo(p99Ok),
      },
      {
        figure: 'P4 push p50 / p99 from hold request',
        value: pair(atGoal.pushFromRequestMs),
        goal: '',
        met: '',
      },
      {
        figure: `P4 steady ${String(steadyRatePerSec)}/s: push p50 / p99 from response`,
        value: pair(steady.pushFromResponseMs),
        goal: `(p99 < ${String(GOAL_P99)} ms)`,
        met: '',
      },
      {
        figure: 'P4 pushes missed',
        value: `${fmt(missed)} of ${fmt(expected)}`,
        goal: '0',
        met: yesNo(missed === 0),
      },
    ],
    json: {
      goal: `push p99 < ${String(GOAL_P99)} ms with 1,000 live subscribers while holds run at ≥ ${String(GOAL_RATE)}/s`,
      met: rateOk && p99Ok && missed === 0,
      scaledDown: scaled,
      atGoalRate: atGoal,
      steadyRate: steady,
    },
  };
}
