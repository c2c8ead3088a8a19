// A real stack for station tests: PostgreSQL database, sync server, virtual printer, stations.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../db/pg/embedded.js';
import {
  startVirtualPrinter,
  type VirtualPrinter,
} from '../../src-main/printing/virtual-printer.js';
import { loadStationConfig, type StationConfig } from '../../src-main/station/config.js';
import { dispatch, type Session } from '../../src-main/station/dispatch.js';
import { createStation, type Station } from '../../src-main/station/station.js';
import { buildApp, type App } from '../../sync-server/app.js';
import { loadServerConfig } from '../../sync-server/config.js';
import { testOutbox } from './outbox.js';
import { freshPg } from './pg.js';

import { until } from './until.js';

export { until };

/** A server that can be stopped and started again on the same port. */
export type TestServer = {
  url: string;
  port: number;
  app(): App;
  stop(): Promise<void>;
  start(): Promise<void>;
};

/** Starts a sync server on a fresh database (or the given URL). */
export async function startTestServer(dbUrl?: string): Promise<TestServer & { dbUrl: string }> {
  const url = dbUrl ?? (await freshPg()).url;
  const port = await freePort();
  let app: App | null = null;
  const start = async () => {
    app = await buildApp(
      loadServerConfig(
        {},
        {
          databaseUrl: url,
          logLevel: 'silent',
          changeLogPollMs: 50,
          port,
          // No scheduled backups of a test database into the working copy's .data/backups.
          backupEveryHours: 0,
          ...testOutbox(),
        },
      ),
    );
    await app.listen({ host: '127.0.0.1', port });
  };
  await start();
  return {
    url: `http://127.0.0.1:${String(port)}`,
    port,
    dbUrl: url,
    app: () => {
      if (!app) throw new Error('server is stopped');
      return app;
    },
    stop: async () => {
      await app?.close();
      app = null;
    },
    start,
  };
}

/** A station with its own data folder and printer, and a signed-out session to call it with. */
export type TestStation = {
  station: Station;
  printer: VirtualPrinter;
  dataDir: string;
  session: Session;
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
};

/** Starts a station core against `serverUrl` with a virtual printer; `who` null: not enrolled. */
export async function startTestStation(
  serverUrl: string,
  who: { id: string; secret: string } | null,
  opts: {
    dataDir?: string;
    allocationPerCategory?: number;
    printer?: VirtualPrinter;
    /** The station's clock (ms), to stand at another hour than the machine's. */
    now?: () => number;
    /** More configuration, e.g. `{ mode: 'door', doorName: 'Door 2' }`. */
    config?: Partial<StationConfig>;
    /** Runs as a self-service kiosk (STATION_KIOSK). */
    kiosk?: boolean;
  } = {},
): Promise<TestStation> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'marquee-station-'));
  const printer = opts.printer ?? (await startVirtualPrinter({ port: 0, outDir: null }));
  const station = await createStation(
    loadStationConfig(
      {},
      {
        dataDir,
        serverUrl,
        stationId: who?.id ?? '',
        stationSecret: who?.secret ?? '',
        printerInterface: `tcp://127.0.0.1:${String(printer.port)}`,
        reconnectMaxMs: 300,
        outboxRetryMs: 200,
        allocationPerCategory: opts.allocationPerCategory ?? 2,
        logLevel: 'silent',
        ...opts.config,
        ...(opts.kiosk === undefined ? {} : { kiosk: opts.kiosk }),
      },
    ),
    opts.now === undefined ? {} : { now: opts.now },
  );
  const session: Session = { id: 'test', staff: null };
  return {
    station,
    printer,
    dataDir,
    session,
    async call<T>(channel: string, input: unknown = {}) {
      const r = await dispatch(station.contract, station.handlers, channel, input, {
        session,
        kioskOpen: station.kioskOpen,
      });
      if (!r.ok)
        throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), {
          code: r.error.code,
        });
      return r.value as T;
    },
    async stop() {
      await station.close();
      if (opts.printer === undefined) await printer.close();
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until `st` is online, no longer catching up, and its replica has `showId` (or, without one,
 * its cinema): the point from which a test can sell, scan or look up as a cashier would.
 */
export async function caughtUp(
  st: TestStation,
  o: { showId?: string; timeoutMs?: number } = {},
): Promise<void> {
  const known =
    o.showId === undefined
      ? () => st.station.db.$client.prepare('SELECT 1 FROM cinemas').get()
      : () => st.station.db.$client.prepare('SELECT 1 FROM shows WHERE id = ?').get(o.showId);
  await until(
    () =>
      st.station.engine.isOnline() &&
      st.station.engine.status().catchUp === null &&
      known() !== undefined,
    o.timeoutMs ?? 15_000,
    'station caught up',
  );
}
