// npm run bench [-- --quick] [--only P1,P5] [--servers N] [--pool N] [--cpu-prof] [--diag] [--explore]
// Starts its own PostgreSQL, seeds it, starts sync servers and load generators as separate
// processes, runs P1–P11, prints a table and writes bench-results.json at the repo root.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_SERVER_ENV, benchConfig, STATION_SECRET } from './bench-config.js';
import { loadProcPool, type CaseContext, type CaseResult, type TableRow } from './cases/context.js';
import { runP1Explore } from './cases/p1-explore.js';
import { runP1 } from './cases/p1-holds.js';
import { runP2 } from './cases/p2-hot-show.js';
import { runP3 } from './cases/p3-latency.js';
import { runP4 } from './cases/p4-live.js';
import { runP5 } from './cases/p5-catch-up.js';
import { runP6 } from './cases/p6-station-sale.js';
import { runP7 } from './cases/p7-reads.js';
import { runP8 } from './cases/p8-attack.js';
import { runP9 } from './cases/p9-online.js';
import { runP10 } from './cases/p10-identity.js';
import { runP11 } from './cases/p11-notifications.js';
import { runP12 } from './cases/p12-schedule.js';
import { runP13 } from './cases/p13-reports.js';
import { postmasterPid, startDiag, type Diag } from './diag.js';
import { startBenchPg, type BenchPg } from './pg-setup.js';
import { killChildren, repoRoot } from './procs.js';
import { printTable, runMeta, writeResults } from './report.js';
import { seedBenchData } from './seed-plan.js';
import { startServers, type BenchServers } from './servers.js';
import { notifyServerEnv, startSmtpSink, type SmtpSink } from './smtp-sink.js';

type CaseId =
  | 'P1'
  | 'P1X'
  | 'P2'
  | 'P3'
  | 'P4'
  | 'P5'
  | 'P6'
  | 'P7'
  | 'P8'
  | 'P9'
  | 'P10'
  | 'P11'
  | 'P12'
  | 'P13';
const CASES: { id: CaseId; goal: string; run: (ctx: CaseContext) => Promise<CaseResult> }[] = [
  { id: 'P1', goal: 'product holds/s ≥ 0.6 × bare SQL holds/s', run: runP1 },
  { id: 'P1X', goal: 'diagnosis only (--explore)', run: runP1Explore },
  { id: 'P2', goal: '≥ 1,500 seat ops/s on one hot show, 0 double sales', run: runP2 },
  { id: 'P3', goal: 'hold round-trip p99 < 50 ms at 32 concurrent', run: runP3 },
  { id: 'P4', goal: 'push p99 < 100 ms at ≥ 3,000 holds/s, 1,000 subscribers', run: runP4 },
  { id: 'P5', goal: 'cold snapshot < 3 s, delta < 0.5 s', run: runP5 },
  { id: 'P6', goal: 'local sale p99 < 20 ms, sale → printer bytes p99 < 50 ms', run: runP6 },
  { id: 'P7', goal: 'seat-map read p95 < 20 ms at 100 concurrent', run: runP7 },
  {
    id: 'P8',
    goal: 'under attack: server RSS growth < 100 MB, /health and seat-map p99 < 100 ms, hold p99 < 2 × quiet',
    run: runP8,
  },
  {
    id: 'P9',
    goal: 'online purchase (hold → book → pay → confirmed) ≥ 150/s and p99 < 300 ms at 32 buyers',
    run: runP9,
  },
  { id: 'P10', goal: 'argon2id 5–250 ms per hash; signed-in GET /me p95 < 20 ms', run: runP10 },
  {
    id: 'P11',
    goal: 'worker delivers ≥ 200 emails/s with PDF tickets to a local SMTP server; push to an open socket p99 < 1 s',
    run: runP11,
  },
  { id: 'P12', goal: 'copy a week of one cinema (about 200 shows) < 2 s', run: runP12 },
  {
    id: 'P13',
    goal: 'reports (issue 17 “P10”): each over a month and a year of a 4-cinema chain p95 < 200 ms',
    run: runP13,
  },
];

function parseArgs(argv: string[]) {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0
      ? argv[i + 1]
      : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const only = value('--only')?.toUpperCase().split(',');
  const servers = Number(value('--servers') ?? '1');
  if (!Number.isInteger(servers) || servers < 1 || servers > 4)
    throw new Error('--servers takes 1 to 4');
  return {
    quick: argv.includes('--quick'),
    only,
    servers,
    cpuProf: argv.includes('--cpu-prof'),
    diag: argv.includes('--diag'),
    explore: argv.includes('--explore'),
    pool: value('--pool'),
  };
}

