// Resolves the PostgreSQL to use: DATABASE_URL when given, else an embedded server on local data.
import { ensureDatabase } from './client.js';
import { startEmbeddedPg } from './embedded.js';

/** Where the database lives and how to let go of it. */
export type ResolvedPg = { url: string; embedded: boolean; stop(): Promise<void> };

/** Uses `databaseUrl` if set; otherwise starts embedded PostgreSQL in `dataDir` and creates `database`. */
export async function resolvePg(opts: {
  databaseUrl: string;
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<ResolvedPg> {
  if (opts.databaseUrl !== '') {
    return { url: opts.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const pg = await startEmbeddedPg(opts.dataDir, opts.log ? { log: opts.log } : {});
  await ensureDatabase(pg.adminUrl, opts.database);
  return { url: pg.urlFor(opts.database), embedded: true, stop: () => pg.stop() };
}
