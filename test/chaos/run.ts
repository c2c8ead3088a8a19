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
import {
  signPayload,
  SIGNATURE_HEADER,
} from '../../sync-server/payments/test-gateway/signature.js';
import { openContract } from '../../scripts/contract-client.js';
import type { ZReportTender } from '../../common/contract/station.js';
import { auditTable, runAudit, writeAuditJson } from './audit.js';
import { HEALTHY, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { emptyLedger } from './ledger.js';
import { nodeProcess, type Proc } from './processes.js';
import {
  scanAt,
  sellAt,
  webBuyer,
  webClient,
  type StationHandle,
  type WorkStats,
} from './workload.js';
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
const timeline: { at: string; fault: string }[] = [];
const fault = (what: string) => {
  timeline.push({ at: elapsed().trim(), fault: what });
  out(`${elapsed()}  ${what}`);
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
const serverEnv = (port: number): Record<string, string> => ({
  DATABASE_URL: world.pg.url,
  HOST: '127.0.0.1',
  PORT: String(port),
  LOG_LEVEL: 'warn',
  PAYMENT_PROVIDER: 'test',
  TEST_GATEWAY_SECRET: world.gatewaySecret,
  TEST_GATEWAY_DELAY_SECONDS: '2',
  // Short enough that holds abandoned early expire within the run, long enough to outlast a
  // partition or a server restart between a counter's hold and its sale.
  HOLD_TTL_SECONDS: '120',
  HOLD_SWEEP_MS: String(HOLD_SWEEP_MS),
  CHANGE_LOG_POLL_MS: '100',
  HEARTBEAT_MS: '2000',
  // Every buyer comes from this machine's address: the per-client caps would stop the crowd.
  HOLDS_PER_CLIENT_PER_SHOW: '0',
  HOLDS_PER_CLIENT: '0',
  HELD_SEATS_PER_CLIENT_PER_SHOW: '0',
  HOLD_WRITES_PER_CLIENT_PER_MINUTE: '0',
  MAIL_TRANSPORT: 'file',
  MAIL_DIR: path.join(dir, 'mail'),
  SMS_PROVIDER: 'file',
  SMS_DIR: path.join(dir, 'sms'),
  BACKUP_EVERY_HOURS: '0',
  PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
});
const servers: Proc[] = serverPorts.map((port, i) =>
  nodeProcess({
    name: `server-${String(i + 1)}`,
    script: 'sync-server/server.ts',
    env: serverEnv(port),
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
out(`${elapsed()}  starting ${String(stationProcs.size)} stations`);
await Promise.all([...stationProcs.values()].map((p) => p.start()));
// Every station has its replica and escrow before the load: a partition then sells escrowed seats.
await waitFor('stations online and caught up', 120_000, async () => {
  const states = await Promise.all(handles.map((h) => syncStatus(h.url)));
  return states.every((s) => s?.state === 'online' && s.catchUp === null);
});
// … and seats escrowed to each selling station, so a partitioned one has something to sell.
await waitFor('seats escrowed to every selling station', 60_000, async () => {
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
out(`${elapsed()}  ${String(handles.length)} stations online, seats escrowed`);

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

const frnd = rng.fork('faults');
const at = (from: number, to: number) => loadStart + loadMs * (from + frnd.next() * (to - from));
const until = (t: number) => sleep(Math.max(0, t - Date.now()));
const counters = handles.filter((h) => h.station.kind === 'counter');
const sellers = handles.filter((h) => h.station.kind !== 'door');
const faultPlan: Promise<void>[] = [];

// Sync servers: SIGKILL, restart; twice.
for (const [i, window] of [
  [0, [0.12, 0.25]],
  [1, [0.55, 0.68]],
] as const) {
  const t = at(window[0], window[1]);
  const down = 1000 + frnd.int(0, 3000);
  faultPlan.push(
    (async () => {
      await until(t);
      const s = servers[i];
      if (s === undefined) return;
      fault(`SIGKILL ${s.name}; back in ${String(down)} ms`);
      await s.stop('SIGKILL');
      await sleep(down);
      const tries = await s.startRetrying(1000, 30);
      fault(
        `${s.name} restarted${tries > 1 ? ` (${String(tries)} tries: its database was down)` : ''}`,
      );
    })(),
  );
}
// PostgreSQL: restarted once, under load.
{
  const t = at(0.38, 0.48);
  const down = 1000 + frnd.int(0, 2000);
  faultPlan.push(
    (async () => {
      await until(t);
      fault(`PostgreSQL stopped; back in ${String(down)} ms`);
      await world.pg.restart(down);
      fault('PostgreSQL restarted');
    })(),
  );
}
// A station killed in the middle of a sale, then started again.
{
  const t = at(0.3, 0.75);
  const victim = frnd.pick(counters);
  faultPlan.push(
    (async () => {
      await until(t);
      const proc = stationProcs.get(victim.station.name);
      if (proc === undefined) return;
      victim.killDuringNextSale = async () => {
        fault(`SIGKILL ${victim.station.name} during a sale`);
        await proc.stop('SIGKILL');
        void sleep(1000)
          .then(() => proc.startRetrying(1000, 10))
          .then(() => {
            fault(`${victim.station.name} restarted`);
          });
      };
    })(),
  );
}
// A printer unplugged and plugged back.
{
  const t = at(0.2, 0.6);
  const victim = frnd.pick(sellers);
  const down = 3000 + frnd.int(0, 5000);
  faultPlan.push(
    (async () => {
      await until(t);
      const p = printers.get(victim.station.name)?.printer;
      if (p === undefined) return;
      fault(`printer of ${victim.station.name} unplugged for ${String(down)} ms`);
      await p.setFault({ kind: 'offline' });
      await sleep(down);
      await p.setFault({ kind: 'none' });
      fault(`printer of ${victim.station.name} plugged back`);
    })(),
  );
}
// Partitions: half the stations at a time, refused or black-holed, again and again.
faultPlan.push(
  (async () => {
    while (Date.now() < loadStart + loadMs * 0.85) {
      await sleep(frnd.int(4000, 10_000));
      if (Date.now() >= loadStart + loadMs * 0.85) break;
      const shuffled = [...handles].sort(() => frnd.next() - 0.5);
      const half = shuffled.slice(0, Math.floor(handles.length / 2));
      const blackhole = frnd.next() < 0.5;
      const lasts = frnd.int(3000, 9000);
      fault(
        `${blackhole ? 'black hole' : 'partition'} for ${String(lasts)} ms: ${half.map((h) => h.station.name).join(', ')}`,
      );
      for (const h of half)
        proxies.get(h.station.name)?.set(blackhole ? { blackhole: true } : { partitioned: true });
      await sleep(lasts);
      for (const h of half)
        proxies.get(h.station.name)?.set({ blackhole: false, partitioned: false });
    }
  })(),
);
// Webhooks: delivered ones sent again, shuffled and some twice, to either server.
let replayed = 0;
const replayRefused: string[] = [];
faultPlan.push(
  (async () => {
    const pool = openPg(world.pg.url, { max: 1 }).$client;
    try {
      while (Date.now() < loadStart + loadMs * 0.9) {
        await sleep(frnd.int(4000, 8000));
        const rows = await pool
          .query<{ payload: Record<string, unknown> }>(
            'SELECT payload FROM test_gateway_webhooks WHERE delivered_at IS NOT NULL ORDER BY random() LIMIT 25',
          )
          .catch(() => ({ rows: [] }));
        for (const r of rows.rows) {
          for (let k = frnd.next() < 0.3 ? 2 : 1; k > 0; k--) {
            const body = JSON.stringify(r.payload);
            const base = frnd.pick(liveServers().length > 0 ? liveServers() : ['']);
            if (base === '') continue;
            await fetch(`${base}/api/v1/payments/webhooks/test`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [SIGNATURE_HEADER]: signPayload(world.gatewaySecret, body, new Date()),
              },
              body,
            })
              .then(async (res) => {
                await res.text();
                replayed += 1;
                // 503: the database was restarting; a provider delivers again later.
                if (res.status !== 200 && res.status !== 503)
                  replayRefused.push(`${String(res.status)} ${body.slice(0, 80)}`);
              })
              .catch(() => undefined);
          }
        }
      }
    } finally {
      await pool.end();
    }
  })(),
);

for (let t = 0; t < loadMs; t += 15_000) {
  await sleep(Math.min(15_000, loadMs - t));
  out(
    `${elapsed()}  so far: ${String(ledger.sales.length)} station sales, ${String(ledger.bookings.length)} web bookings paid, ${String(ledger.admissions.length)} admitted`,
  );
}
load.over = true;
out(`${elapsed()}  load over; healing`);
for (const p of proxies.values()) p.set(HEALTHY);
await Promise.all(faultPlan);
await Promise.all(work);
for (const p of printers.values()) await p.printer.setFault({ kind: 'none' });

// --- settle: every station online, outbox and print queue empty; tills closed and uploaded --------
await waitFor('stations caught up', 180_000, async () => {
  const states = await Promise.all(handles.map((h) => syncStatus(h.url)));
  return states.every((s) => s?.state === 'online' && s.pendingCount === 0 && s.catchUp === null);
});
await closeTills(handles.filter((h) => h.station.kind !== 'door'));
await waitFor('tills uploaded and prints done', 180_000, async () => {
  const states = await Promise.all(handles.map((h) => syncStatus(h.url)));
  const queued = await Promise.all(handles.map((h) => printQueue(h.url)));
  return (
    states.every((s) => s?.state === 'online' && s.pendingCount === 0) &&
    queued.every((q) => q === 0)
  );
});
// The servers stop first, so their sweepers write nothing (a hold expiring) that stopped stations
// could no longer hear of; a change that came in the last moment gets the servers back until heard.
const caughtUp = async () => {
  const cursors = await Promise.all(handles.map((h) => syncStatus(h.url)));
  const head = await serverHead();
  return cursors.every((c) => c !== null && c.cursor >= head);
};
for (let attempt = 1; ; attempt++) {
  await waitFor('cursors equal', 60_000, caughtUp);
  await Promise.all(servers.map((s) => s.stop('SIGTERM')));
  if (attempt >= 3 || (await caughtUp().catch(() => false))) break;
  for (const s of servers) await s.startRetrying(1000, 30);
}
// Holds are judged as of the moment the sweepers stopped.
const frozenAt = new Date();
out(`${elapsed()}  settled; stopping stations`);
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
  `  webhooks: ${String(replayed)} delivered again (shuffled, some twice), ${String(replayRefused.length)} not answered 200`,
);
out('');
out('What the clients did:');
for (const [k, v] of Object.entries(stats).sort()) out(`  ${k.padEnd(44)} ${String(v)}`);
out('');
out(auditTable(report));
if (crashes.length > 0) out(`Processes that died by themselves: ${crashes.join('; ')}`);
if (replayRefused.length > 0) out(`Webhooks refused: ${replayRefused.slice(0, 10).join('; ')}`);
const ok = report.ok && crashes.length === 0 && replayRefused.length === 0;
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
      webhooks: { replayed, refused: replayRefused },
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

// --- helpers -----------------------------------------------------------------------------------------

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) {
      out(`${elapsed()}  gave up waiting: ${what}`);
      return;
    }
    await sleep(500);
  }
}

async function syncStatus(url: string) {
  try {
    const c = await openContract(url);
    try {
      const r = await c.call('sync:status', {}, 10_000);
      return r.ok
        ? (r.value as { state: string; pendingCount: number; cursor: number; catchUp: unknown })
        : null;
    } finally {
      c.close();
    }
  } catch {
    return null;
  }
}

async function printQueue(url: string): Promise<number> {
  try {
    const c = await openContract(url);
    try {
      const r = await c.call('station:status', {}, 10_000);
      if (!r.ok) return -1;
      const printer = (r.value as { printer?: { queued: number } | null }).printer;
      return printer?.queued ?? 0;
    } finally {
      c.close();
    }
  } catch {
    return -1;
  }
}

async function serverHead(): Promise<number> {
  const pool = openPg(world.pg.url, { max: 1 }).$client;
  try {
    const r = await pool.query<{ head: string | null }>('SELECT max(seq) AS head FROM change_log');
    return Number(r.rows[0]?.head ?? 0);
  } finally {
    await pool.end();
  }
}

/** Counters: the cashier counts exactly what the till expects and closes; kiosks are closed by staff. */
async function closeTills(hs: StationHandle[]) {
  for (const h of hs) {
    const staff = h.station.staff;
    if (staff === null) continue;
    const c = await openContract(h.url);
    try {
      const signedIn = await c.call('auth:signIn', { staffId: staff.id, pin: staff.pin });
      if (!signedIn.ok) {
        out(`  ${h.station.name}: could not sign in to close (${signedIn.error.code})`);
        continue;
      }
      if (h.station.kind === 'kiosk') {
        const closed = await c.call('kiosk:close');
        if (!closed.ok) out(`  ${h.station.name}: kiosk not closed (${closed.error.code})`);
        continue;
      }
      const x = await c.call('till:report');
      if (!x.ok) {
        out(`  ${h.station.name}: no till to close (${x.error.code})`);
        continue;
      }
      // What is in the drawer: float + sales − money given back − drops, tender by tender.
      const lines = (x.value as { perTender: ZReportTender[] }).perTender;
      const counted = Object.fromEntries(
        lines.map((t) => [t.tender, t.float + t.sales - t.refunds - t.drops]),
      );
      const closed = await c.call('till:close', { counted });
      if (!closed.ok)
        out(`  ${h.station.name}: till not closed (${closed.error.code}: ${closed.error.message})`);
    } finally {
      c.close();
    }
  }
}
