// P8 — under attack. P3's REST holds run once on a quiet server, then again while four attackers
// (separate processes) hit the same servers: a ping flood over /sync with a station credential that
// never reads, 50 station sessions asking for a snapshot (cursor 0) and never reading it, 100 hellos
// a second with a wrong secret, 300 live seat-map sockets that never read. Figures: server RSS growth,
// /health and public seat-map p99 (slow-paced probes), hold p99 against the quiet run's.
import { attackResult, type AttackArgs, type AttackResult } from '../proc/attack-io.js';
import { exited, forkTs } from '../procs.js';
import { headSeq } from '../seed.js';
import { summarize, type LatencySummary } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';
import { holdsPhase } from './p1-holds.js';
import { rssMb, sampleMemory, startProbes, tcpMemMb, type ProbeResult } from './p8-probes.js';

const GOAL_RSS_MB = 100;
const GOAL_PROBE_P99 = 100;
const GOAL_HOLD_FACTOR = 2;
/** The attack of the acceptance text, the same in quick and full runs. */
const ATTACK = { snapshotSessions: 50, wrongHellosPerSec: 100, liveSockets: 300 } as const;
/**
 * The live sockets come from this many source addresses (127.0.100–102.1), 100 each: over the
 * per-address cap, so both the refusals and the accepted non-readers are exercised.
 */
const LIVE_ADDRESSES = 3;
/** Time the attacks get to take hold before the measured holds start. */
const RAMP_MS = 3000;
/** Upper bound on an attack beyond the holds phase's own time; the bench stops them when done. */
const SLACK_MS = 20_000;

type Quiet = { hold: LatencySummary; probes: ProbeResult };

/** Forks an attacker; `started` resolves once it runs, stop() ends it and resolves with what it saw. */
function startAttacker(args: AttackArgs): {
  started: Promise<void>;
  stop(): Promise<AttackResult>;
} {
  const child = forkTs('proc/attacker.ts', [JSON.stringify(args)]);
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    onStarted = resolve;
  });
  const result = new Promise<AttackResult>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      if (raw === 'started') {
        onStarted();
        return;
      }
      const parsed = attackResult.safeParse(raw);
      if (parsed.success) resolve(parsed.data);
      else reject(new Error(`attacker ${args.kind} sent a malformed result`));
    });
    child.once('exit', (code) => {
      onStarted();
      reject(new Error(`attacker ${args.kind} exited (${String(code)}) without a result`));
    });
  });
  // Handled here too: an attacker that dies early must not be an unhandled rejection before stop().
  result.catch(() => undefined);
  return {
    started,
    async stop() {
      if (child.connected) child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        return await result;
      } finally {
        clearTimeout(timer);
        await exited(child, 5000);
      }
    },
  };
}

async function quietRun(ctx: CaseContext, showIds: string[]): Promise<Quiet> {
  ctx.log('P8: P3 holds without attack (baseline)');
  // Seeding leaves many dirty pages; flushed now, they do not land in the quiet run's p99.
  await ctx.pool.query('CHECKPOINT').catch(() => undefined);
  const probes = startProbes(ctx.servers.urls, showIds);
  const r = await holdsPhase(ctx, 'rest', { label: 'P8 baseline' });
  return { hold: summarize(r.latencies.hold ?? []), probes: await probes.stop() };
}

/** BENCH_P8_ATTACKS=live,ping-flood runs only those attacks (to check one fix at a time); default all. */
function chosen(all: AttackArgs[]): AttackArgs[] {
  const only = process.env.BENCH_P8_ATTACKS?.split(',').map((k) => k.trim());
  return only === undefined || only.length === 0 ? all : all.filter((a) => only.includes(a.kind));
}

