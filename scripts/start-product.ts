// The product behind npm start (see start.ts): PostgreSQL (embedded unless DATABASE_URL), migrations, demo data when empty (else the
// demo week rolled forward to today), the sync server, a counter, a kiosk and a door station with their web shells. Ctrl-C stops everything.
import { writeDemoFeedback } from '../db/demo/feedback.js';
import { writeSalesHistory } from '../db/demo/history.js';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError } from '../common/config-schema.js';
import { migratePg, openPg } from '../db/pg/client.js';
import { stopOnSignalsYourself } from '../db/pg/embedded.js';
import { resolvePg } from '../db/pg/local.js';
import { extendDemoSchedule } from '../db/demo/extend.js';
import { isDatabaseEmpty, seedDemo, type DemoSummary } from '../db/demo/seed.js';
import { ensureDemoLogins } from '../db/demo/staff-logins.js';
import { refreshDemoPins } from '../db/demo/staff-pins.js';
import { loadStationConfig } from '../src-main/station/config.js';
import { buildApp } from '../sync-server/app.js';
import { loadServerConfig } from '../sync-server/config.js';
import { appendChange, appendSeatChanges } from '../sync-server/services/change-log.js';
import { issueEnrollmentCode } from '../sync-server/stations/enrollment.js';
import { openDemoKiosk, startLobbyStations, type LobbyStation } from './lobby-stations.js';
import { startPrinterProcess, type PrinterProcess } from './printer-process.js';
import { progressBar } from './progress.js';
import { uiBuildIsStale } from './ui-freshness.js';
import { demoCredentials, printWelcome } from './welcome.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function configs() {
  try {
    return {
      server: loadServerConfig(),
      station: loadStationConfig(process.env, {
        stationId: '00000000-0000-4000-8000-000000000000',
        stationSecret: 'x'.repeat(16),
      }),
    };
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

const { server: serverConfig, station: stationConfig } = configs();
const started = Date.now();
let child: ChildProcess | undefined = undefined as ChildProcess | undefined;
let shutdown: (() => Promise<void>) | undefined;
let lobby: LobbyStation[] = [];

let pgStarting: Promise<unknown> | null = null;
let stopping = false;
// Every way of stopping ends here, once: a second Ctrl-C must not cut the shutdown short, or
// PostgreSQL would be left running. A signal during PostgreSQL's start waits for it, then stops it.
const stopAll = (code: number) => {
  if (stopping) return;
  stopping = true;
  child?.kill('SIGTERM');
  for (const l of lobby) l.process.kill('SIGTERM');
  void (async () => {
    await pgStarting?.catch(() => undefined);
    await shutdown?.();
  })().finally(() => process.exit(code));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopAll(0);
  });
}
// Started by scripts/start.ts: when it goes away (closed terminal, killed), stop everything too.
process.once('disconnect', () => {
  stopAll(0);
});

out('Starting PostgreSQL…');
const pgPromise = resolvePg({
  databaseUrl: serverConfig.databaseUrl,
  dataDir: serverConfig.pgDataDir,
  database: serverConfig.pgDatabase,
});
pgStarting = pgPromise;
const pg = await pgPromise;
// stopAll stops PostgreSQL last, after the server; the package's own signal handlers would not wait.
stopOnSignalsYourself();
// Setting up (migrations, the demo seed) on a pool of its own, without the server's statement
// timeout: loading a chain may take long statements. The server then opens its own pool.
const db = openPg(pg.url, { max: 4 });
shutdown = async () => {
  await db.$client.end();
  await pg.stop();
};
await migratePg(db);

let summary: DemoSummary | null = null;
if (await isDatabaseEmpty(db)) {
  out('Empty database: loading the demo cinema chain…');
  const bar = progressBar();
  const today = new Date();
  summary = await seedDemo(db, { seed: serverConfig.demoSeed, today, onProgress: bar.update });
  bar.stop();
  const days = Math.min(366, serverConfig.demoHistoryDays);
  if (days > 0) {
    out(`Adding ${String(days)} days of sales history for the reports…`);
    const h = await writeSalesHistory(db.$client, { days, before: today });
    out(`Sales history: ${String(h.shows)} finished shows, ${String(h.tickets)} tickets`);
    const f = await writeDemoFeedback(db.$client, { days, before: today });
    out(`Customer feedback: ${String(f.feedback)} ratings on ${String(f.bookings)} web bookings`);
  }
}
// The credentials come from the seed the database was made with, which may differ from DEMO_SEED.
let demoSeed = serverConfig.demoSeed;
let olderDemo = false;
if (summary === null) {
  // A demo started again days later keeps its sales and gets the missing days of its week.
  const extended = await extendDemoSchedule(db, { changeLog: { appendChange, appendSeatChanges } });
  if (extended !== null) {
    demoSeed = extended.seed;
    olderDemo = true;
    out(
      extended.added > 0
        ? `Demo schedule extended to ${extended.through} (${String(extended.added)} shows added)`
        : `Demo schedule: shows through ${extended.through}`,
    );
  }
}
const credentials = demoCredentials(demoSeed, summary);
// A demo seeded before managers' PINs had 6 digits gets the PINs printed below (stations receive
// them with the snapshot their replica asks for after its upgrade).
if (olderDemo) {
  const repinned = await refreshDemoPins(db, credentials);
  if (repinned > 0)
    out(`Demo PINs renewed for ${String(repinned)} staff (managers now have 6 digits)`);
}

