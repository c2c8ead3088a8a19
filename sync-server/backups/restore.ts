// Restores an archive into a new database, never the running one: the database is created,
// migrated to this server's schema, filled in one transaction with triggers off (the archive is
// already consistent; the report triggers must not count its sales twice), its sequences set.
// A failure drops the half-made database, so nothing is left behind but the log of it.
import pg from 'pg';
import { BoError } from '../../common/errors.js';
import { migratePg, openPg } from '../../db/pg/client.js';
import { migrationLevel, readArchive, type Manifest } from './archive.js';

/** The URL of database `name` on the same server as `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  // Its own connection without the pool's statement timeout: a restore may take minutes.
  const c = new pg.Client({ connectionString: url, statement_timeout: 0 });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** True when the server of `runningUrl` has a database called `name`. */
export async function databaseExists(runningUrl: string, name: string): Promise<boolean> {
  return withClient(runningUrl, async (c) => {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return r.rowCount !== 0;
  });
}

/** Refuses an archive this server cannot restore before anything is created. */
export async function checkRestorable(
  file: string,
  runningUrl: string,
): Promise<{ manifest: Manifest }> {
  const { manifest } = await readArchive(file);
  const ours = await withClient(runningUrl, (c) => migrationLevel(c));
  if (manifest.migrations.count > ours.count)
    throw new BoError(
      'BO_BACKUP_FOREIGN',
      `That backup comes from a newer Marquee (schema level ${String(manifest.migrations.count)}, this server has ${String(ours.count)}); restore it with that version.`,
    );
  return { manifest };
}

/** Restores `file` into a new database `target` beside the one at `runningUrl`. */
export async function restoreArchive(
  file: string,
  runningUrl: string,
  target: string,
): Promise<{ tables: number; rows: number }> {
  await checkRestorable(file, runningUrl);
  const maintenance = databaseUrl(runningUrl, 'postgres');
  await withClient(maintenance, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [target]);
    if (found.rowCount !== 0)
      throw new BoError(
        'BO_CONFLICT',
        `A database named ${target} already exists; choose another name.`,
        {
          fields: { '/targetDatabase': 'already exists' },
        },
      );
    await c.query(`CREATE DATABASE "${target}"`);
  });
  const targetUrl = databaseUrl(runningUrl, target);
  try {
    const db = openPg(targetUrl, { max: 1 });
    try {
      await migratePg(db);
    } finally {
      await db.$client.end();
    }
    return await withClient(targetUrl, (c) => load(c, file));
  } catch (e) {
    await withClient(maintenance, (c) =>
      c.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`),
    ).catch(() => undefined);
    throw e;
  }
}

async function load(c: pg.Client, file: string): Promise<{ tables: number; rows: number }> {
  await c.query('BEGIN');
  try {
    // Replica mode: no triggers and no foreign-key checks while tables fill in archive order.
    await c.query('SET LOCAL session_replication_role = replica');
    const existing = await c.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    // Migrations may seed rows; the archive's are the truth.
    if (existing.rows.length > 0)
      await c.query(`TRUNCATE ${existing.rows.map((t) => `public."${t.name}"`).join(', ')}`);
    const insertable = new Map<string, string>();
    let tables = 0;
    let rows = 0;
    const { trailer } = await readArchive(file, {
      table: async (name, columns) => {
        const cols = await c.query<{ name: string }>(
          `SELECT attname AS name FROM pg_attribute
            WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
          [`public.${name}`],
        );
        if (cols.rows.length === 0)
          throw new BoError(
            'BO_BACKUP_FOREIGN',
            `The backup has a table ${name} this schema does not know.`,
          );
        const here = new Set(cols.rows.map((r) => r.name));
        // Columns added since the backup keep their defaults.
        const list = columns
          .filter((col) => here.has(col))
          .map((col) => `"${col}"`)
          .join(', ');
        insertable.set(name, list);
        tables += 1;
      },
      rows: async (name, batch) => {
        const list = insertable.get(name) ?? '';
        await c.query(
          `INSERT INTO public."${name}" (${list}) OVERRIDING SYSTEM VALUE
           SELECT ${list} FROM json_populate_recordset(NULL::public."${name}", $1::json)`,
          [`[${batch.join(',')}]`],
        );
        rows += batch.length;
      },
    });
    for (const [name, s] of Object.entries(trailer.sequences))
      await c.query('SELECT setval(to_regclass($1), $2::bigint, $3)', [
        `public."${name}"`,
        s.value,
        s.called,
      ]);
    await c.query('COMMIT');
    return { tables, rows };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
