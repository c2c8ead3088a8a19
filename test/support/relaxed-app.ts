// A server app for tests that call every operation as many callers from one address (the RBAC
// matrix, the REST fuzz): the sign-in rate limits and per-client hold caps are off, mail and SMS go
// to a temporary outbox, and POST /admin/backups writes into a temporary folder of its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../sync-server/app.js';
import { loadServerConfig, type ServerConfig } from '../../sync-server/config.js';
import { testOutbox } from './outbox.js';

/** Builds (never listens) an app on `databaseUrl` with the limits relaxed; `overrides` win. */
export async function buildRelaxedApp(
  databaseUrl: string,
  overrides: Partial<ServerConfig> = {},
): Promise<App> {
  return buildApp(
    loadServerConfig(
      {},
      {
        databaseUrl,
        logLevel: 'silent',
        signInPerIpPerMinute: 100_000,
        signInPerAccountPer15Minutes: 100_000,
        // Every caller's holds come from one test address: the per-client hold caps are off here.
        holdsPerClientPerShow: 0,
        holdsPerClient: 0,
        heldSeatsPerClientPerShow: 0,
        holdWritesPerClientPerMinute: 0,
        ...testOutbox(),
        // POST /admin/backups really runs: its file goes to a folder of this test's own.
        backupDir: mkdtempSync(path.join(tmpdir(), 'relaxed-app-backups-')),
        ...overrides,
      },
    ),
  );
}
