// The bench's own PostgreSQL: embedded, in a throwaway folder under the OS temp dir, migrated.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, migratePg, openPg, type PgDb } from '../../db/pg/client.js';
import { startEmbeddedPg } from '../../db/pg/embedded.js';

/** A running, migrated bench database. */
export type BenchPg = { url: string; db: PgDb; dir: string; stop(): Promise<void> };

/** Starts PostgreSQL in a fresh temp folder, creates and migrates the `bench` database. */
export async function startBenchPg(): Promise<BenchPg> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-bench-'));
  // Run as root, the package starts PostgreSQL as the postgres OS user, which must enter the folder.
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPg(path.join(dir, 'pg'), { persistent: false });
  await ensureDatabase(pg.adminUrl, 'bench');
  const url = pg.urlFor('bench');
  const db = openPg(url, { max: 8 });
  await migratePg(db);
  let stopping: Promise<void> | undefined;
  return {
    url,
    db,
    dir,
    stop: () => {
      stopping ??= (async () => {
        await db.$client.end().catch(() => undefined);
        await pg.stop().catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
