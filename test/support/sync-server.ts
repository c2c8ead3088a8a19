// A listening sync server on a fresh database with a show fixture, for /sync abuse tests.
import { freshPg } from './pg.js';
import { createShowFixture, type ShowFixture } from './show-fixture.js';
import { buildApp, type App } from '../../sync-server/app.js';
import { loadServerConfig, type ServerConfig } from '../../sync-server/config.js';

/** A server, its ws:// base URL and its fixture. */
export type SyncServer = { app: App; base: string; fx: ShowFixture };

/** Starts a server with `overrides` on a database holding a fixture of `fixture` options. */
export async function startSyncServer(
  overrides: Partial<ServerConfig>,
  fixture: Parameters<typeof createShowFixture>[1] = { rows: 6, perRow: 10 },
): Promise<SyncServer> {
  const { url, db } = await freshPg();
  const fx = await createShowFixture(db.$client, fixture);
  await db.$client.end();
  const app = await buildApp(
    loadServerConfig(
      {},
      // No scheduled backups of a test database into the working copy's .data/backups.
      {
        databaseUrl: url,
        logLevel: 'silent',
        changeLogPollMs: 50,
        backupEveryHours: 0,
        ...overrides,
      },
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `ws://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}`;
  return { app, base, fx };
}

/** The server side of every open WebSocket (their bufferedAmount is what a slow peer pins). */
export function serverSockets(app: App): { bufferedAmount: number }[] {
  return [...app.websocketServer.clients];
}
