// A throwaway real stack for one counter e2e test: its own PostgreSQL database on a shared embedded
// server, the sync server and stations as child processes (so a test can stop and restart the
// server), and a virtual printer per station.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../../../db/demo/seed.js';
import { ensureDatabase, migratePg, openPg, type PgDb } from '../../../db/pg/client.js';
import { freePort, startEmbeddedPg, type EmbeddedPg } from '../../../db/pg/embedded.js';
import {
  startVirtualPrinter,
  type VirtualPrinter,
} from '../../../src-main/printing/virtual-printer.js';
import { createShowFixture, FIXTURE_NAMES, FIXTURE_PINS } from '../../support/show-fixture.js';
import { testOutbox } from '../../support/outbox.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The embedded PostgreSQL shared by the tests of one Playwright worker; each test gets its own database. */
export type E2ePg = { adminUrl: string; stop(): Promise<void> };

/** Starts PostgreSQL in a temporary folder that disappears with it. */
export async function startE2ePg(): Promise<E2ePg> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-e2e-pg-'));
  // The postgres OS user (used when running as root) must be able to enter it.
  await chmod(dir, 0o755);
  const pg: EmbeddedPg = await startEmbeddedPg(path.join(dir, 'data'), { persistent: false });
  return {
    adminUrl: pg.adminUrl,
    stop: async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A child process that printed its ready line. */
type Child = { proc: ChildProcess; output: () => string; stop(): Promise<void> };

async function spawnReady(
  script: string,
  env: Record<string, string>,
  readyText: string,
  timeoutMs = 30_000,
): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${script} did not start within ${String(timeoutMs)} ms:\n${log}`));
    }, timeoutMs);
    const onData = () => {
      if (log.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${String(code)} before it was ready:\n${log}`));
    });
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    output: () => log,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The sync server as a child process that can be stopped and started again on its port. */
export type E2eServer = {
  url: string;
  port: number;
  running(): boolean;
  output(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
};

async function startServerProcess(databaseUrl: string): Promise<E2eServer> {
  const port = await freePort();
  let child: Child | null = null;
  let earlier = '';
  const outbox = testOutbox();
  const start = async () => {
    child = await spawnReady(
      'sync-server/server.ts',
      {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        CHANGE_LOG_POLL_MS: '50',
        // Customers' emails and SMS, if any, go to a temporary folder, not the demo's.
        MAIL_DIR: outbox.mailDir,
        SMS_DIR: outbox.smsDir,
        // No scheduled backups of a test database into the working copy's .data/backups.
        BACKUP_EVERY_HOURS: '0',
      },
      'Marquee sync server on',
    );
  };
  await start();
  return {
    url: `http://127.0.0.1:${String(port)}`,
    port,
    running: () => child !== null,
    output: () => earlier + (child?.output() ?? ''),
    stop: async () => {
      await child?.stop();
      earlier += child?.output() ?? '';
      child = null;
    },
    start,
  };
}

/** A station web shell as a child process, with its own data folder and virtual printer. */
export type E2eStation = {
  id: string;
  url: string;
  dataDir: string;
  printer: VirtualPrinter;
  output(): string;
  stop(): Promise<void>;
};

async function startStationProcess(
  serverUrl: string,
  who: { id: string; secret: string } | null,
  env: Record<string, string> = {},
): Promise<E2eStation> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'marquee-e2e-station-'));
  const printer = await startVirtualPrinter({ port: 0, outDir: null });
  const port = await freePort();
  const child = await spawnReady(
    'src-main/shell-web/main.ts',
    {
      // Empty: a station that is not enrolled and shows the enrollment screen.
      STATION_ID: who?.id ?? '',
      STATION_SECRET: who?.secret ?? '',
      STATION_PORT: String(port),
      STATION_DATA_DIR: dataDir,
      STATION_RENDERER_DIR: path.join(repoRoot, 'dist-renderer'),
      SYNC_SERVER_URL: serverUrl,
      PRINTER_INTERFACE: `tcp://127.0.0.1:${String(printer.port)}`,
      ALLOCATION_PER_CATEGORY: '2',
      // Reconnect quickly once a test restarts the server.
      RECONNECT_MAX_MS: '500',
      OUTBOX_RETRY_MS: '300',
      STATION_LOG_LEVEL: 'warn',
      ...env,
    },
    'Marquee station on',
  );
  return {
    id: who?.id ?? '',
    url: `http://127.0.0.1:${String(port)}`,
    dataDir,
    printer,
    output: () => child.output(),
    stop: async () => {
      await child.stop();
      await printer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A person as the sign-in screen knows them: a name to choose and a PIN to type. */
export type Person = { name: string; pin: string };

/** What the test's data holds, whichever generator made it. */
export type StackData = {
  cinemaName: string;
  timeZone: string;
  pins: { cashier: string; manager: string };
  /** The people tests sign in as: chosen by name on the sign-in list, then their PIN. */
  people: { cashier: Person; manager: Person };
  /** Shows of the data set, soonest first (the fixture's; empty for the demo, which has many). */
  showIds: string[];
};

/** A running stack for one test. */
export type E2eStack = {
  databaseUrl: string;
  db: PgDb;
  server: E2eServer;
  stations: E2eStation[];
  data: StackData;
  stop(): Promise<void>;
};

export type StackOptions = {
  /** 'fixture': one small cinema (fast); 'demo': the demo chain, first cinema (realistic layouts). */
  data?: 'fixture' | 'demo';
  stations?: 1 | 2;
  /** Fixture only: rows × seats per row, and when the first of `shows` starts. */
  rows?: number;
  perRow?: number;
  shows?: number;
  startsInMinutes?: number;
  /** false: the station starts with no credential (first run); true by default. */
  enrolled?: boolean;
  /** More environment per station, by position, e.g. `[{ STATION_MODE: 'door' }]`. */
  stationEnv?: Record<string, string>[];
  /** Fixture only: the cinema sells food and drink too (Popcorn and Cola). */
  food?: boolean;
};

/** Creates a fresh database with its data, then starts the server and the stations. */
export async function startStack(pg: E2ePg, opts: StackOptions = {}): Promise<E2eStack> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(pg.adminUrl, name);
  const databaseUrl = pg.adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = openPg(databaseUrl, { max: 4 });
  await migratePg(db);
  let data: StackData;
  let who: { id: string; secret: string }[];
  if (opts.data === 'demo') {
    const demo = await seedDemo(db);
    const counter = demo.stations.find((s) => s.kind === 'counter');
    if (!counter) throw new Error('The demo has no counter station.');
    const staffHere = demo.staff.filter((s) => s.cinemaId === counter.cinemaId);
    const demoCashier = staffHere.find((s) => s.role === 'cashier');
    const demoManager = staffHere.find((s) => s.role === 'manager');
    if (!demoCashier || !demoManager) throw new Error('The demo cinema has no cashier or manager.');
    const tz =
      (
        await db.$client.query<{ time_zone: string }>(
          'SELECT time_zone FROM cinemas WHERE id = $1',
          [counter.cinemaId],
        )
      ).rows[0]?.time_zone ?? 'UTC';
    data = {
      cinemaName: counter.cinemaName,
      timeZone: tz,
      pins: { cashier: demoCashier.pin, manager: demoManager.pin },
      people: {
        cashier: { name: demoCashier.name, pin: demoCashier.pin },
        manager: { name: demoManager.name, pin: demoManager.pin },
      },
      showIds: [],
    };
    who = [counter];
  } else {
    const f = await createShowFixture(db.$client, {
      rows: opts.rows ?? 8,
      perRow: opts.perRow ?? 12,
      shows: opts.shows ?? 2,
      startsInMinutes: opts.startsInMinutes ?? 120,
      food: opts.food === true,
    });
    data = {
      cinemaName: 'Test Cinema',
      timeZone: 'Europe/London',
      pins: { ...FIXTURE_PINS },
      people: {
        cashier: { name: FIXTURE_NAMES.cashier, pin: FIXTURE_PINS.cashier },
        manager: { name: FIXTURE_NAMES.manager, pin: FIXTURE_PINS.manager },
      },
      showIds: f.showIds,
    };
    who = [f.station, f.otherStation];
  }
  const server = await startServerProcess(databaseUrl);
  const stations: E2eStation[] = [];
  try {
    const count = Math.min(opts.stations ?? 1, who.length);
    for (const [i, w] of who.slice(0, count).entries())
      stations.push(
        await startStationProcess(
          server.url,
          opts.enrolled === false ? null : w,
          opts.stationEnv?.[i] ?? {},
        ),
      );
  } catch (e) {
    await Promise.all(stations.map((s) => s.stop()));
    await server.stop();
    throw e;
  }
  return {
    databaseUrl,
    db,
    server,
    stations,
    data,
    stop: async () => {
      await Promise.all(stations.map((s) => s.stop()));
      await server.stop();
      await db.$client.end();
    },
  };
}