await ensureDemoLogins(db, credentials);
await db.$client.end();

const app = await buildApp({
  ...serverConfig,
  databaseUrl: pg.url,
  logLevel: process.env.LOG_LEVEL === undefined ? 'warn' : serverConfig.logLevel,
});
await app.listen({ host: serverConfig.host, port: serverConfig.port });
const serverUrl = `http://${serverConfig.host}:${String(serverConfig.port)}`;
shutdown = async () => {
  await app.close();
  await pg.stop();
};

if (uiBuildIsStale(stationConfig.rendererDir, ['src-renderer', 'common'])) {
  out('Building the station UI…');
  const build = spawn(
    'npx',
    ['vite', 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  await new Promise((resolve) => build.on('exit', resolve));
}

// The demo prints to a virtual printer unless a real one is configured.
let printer: PrinterProcess | null = null;
const printerDir = path.resolve('.data/printer');
if (process.env.PRINTER_INTERFACE === undefined) {
  // Port 9100 like a real printer, or any free port when something else has it.
  printer =
    (await startPrinterProcess(9100, printerDir)) ?? (await startPrinterProcess(0, printerDir));
  if (printer === null)
    out('The virtual printer could not start; the station will queue its prints.');
  const closeApp = shutdown;
  shutdown = async () => {
    await printer?.stop();
    await closeApp();
  };
}

const counter = credentials.station;
// The counter enrolls itself as a new station would: with a one-time code made for it here. A station
// already enrolled (its credential is in its data folder) ignores the code, which then expires unused.
const enrollment =
  process.env.STATION_ID !== undefined && process.env.STATION_ID !== ''
    ? null
    : await issueEnrollmentCode(
        app.ctx.db.$client,
        { kind: 'system', id: null, channel: 'system' },
        counter.id,
        { now: new Date(), codeHours: 1 },
      );
// The lobby: a kiosk (opened for customers by the cinema's manager) and a door station.
if (process.env.STATION_ID === undefined || process.env.STATION_ID === '') {
  lobby = await startLobbyStations({
    pool: app.ctx.db.$client,
    cinemaId: counter.cinemaId,
    serverUrl,
    counterPort: stationConfig.port,
    printerInterface: printer ? `tcp://127.0.0.1:${String(printer.port)}` : null,
    onExit: (name, code) => {
      if (code !== 0 && code !== null) {
        process.stderr.write(
          `The ${name.toLowerCase()} station stopped with code ${String(code)}.\n`,
        );
        stopAll(1);
      }
    },
  }).catch((e: unknown) => {
    out(
      `The kiosk and door stations could not start: ${e instanceof Error ? e.message : String(e)}`,
    );
    return [];
  });
  const kiosk = lobby.find((l) => l.name === 'Kiosk');
  const manager = credentials.staff.find(
    (s) => s.role === 'manager' && s.cinemaId === counter.cinemaId,
  );
  if (kiosk !== undefined && manager !== undefined)
    void openDemoKiosk(kiosk.url, { id: manager.id, pin: manager.pin }).catch(() => false);
}
child = spawn(process.execPath, ['--import', 'tsx', 'src-main/shell-web/main.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    ...(enrollment === null ? {} : { STATION_ENROLL_CODE: enrollment.code }),
    SYNC_SERVER_URL: serverUrl,
    STATION_LOG_LEVEL: process.env.STATION_LOG_LEVEL ?? 'warn',
    ...(printer ? { PRINTER_INTERFACE: `tcp://127.0.0.1:${String(printer.port)}` } : {}),
  },
});
const stationUrl = `http://${stationConfig.host}:${String(stationConfig.port)}`;
child.stdout?.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  if (text.includes('Marquee station on')) {
    printWelcome({
      serverUrl,
      stationUrl,
      lobby: lobby.map((l) => ({ name: l.name, url: l.url })),
      credentials,
      seconds: (Date.now() - started) / 1000,
      ...(printer ? { printerDir } : {}),
      outbox: {
        mailDir: serverConfig.mailTransport === 'file' ? path.resolve(serverConfig.mailDir) : null,
        smsDir: serverConfig.smsProvider === 'file' ? path.resolve(serverConfig.smsDir) : null,
      },
    });
  } else {
    process.stdout.write(text);
  }
});
child.on('exit', (code) => {
  if (code !== 0 && code !== null) {
    process.stderr.write(`The station stopped with code ${String(code)}.\n`);
    stopAll(1);
  }
});