/** One hold and release through each server: the change log has a row (a cursor stations can resume from) and every server has answered once. */
async function prime(urls: string[], showId: string, seatId: string): Promise<void> {
  for (const url of urls) {
    const r = await fetch(`${url}/api/v1/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ showId, seatIds: [seatId] }),
    });
    if (r.status !== 201)
      throw new Error(`priming hold failed: ${String(r.status)} ${await r.text()}`);
    const { holdId, holdSecret } = (await r.json()) as { holdId: string; holdSecret: string };
    const d = await fetch(`${url}/api/v1/holds/${holdId}`, {
      method: 'DELETE',
      headers: { 'hold-secret': holdSecret },
    });
    if (d.status !== 204)
      throw new Error(`priming release failed: ${String(d.status)} ${await d.text()}`);
  }
}

const out = (s: string): void => {
  process.stdout.write(s);
};

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cfg = benchConfig(args.quick, args.servers);
  const t0 = performance.now();
  const log = (line: string) => {
    out(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  };
  let pg: BenchPg | undefined;
  let servers: BenchServers | undefined;
  let mail: SmtpSink | undefined;
  const loadPool = loadProcPool();
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      await loadPool.stop().catch(() => undefined);
      await servers?.stop().catch(() => undefined);
      await mail?.stop().catch(() => undefined);
      await killChildren();
      await pg?.stop();
    })();
    return cleaning;
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      out(`\nbench: ${sig}, cleaning up\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  const results: Record<string, unknown> = {};
  const rows: TableRow[] = [];
  const diags: Record<string, Diag> = {};
  try {
    log(
      `mode ${cfg.quick ? 'quick' : 'full'}, ${String(cfg.servers)} server process(es), ${String(os.cpus().length)} cores`,
    );
    pg = await startBenchPg();
    log(`PostgreSQL up, migrated (${pg.dir})`);
    const profDir = path.join(os.tmpdir(), 'marquee-bench-prof');
    if (args.cpuProf) mkdirSync(profDir, { recursive: true });
    mail = await startSmtpSink();
    const serverOpts = {
      nodeFlags: args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
      env: {
        ...BENCH_SERVER_ENV,
        ...notifyServerEnv(mail.port, pg.dir),
        ...(args.pool === undefined ? {} : { PG_POOL_SIZE: args.pool }),
      },
    };
    const [data, started] = await Promise.all([
      seedBenchData(pg.db.$client, cfg, STATION_SECRET, log),
      startServers(cfg.servers, pg.url, pg.dir, serverOpts),
    ]);
    servers = started;
    log(`servers up: ${servers.urls.join(', ')}`);
    await prime(servers.urls, data.p1.shows[0]?.id ?? '', data.p1.layouts[0]?.[0] ?? '');
    const running = servers;
    const pgPid = postmasterPid(path.join(pg.dir, 'pg'));
    const phase = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      if (!args.diag || !pg) return fn();
      const d = startDiag(pg.db.$client, {
        servers: running.pids,
        load: () => loadPool.pids(),
        postmaster: pgPid,
      });
      try {
        return await fn();
      } finally {
        const found = await d.stop();
        diags[label] = found;
        log(`diag ${label}: cores ${JSON.stringify(found.coresUsed)}`);
        log(`diag ${label}: pg sessions ${JSON.stringify(found.pgActivity)}`);
      }
    };
    const ctx: CaseContext = {
      cfg,
      pool: pg.db.$client,
      dbUrl: pg.url,
      servers,
      data,
      tmpDir: pg.dir,
      mail,
      procs: (n) => loadPool.procs(n),
      log,
      phase,
      stationNodeFlags: serverOpts.nodeFlags,
    };
    for (const c of CASES) {
      if (args.only !== undefined && !args.only.includes(c.id)) continue;
      if (c.id === 'P1X' && !args.explore) continue;
      if (performance.now() - t0 > cfg.deadlineMs) {
        results[c.id] = {
          goal: c.goal,
          met: false,
          skipped: 'the run ran out of time before this case',
        };
        rows.push({ figure: `${c.id} skipped (out of time)`, value: '', goal: c.goal, met: 'no' });
        continue;
      }
      const caseStart = performance.now();
      try {
        const r = await c.run(ctx);
        results[c.id] = { ...r.json, caseMs: Math.round(performance.now() - caseStart) };
        rows.push(...r.rows);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        log(`${c.id} FAILED: ${message}`);
        results[c.id] = { goal: c.goal, met: false, error: message };
        rows.push({
          figure: `${c.id} failed`,
          value: message.slice(0, 60),
          goal: c.goal,
          met: 'no',
        });
      }
    }
    if (args.cpuProf) log(`server and station CPU profiles go to ${profDir} as the processes exit`);
  } finally {
    await cleanup();
  }
  const totalMs = Math.round(performance.now() - t0);
  const file = path.join(repoRoot, 'bench-results.json');
  writeResults(file, {
    meta: runMeta({
      mode: cfg.quick ? 'quick' : 'full',
      servers: cfg.servers,
      phaseMs: cfg.phaseMs,
      warmupMs: cfg.warmupMs,
      totalMs,
    }),
    ...results,
    ...(args.diag ? { diag: diags } : {}),
  });
  out(
    `\nMarquee bench (${cfg.quick ? 'quick' : 'full'}, ${String(os.cpus().length)} cores, ${(totalMs / 1000).toFixed(0)} s)\n`,
  );
  printTable(rows, out);
  out(`\nwrote ${file}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
