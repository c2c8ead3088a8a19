// The station's SQLite replica: WAL, integrity check at start, backup before any migration.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoError } from '../../common/errors.js';
import * as schema from '../../db/sqlite/schema.js';

export type LocalDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Run from source (tsx, ESM) this file sits in src-main/station; bundled for Electron (CJS) it sits in
// dist-electron, where import.meta is empty. Look for the migrations from whichever it is.
function migrationsFolder(): string {
  const here =
    typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, '../../db/sqlite/migrations'),
    path.join(here, '../db/sqlite/migrations'),
  ];
  return (
    candidates.find((c) => existsSync(path.join(c, 'meta/_journal.json'))) ?? candidates[0] ?? ''
  );
}

/** The folder of generated SQLite migrations. */
export const sqliteMigrationsFolder = migrationsFolder();

function pendingMigrations(sqlite: Database.Database): number {
  const journal = JSON.parse(
    readFileSync(path.join(sqliteMigrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (hasTable === undefined) return journal.entries.length;
  const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
    n: number;
  };
  return journal.entries.length - row.n;
}

/**
 * Opens (creating if needed) the station database in `dataDir`. A corrupt file is refused with
 * BO_LOCAL_DB_CORRUPT and left untouched; before migrating an existing file it is backed up so the
 * outbox can never be lost to a bad migration.
 */
export async function openLocalDb(
  dataDir: string,
  opts: { memory?: boolean } = {},
): Promise<LocalDb> {
  mkdirSync(dataDir, { recursive: true });
  const file = opts.memory === true ? ':memory:' : path.join(dataDir, 'station.db');
  const isNew = file === ':memory:' || !existsSync(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
  } catch (e) {
    throw new BoError(
      'BO_INTERNAL',
      `The station database ${file} is damaged (${e instanceof Error ? e.message : String(e)}). It was left as it is; restore the latest backup from ${path.join(dataDir, 'backups')} or move the file away to start a fresh replica (unsent sales are in its outbox table).`,
      { local: 'BO_LOCAL_DB_CORRUPT' },
    );
  }
  if (!isNew && pendingMigrations(sqlite) > 0) {
    const dir = path.join(dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    await sqlite.backup(
      path.join(dir, `station-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
    );
  }
  const db = drizzle(sqlite, { schema, casing: 'snake_case' });
  migrate(db, { migrationsFolder: sqliteMigrationsFolder });
  return db;
}

/** Lists the backups taken before migrations, newest last. */
export function listBackups(dataDir: string): string[] {
  const dir = path.join(dataDir, 'backups');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
