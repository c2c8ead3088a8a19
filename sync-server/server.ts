// The sync server process: config, database, listen, graceful shutdown. No logic of its own.
import { ConfigError } from '../common/config-schema.js';
import { migratePg, openPg } from '../db/pg/client.js';
import { resolvePg } from '../db/pg/local.js';
import { buildApp } from './app.js';
import { loadServerConfig, pgPoolOptions, type ServerConfig } from './config.js';

/** A running server: its URL and how to stop it and its database. */
export type RunningServer = { url: string; close(): Promise<void> };

/** Starts the server on `config`; used by this file and by `npm start`. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const pg = await resolvePg({
    databaseUrl: config.databaseUrl,
    dataDir: config.pgDataDir,
    database: config.pgDatabase,
  });
  const db = openPg(pg.url, pgPoolOptions(config));
  await migratePg(db);
  const app = await buildApp({ ...config, databaseUrl: pg.url }, { db });
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}`,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await db.$client.end();
        await pg.stop();
      })();
      return closing;
    },
  };
}

/** Loads config or exits with one line naming the bad key. */
export function configOrExit(): ServerConfig {
  try {
    return loadServerConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const server = await startServer(configOrExit());
  process.stdout.write(`Marquee sync server on ${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