function attacks(ctx: CaseContext, durationMs: number, cursor: number): AttackArgs[] {
  const { data, servers } = ctx;
  const serverUrls = servers.urls;
  const hot = data.hot.stations.map((s) => s.id);
  return [
    {
      kind: 'ping-flood',
      serverUrls,
      durationMs,
      station: { id: hot[0] ?? '', secret: data.secret },
      cursor,
    },
    {
      kind: 'snapshots',
      serverUrls,
      durationMs,
      sessions: ATTACK.snapshotSessions,
      stations: data.p5.stations,
      secret: data.secret,
    },
    {
      kind: 'wrong-hellos',
      serverUrls,
      durationMs,
      ratePerSec: ATTACK.wrongHellosPerSec,
      // Not the flood's station: a lock-out of the guessed devices must not hide the flood.
      stations: hot.slice(1),
      maxInFlight: 2000,
    },
    {
      kind: 'live',
      serverUrls,
      durationMs,
      sockets: ATTACK.liveSockets,
      showIds: data.p1.shows.map((s) => s.id),
      addresses: LIVE_ADDRESSES,
    },
  ];
}

/** A short line per attacker: what the server did to it. */
function attackSummary(r: AttackResult): string {
  const c = r.counts;
  const refusals = Object.entries(c)
    .filter(([k]) => k.startsWith('refusedHttp'))
    .map(([k, v]) => `${k.slice('refusedHttp'.length)}×${String(v)}`)
    .join(' ');
  const drops = Object.entries(c)
    .filter(([k]) => /^dropped\d+$/.test(k))
    .reduce((n, [, v]) => n + v, 0);
  const refused = refusals === '' ? '' : `, HTTP ${refusals}`;
  if (r.kind === 'wrong-hellos') {
    const answers = Object.entries(c)
      .filter(([k]) => k.startsWith('answer'))
      .map(([k, v]) => `${k.slice('answer'.length)} ${String(v)}`)
      .join(', ');
    const closed = Object.entries(c)
      .filter(([k]) => k.startsWith('closedBeforeAnswer'))
      .reduce((n, [, v]) => n + v, 0);
    const none = (c.noAnswerIn10s ?? 0) + (c.notConnectedIn10s ?? 0);
    return `hellos ${String(c.attempts ?? 0)}: ${answers === '' ? 'no answers' : answers}, closed ${String(closed)}${refused}, none in 10 s ${String(none)}, pending ${String(c.inFlightAtEnd ?? 0)}, p99 ${fmt(summarize(r.answerMs).p99)} ms`;
  }
  const fast = c.droppedWithin2500ms ?? 0;
  return `${r.kind}: opened ${String(c.opened ?? 0)}, dropped ${String(drops)} (${String(fast)} within 2.5 s)${refused}, never accepted ${String(c.stillConnectingAtEnd ?? 0)}`;
}

