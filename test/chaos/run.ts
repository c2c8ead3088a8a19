// npm run chaos: the seat rule and the money under partitions, crashes and junk (issue 19).
//
// Real processes on loopback: PostgreSQL, two sync servers, counters and kiosks (and a door) with
// virtual printers, each station behind a fault proxy of its own, and online buyers holding, booking
// and paying on the test gateway. While they work the run kills and restarts servers, restarts
// PostgreSQL, kills a station in the middle of a sale, unplugs a printer, partitions half the
// stations, delays, duplicates, reorders and cuts their traffic, and replays the gateway's webhooks
// shuffled. Then everything is healed, the stations catch up and close their tills, and the audit
// holds the end state to what every client was told. Same seed, same schedule of faults.
//
//   npm run chaos                     the long run (10 minutes of load), random seed
//   npm run chaos -- --quick          the quick run npm test runs (about 1 minute of load)
//   npm run chaos -- --seed 1234      replay a run's schedule; --minutes N, --buyers N, --keep
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../../db/demo/rng.js';
import { freePort } from '../../db/pg/embedded.js';
import { openPg } from '../../db/pg/client.js';
import {
  startVirtualPrinter,
  type VirtualPrinter,
} from '../../src-main/printing/virtual-printer.js';
import { auditTable, runAudit, writeAuditJson } from './audit.js';
import { HEALTHY, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { planFaults } from './faults.js';
import { emptyLedger } from './ledger.js';
import { nodeProcess, syncServerEnv, type Proc } from './processes.js';
import {
  scanAt,
  sellAt,
  webBuyer,
  webClient,
  type StationHandle,
  type WorkStats,
} from './workload.js';
import { settle, syncStatus, waitFor } from './settle.js';
import { createWorld, type WorldStation } from './world.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string' },
    minutes: { type: 'string' },
    buyers: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const seed = Number(args.seed ?? process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isSafeInteger(seed) || seed < 0) {
  process.stderr.write('--seed is a non-negative integer\n');
  process.exit(2);
}
const loadMs = Math.round(Number(args.minutes ?? (quick ? 1.25 : 10)) * 60_000);
const buyers = Number(args.buyers ?? (quick ? 60 : 200));
const started = Date.now();
const out = (line: string) => process.stdout.write(`${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
const log = (line: string) => out(`${elapsed()}  ${line}`);
const timeline: { at: string; fault: string }[] = [];
const fault = (what: string) => {
  timeline.push({ at: elapsed().trim(), fault: what });
  log(what);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rng = createRng(seed);
// The servers sweep expired holds this often; the audit allows for it (it reads HOLD_SWEEP_MS).
const HOLD_SWEEP_MS = 1000;
process.env.HOLD_SWEEP_MS = String(HOLD_SWEEP_MS);
const dir = path.join(os.tmpdir(), `marquee-chaos-${String(seed)}-${String(process.pid)}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
out(
  `Chaos run, seed ${String(seed)} (replay: npm run chaos -- ${quick ? '--quick ' : ''}--seed ${String(seed)})`,
);
out(
  `${String(loadMs / 1000)} s of load, ${String(buyers)} online buyers; files in the run folder ${dir}`,
);

// Whatever goes wrong, no process of the run outlives it.
const everyProc: Proc[] = [];
let stopPg: (() => Promise<void>) | null = null;
const abort = (why: unknown) => {
  out(`Chaos run broke: ${why instanceof Error ? (why.stack ?? why.message) : String(why)}`);
  out(`Seed ${String(seed)}; logs in ${dir}`);
  void Promise.allSettled(everyProc.map((p) => p.stop('SIGKILL')))
    .then(() => stopPg?.())
    .finally(() => process.exit(1));
};
process.on('uncaughtException', abort);
process.once('SIGINT', () => abort('interrupted'));

// The long run sells at a cashier's pace in a bigger house, so it is still selling at the end.
const world = await createWorld({
  dir,
  counters: 6,
  kiosks: 2,
  doors: 1,
  ...(quick ? { shows: 4, rows: 10, perRow: 14 } : { shows: 10, rows: 12, perRow: 16 }),
});
stopPg = () => world.pg.stop();
const logDir = path.join(dir, 'logs');
const serverPorts = [await freePort(), await freePort()];
const servers: Proc[] = serverPorts.map((port, i) =>
  nodeProcess({
    name: `server-${String(i + 1)}`,
    script: 'sync-server/server.ts',
    env: syncServerEnv({
      port,
      dir,
      pgUrl: world.pg.url,
      gatewaySecret: world.gatewaySecret,
      sweepMs: HOLD_SWEEP_MS,
    }),
    logDir,
    ready: /Marquee sync server on/,
  }),
);
everyProc.push(...servers);
// One after the other: the first makes the keys both share.
for (const s of servers) await s.start();
const liveServers = () =>
  serverPorts.filter((_, i) => servers[i]?.running()).map((p) => `http://127.0.0.1:${String(p)}`);

// A virtual printer per selling station, writing each job it receives as <n>.txt and <n>.bin.
const ticketCodes: string[] = [];
type Printed = { printer: VirtualPrinter; dir: string };
const printers = new Map<string, Printed>();
for (const s of world.stations.filter((x) => x.kind !== 'door')) {
  const pdir = path.join(dir, 'printers', s.name);
  mkdirSync(pdir, { recursive: true });
  const printer = await startVirtualPrinter({ port: 0, outDir: null });
  let n = 0;
  printer.onJob((job) => {
    n += 1;
    const base = path.join(pdir, String(n).padStart(5, '0'));
    writeFileSync(`${base}.txt`, job.text);
    writeFileSync(`${base}.bin`, job.bytes);
    for (const item of job.document.items) if (item.kind === 'qr') ticketCodes.push(item.data);
  });
  printers.set(s.name, { printer, dir: pdir });
}

const proxies = new Map<string, FaultProxy>();
const stationProcs = new Map<string, Proc>();
const handles: StationHandle[] = [];
for (const s of world.stations) {
  const proxyRng = rng.fork(`proxy-${s.name}`);
  const proxy = await startFaultProxy({
    upstreams: () => serverPorts,
    random: () => proxyRng.next(),
  });
  proxies.set(s.name, proxy);
  const port = await freePort();
  const printer = printers.get(s.name)?.printer;
  const proc = nodeProcess({
    name: s.name,
    script: 'src-main/shell-web/main.ts',
    logDir,
    ready: /Marquee station on/,
    env: {
      STATION_HOST: '127.0.0.1',
      STATION_PORT: String(port),
      STATION_DATA_DIR: path.join(dir, 'stations', s.name),
      SYNC_SERVER_URL: `http://127.0.0.1:${String(proxy.port)}`,
      STATION_ID: s.id,
      STATION_SECRET: s.secret,
      STATION_LOG_LEVEL: 'warn',
      STATION_BACKUP_EVERY_HOURS: '0',
      RECONNECT_MAX_MS: '1500',
      OUTBOX_RETRY_MS: '300',
      ALLOCATION_PER_CATEGORY: '3',
      ...(printer === undefined
        ? {}
        : { PRINTER_INTERFACE: `tcp://127.0.0.1:${String(printer.port)}` }),
      ...(s.kind === 'kiosk'
        ? { STATION_KIOSK: 'true', PAYMENT_TERMINAL: 'simulated', TERMINAL_DELAY_MS: '60000' }
        : {}),
      ...(s.kind === 'door'
        ? { STATION_MODE: 'door', STATION_DOOR_NAME: `Door ${s.name}`, DOOR_OPENS_MINUTES: '90' }
        : {}),
    },
  });
  stationProcs.set(s.name, proc);
  everyProc.push(proc);
  handles.push({
    station: s,
    url: `http://127.0.0.1:${String(port)}`,
    up: () => proc.running(),
    killDuringNextSale: null,
  });
}
log(`starting ${String(stationProcs.size)} stations`);
await Promise.all([...stationProcs.values()].map((p) => p.start()));
// Every station has its replica and escrow before the load: a partition then sells escrowed seats.
await waitFor(log, 'stations online and caught up', 120_000, async () => {
  const states = await Promise.all(handles.map((h) => syncStatus(h.url)));
  return states.every((s) => s?.state === 'online' && s.catchUp === null);
});
// … and seats escrowed to each selling station, so a partitioned one has something to sell.
await waitFor(log, 'seats escrowed to every selling station', 60_000, async () => {
  const pool = openPg(world.pg.url, { max: 1 }).$client;
  try {
    const r = await pool.query<{ n: string }>(
      "SELECT count(DISTINCT station_id) AS n FROM show_seats WHERE state = 'allocated'",
    );
    return Number(r.rows[0]?.n ?? 0) >= handles.filter((h) => h.station.kind !== 'door').length;
  } finally {
    await pool.end();
  }
});
log(`${String(handles.length)} stations online, seats escrowed`);

// --- load and faults ---------------------------------------------------------------------------
const ledger = emptyLedger();
const stats: WorkStats = {};
const load = { over: false };
const stop = () => load.over;
const shows = world.fx.showIds;
const adult = world.fx.ticketTypes.adult;

for (const p of proxies.values())
  p.set({ delayMs: [0, 25], duplicate: 0.05, reorder: 0.05, cut: 0.004 });

const loadStart = Date.now();
const work: Promise<void>[] = [];
for (const h of handles) {
  const rnd = rng.fork(`work-${h.station.name}`);
  if (h.station.kind === 'door')
    work.push(scanAt(h, { codes: ticketCodes, rnd, ledger, stats, stop }));
  else
    work.push(
      sellAt(h, {
        shows,
        adult,
        rnd,
        ledger,
        stats,
        stop,
        pauseMs:
          h.station.kind === 'kiosk'
            ? quick
              ? [300, 1200]
              : [4000, 10_000]
            : quick
              ? [100, 700]
              : [2500, 7000],
      }),
    );
}
const request = webClient(liveServers, rng.fork('web-lb'));
work.push(
  (async () => {
    const rnd = rng.fork('buyers');
    const running = new Set<Promise<void>>();
    for (let i = 0; i < buyers && !stop(); i++) {
      // Spread over the first 85 % of the load, at most 25 at a time.
      const due = loadStart + (i / buyers) * loadMs * 0.85;
      while (Date.now() < due && !stop()) await sleep(50);
      while (running.size >= 25) await Promise.race(running);
      const b = webBuyer(request, {
        shows,
        adult,
        rnd: rnd.fork(`buyer-${String(i)}`),
        ledger,
        stats,
      })
        .catch(() => {
          stats['web buyer error'] = (stats['web buyer error'] ?? 0) + 1;
        })
        .finally(() => running.delete(b));
      running.add(b);
    }
    await Promise.all(running);
  })(),
);

const faults = planFaults({
  rnd: rng.fork('faults'),
  loadStart,
  loadMs,
  world,
  servers,
  liveServers,
  handles,
  stationProcs,
  printers,
  proxies,
  fault,
});

for (let t = 0; t < loadMs; t += 15_000) {
  await sleep(Math.min(15_000, loadMs - t));
  log(
    `so far: ${String(ledger.sales.length)} station sales, ${String(ledger.bookings.length)} web bookings paid, ${String(ledger.admissions.length)} admitted`,
  );
}
load.over = true;
log(`load over; healing`);
for (const p of proxies.values()) p.set(HEALTHY);
await faults.done;
await Promise.all(work);
for (const p of printers.values()) await p.printer.setFault({ kind: 'none' });

// --- settle: every station online, outbox and print queue empty; tills closed and uploaded --------
// Holds are judged as of the moment the servers (and their sweepers) stopped.
const frozenAt = await settle({ handles, servers, pgUrl: world.pg.url, log });
log(`settled; stopping stations`);
await Promise.all([...stationProcs.values()].map((p) => p.stop('SIGTERM')));
for (const p of printers.values()) {
  await p.printer.settled();
  await p.printer.close();
}
for (const p of proxies.values()) await p.close();

// --- audit ----------------------------------------------------------------------------------------
const report = await runAudit({
  pgUrl: world.pg.url,
  stations: world.stations.map((s: WorldStation) => ({
    name: s.name,
    id: s.id,
    dataDir: path.join(dir, 'stations', s.name),
    printerDir: printers.get(s.name)?.dir ?? null,
  })),
  ledger,
  now: frozenAt,
});
const crashes = [...servers, ...stationProcs.values()].flatMap((p) => p.crashes);
await world.pg.stop();

out('');
out('Faults injected:');
for (const t of timeline) out(`  ${t.at.padStart(7)}  ${t.fault}`);
const proxyTotals = [...proxies.values()].reduce<Record<string, number>>((acc, p) => {
  for (const [k, v] of Object.entries(p.stats)) acc[k] = (acc[k] ?? 0) + v;
  return acc;
}, {});
out(
  `  network: ${Object.entries(proxyTotals)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ')}`,
);
out(
  `  webhooks: ${String(faults.webhooks.replayed)} delivered again (shuffled, some twice), ${String(faults.webhooks.refused.length)} not answered 200`,
);
out('');
out('What the clients did:');
for (const [k, v] of Object.entries(stats).sort()) out(`  ${k.padEnd(44)} ${String(v)}`);
out('');
out(auditTable(report));
if (crashes.length > 0) out(`Processes that died by themselves: ${crashes.join('; ')}`);
if (faults.webhooks.refused.length > 0)
  out(`Webhooks refused: ${faults.webhooks.refused.slice(0, 10).join('; ')}`);
const ok = report.ok && crashes.length === 0 && faults.webhooks.refused.length === 0;
await writeAuditJson(report, path.join(dir, 'audit.json'));
writeFileSync(
  path.join(dir, 'run.json'),
  JSON.stringify(
    {
      seed,
      quick,
      loadMs,
      buyers,
      ok,
      timeline,
      network: proxyTotals,
      webhooks: faults.webhooks,
      clients: stats,
      crashes,
    },
    null,
    2,
  ),
);
out('');
out(
  ok
    ? `Chaos run green in ${elapsed().trim()} (seed ${String(seed)}).`
    : `Chaos run FAILED (seed ${String(seed)}; replay: npm run chaos -- ${quick ? '--quick ' : ''}--seed ${String(seed)}). Audit, run and logs: ${dir}`,
);
if (ok && !args.keep) rmSync(dir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
