// Test helpers for the sync engine: a real sync server in its own process (src-main may not import
// sync-server, DESIGN §2, and a separate process is what a station really talks to) that can go
// down and come back on the same port, a replica in a temp folder, and polling waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openLocalDb, type LocalDb } from '../local-db.js';
import { createSyncEngine } from './engine.js';
import type { SyncEngine, SyncEngineOptions } from './types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A sync server process on 127.0.0.1 that can be stopped and started again on the same port. */
export type TestServer = {
  port: number;
  url: string;
  /** A pool on the server's database, for assertions. */
  pool: pg.Pool;
  /** POSTs JSON to the server's REST API. */
  post(pathname: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and closes the pool. */
  dispose(): Promise<void>;
};

async function spawnServer(
  databaseUrl: string,
  port: number,
): Promise<{ child: ChildProcess; port: number }> {
  // stdout/stderr are pipes here, so never null.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'sync-server/server.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'silent',
        CHANGE_LOG_POLL_MS: '50',
        HOLD_SWEEP_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await waitFor(
    'sync server to listen',
    () =>
      /on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1] ??
      (child.exitCode !== null ? `exit ${String(child.exitCode)}` : null),
    30_000,
  );
  if (url.startsWith('exit')) throw new Error(`sync server ${url}: ${err}`);
  return { child, port: Number(url) };
}

/** Starts a real sync server process on `databaseUrl` (port 0 = any free port). */
export async function startTestServer(databaseUrl: string, port = 0): Promise<TestServer> {
  let running: ChildProcess | null = null;
  const first = await spawnServer(databaseUrl, port);
  running = first.child;
  const url = `http://127.0.0.1:${String(first.port)}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const server: TestServer = {
    port: first.port,
    url,
    pool,
    async post(pathname, body) {
      const res = await fetch(`${url}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async stop() {
      const child = running;
      running = null;
      if (child === null || child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
    },
    async start() {
      if (running !== null) return;
      running = (await spawnServer(databaseUrl, server.port)).child;
    },
    async dispose() {
      await server.stop();
      await pool.end();
    },
  };
  return server;
}

/** A station replica in its own temp folder. */
export type TestStation = {
  dir: string;
  db: LocalDb;
  reopen(): Promise<LocalDb>;
  close(): void;
  remove(): void;
};

/** Opens a fresh replica (or the one in `dir`). */
export async function openTestStation(
  dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-sync-')),
): Promise<TestStation> {
  const station: TestStation = {
    dir,
    db: await openLocalDb(dir),
    async reopen() {
      if (station.db.$client.open) station.db.$client.close();
      station.db = await openLocalDb(dir);
      return station.db;
    },
    close() {
      if (station.db.$client.open) station.db.$client.close();
    },
    remove() {
      station.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return station;
}

/** An engine with fast test timings; `logs` collects what it logged. */
export function testEngine(
  db: LocalDb,
  serverUrl: string,
  who: { id: string; secret: string },
  over: Partial<SyncEngineOptions> = {},
): { engine: SyncEngine; logs: { level: string; msg: string; obj?: Record<string, unknown> }[] } {
  const logs: { level: string; msg: string; obj?: Record<string, unknown> }[] = [];
  const engine = createSyncEngine({
    db,
    serverUrl,
    stationId: who.id,
    secret: who.secret,
    reconnectMaxMs: 300,
    outboxRetryMs: 200,
    heartbeatMs: 500,
    deadAfterMs: 2000,
    log: (level, msg, obj) => {
      logs.push(obj === undefined ? { level, msg } : { level, msg, obj });
    },
    ...over,
  });
  return { engine, logs };
}

/** Polls `probe` until it returns a truthy value; rejects with `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 5000,
  stepMs = 5,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until)
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** One row of a SQLite query, for assertions. */
export function one(
  db: LocalDb,
  sqlText: string,
  ...params: unknown[]
): Record<string, unknown> | undefined {
  return db.$client.prepare(sqlText).get(...params) as Record<string, unknown> | undefined;
}