/** Runs P8. */
export async function runP8(ctx: CaseContext): Promise<CaseResult> {
  const showIds = ctx.data.p1.shows.map((s) => s.id);
  const pids = ctx.servers.pids;
  const quiet = await quietRun(ctx, showIds);
  ctx.log(`P8 baseline: hold p99 ${String(quiet.hold.p99)} ms`);

  const rssBefore = pids.map((p) => Math.round(rssMb(p)));
  const tcpBefore = Math.round(tcpMemMb());
  const memory = sampleMemory(pids);
  const durationMs = RAMP_MS + SLACK_MS + ctx.cfg.warmupMs + ctx.cfg.phaseMs;
  const cursor = await headSeq(ctx.pool);
  ctx.log(
    `P8: attacks (at most ${String(durationMs)} ms: ping flood, ${String(ATTACK.snapshotSessions)} snapshot sessions, ${String(ATTACK.wrongHellosPerSec)} wrong hellos/s, ${String(ATTACK.liveSockets)} live sockets)`,
  );
  const planned = chosen(attacks(ctx, durationMs, cursor));
  const running = planned.map(startAttacker);
  let underAttack:
    (Quiet & { holdCounts: Record<string, number>; holdErrors: string[] }) | undefined;
  let results: AttackResult[] = [];
  try {
    await Promise.all(running.map((a) => a.started));
    await new Promise((r) => setTimeout(r, RAMP_MS));
    const probes = startProbes(ctx.servers.urls, showIds);
    const r = await holdsPhase(ctx, 'rest', { label: 'P8 under attack' });
    underAttack = {
      hold: summarize(r.latencies.hold ?? []),
      probes: await probes.stop(),
      holdCounts: r.counts,
      holdErrors: r.errorSamples,
    };
  } finally {
    results = await Promise.all(running.map((a) => a.stop()));
  }
  const mem = memory.stop();
  const growth = Math.max(...mem.peakRssMb.map((v, i) => v - (rssBefore[i] ?? 0)));
  const rssOk = growth < GOAL_RSS_MB;
  const { probes } = underAttack;
  const healthOk = probes.health.p99 < GOAL_PROBE_P99;
  const readOk = probes.seatMap.p99 < GOAL_PROBE_P99;
  const holdLimit = GOAL_HOLD_FACTOR * quiet.hold.p99;
  const holdOk = underAttack.hold.p99 < holdLimit;
  ctx.log(
    `P8 under attack: RSS +${String(growth)} MB, health p99 ${String(probes.health.p99)} ms, seat map p99 ${String(probes.seatMap.p99)} ms, hold p99 ${String(underAttack.hold.p99)} ms`,
  );
  for (const r of results) ctx.log(`P8 ${attackSummary(r)}`);
  const ms = (s: LatencySummary) => `${fmt(s.p50)} / ${fmt(s.p99)} ms`;
  return {
    rows: [
      {
        figure: 'P8 quiet: hold / health / seat map p99',
        value: `${fmt(quiet.hold.p99)} / ${fmt(quiet.probes.health.p99)} / ${fmt(quiet.probes.seatMap.p99)} ms`,
        goal: '',
        met: '',
      },
      {
        figure: 'P8 server RSS growth under attack',
        value: `+${fmt(growth)} MB (${rssBefore.join(',')} → ${mem.peakRssMb.join(',')})`,
        goal: `< ${String(GOAL_RSS_MB)} MB`,
        met: yesNo(rssOk),
      },
      {
        figure: 'P8 /health p50 / p99 under attack',
        value: ms(probes.health),
        goal: `p99 < ${String(GOAL_PROBE_P99)} ms`,
        met: yesNo(healthOk),
      },
      {
        figure: 'P8 seat-map read p50 / p99 under attack',
        value: ms(probes.seatMap),
        goal: `p99 < ${String(GOAL_PROBE_P99)} ms`,
        met: yesNo(readOk),
      },
      {
        figure: 'P8 hold p50 / p99 under attack',
        value:
          underAttack.hold.n > 0
            ? ms(underAttack.hold)
            : `none answered in the window (${String(underAttack.holdCounts.errors ?? 0)} errors)`,
        goal: `p99 < ${fmt(holdLimit)} ms (2 × quiet)`,
        met: yesNo(holdOk),
      },
      ...results.map((r) => ({
        figure: `P8 attacker ${r.kind}`,
        value: attackSummary(r).slice(0, 140),
        goal: '',
        met: '' as const,
      })),
    ],
    json: {
      goal: `while the attacks run: server RSS growth < ${String(GOAL_RSS_MB)} MB, /health and seat-map p99 < ${String(GOAL_PROBE_P99)} ms, hold p99 < ${String(GOAL_HOLD_FACTOR)} × its value without attack`,
      met: rssOk && healthOk && readOk && holdOk,
      attack: {
        ...ATTACK,
        liveAddresses: LIVE_ADDRESSES,
        rampMs: RAMP_MS,
        durationMs,
        kinds: planned.map((a) => a.kind),
      },
      rssBeforeMb: rssBefore,
      rssPeakMb: mem.peakRssMb,
      rssGrowthMb: growth,
      kernelTcpMemMb: { before: tcpBefore, peak: mem.peakTcpMemMb },
      quiet,
      underAttack,
      attackers: results.map((r) => ({
        kind: r.kind,
        counts: r.counts,
        lifetimeMs: summarize(r.lifetimesMs),
        answerMs: summarize(r.answerMs),
        errorSamples: r.errorSamples,
      })),
    },
  };
}
