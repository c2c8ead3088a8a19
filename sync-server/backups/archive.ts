// Marquee's own logical archive of the central database, for when no pg_dump as new as the server
// is installed (the embedded PostgreSQL 18 ships none; the system's may be older and refuses).
// One gzip'd file of JSON lines, each an array tagged by its first element:
//   ["manifest", {format, version, createdAt, migrations, serverVersion}]
//   ["table", name, columns]   then   ["row", {...}]  for each of its rows
//   ["end", {tables: {name: rowCount}, sequences: {name: {value, called}}}]
// Rows are row_to_json of one REPEATABLE READ READ ONLY snapshot, so every table is seen at the
// same instant; JSON (not COPY) because the pg driver has no COPY stream without a new dependency,
// and json_populate_recordset reads every column type back through its own input function.
import { serverVersionNum } from './pg-dump.js';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';

export const ARCHIVE_FORMAT = 'marquee-backup';
export const ARCHIVE_VERSION = 1;
const FETCH_ROWS = 1000;
// Written before each row's object by writeArchive, so reading needs no JSON parse of rows.
const ROW_PREFIX = '["row",';

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.string(),
  serverVersion: z.number().int(),
  /** How many of drizzle's migrations the database had: a restore needs the same schema. */
  migrations: z.object({ count: z.number().int().nonnegative(), lastHash: z.string().nullable() }),
});
export type Manifest = z.infer<typeof manifestSchema>;

const trailerSchema = z.object({
  tables: z.record(z.string(), z.number().int().nonnegative()),
  sequences: z.record(z.string(), z.object({ value: z.string(), called: z.boolean() })),
});
export type Trailer = z.infer<typeof trailerSchema>;

const IDENT = /^[a-z_][a-z0-9_]*$/;
const line = z.union([
  z.tuple([z.literal('manifest'), z.unknown()]),
  z.tuple([z.literal('table'), z.string().regex(IDENT), z.array(z.string().regex(IDENT))]),
  z.tuple([z.literal('end'), z.unknown()]),
]);

/** The migration level of a database, from drizzle's own bookkeeping table. */
export async function migrationLevel(db: pg.ClientBase): Promise<Manifest['migrations']> {
  const r = await db.query<{ count: string; hash: string | null }>(
    `SELECT count(*) AS count, (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1) AS hash
       FROM drizzle.__drizzle_migrations`,
  );
  return { count: Number(r.rows[0]?.count ?? 0), lastHash: r.rows[0]?.hash ?? null };
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(`${text}\n`)) await once(out, 'drain');
}

/**
 * Writes the archive of the database `client` is connected to into `file` (through a temporary
 * name, so a failed run never leaves a file that looks whole). The client must be a dedicated
 * connection: it holds one read-only transaction for the whole run.
 */
export async function writeArchive(
  client: pg.ClientBase,
  file: string,
  now: Date,
): Promise<{ sizeBytes: number; sha256: string; trailer: Trailer }> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const sink = createWriteStream(partial);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  gzip.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
  });
  gzip.pipe(sink);
  const finished = once(sink, 'close');
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: now.toISOString(),
      serverVersion: await serverVersionNum(client),
      migrations: await migrationLevel(client),
    };
    await write(gzip, JSON.stringify(['manifest', manifest]));
    const tables = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const trailer: Trailer = { tables: {}, sequences: {} };
    for (const { name } of tables.rows) {
      const cols = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
          ORDER BY attnum`,
        [`public.${name}`],
      );
      const columns = cols.rows.map((c) => c.name);
      await write(gzip, JSON.stringify(['table', name, columns]));
      const list = columns.map((c) => `t."${c}"`).join(', ');
      await client.query(
        `DECLARE marquee_backup NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS j FROM (SELECT ${list} FROM public."${name}" t) r`,
      );
      let count = 0;
      for (;;) {
        const batch = await client.query<{ j: string }>(
          `FETCH ${String(FETCH_ROWS)} FROM marquee_backup`,
        );
        for (const row of batch.rows) await write(gzip, `${ROW_PREFIX}${row.j}]`);
        count += batch.rows.length;
        if (batch.rows.length < FETCH_ROWS) break;
      }
      await client.query('CLOSE marquee_backup');
      trailer.tables[name] = count;
    }
    const seqs = await client.query<{ name: string; value: string | null }>(
      "SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
    );
    for (const s of seqs.rows)
      trailer.sequences[s.name] =
        s.value === null ? { value: '1', called: false } : { value: s.value, called: true };
    await write(gzip, JSON.stringify(['end', trailer]));
    await client.query('COMMIT');
    gzip.end();
    await finished;
    await rename(partial, file);
    return { sizeBytes, sha256: hash.digest('hex'), trailer };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    sink.destroy();
    await rm(partial, { force: true });
    throw e;
  }
}

/** SHA-256 (hex) of a file, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One table of an archive as it is read back: its columns and rows in batches. */
export type ArchiveVisitor = {
  table(name: string, columns: string[]): Promise<void>;
  /** Rows as their JSON object text, never parsed: a bigint past 2^53 must not lose digits. */
  rows(name: string, rows: string[]): Promise<void>;
};

const foreign = (why: string) =>
  new BoError(
    'BO_BACKUP_FOREIGN',
    `That file is not a Marquee backup this server can restore: ${why}.`,
  );
const corrupt = (why: string) =>
  new BoError('BO_BACKUP_CORRUPT', `The backup file is damaged: ${why}. Nothing was changed.`);

/**
 * Reads an archive from start to end, handing its tables and rows to `visit` in batches, and checks
 * it is whole: a manifest first, every row inside a table, row counts as the trailer says. Throws
 * BO_BACKUP_FOREIGN or BO_BACKUP_CORRUPT (4xx) otherwise. With no visitor it only validates.
 */
export async function readArchive(
  file: string,
  visit?: ArchiveVisitor,
  batchRows = 500,
): Promise<{ manifest: Manifest; trailer: Trailer }> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let manifest: Manifest | null = null;
  let trailer: Trailer | null = null;
  let table: string | null = null;
  const counts: Record<string, number> = {};
  let batch: string[] = [];
  const flush = async () => {
    if (table !== null && batch.length > 0 && visit) await visit.rows(table, batch);
    batch = [];
  };
  try {
    for await (const text of lines) {
      if (trailer !== null) throw corrupt('data after the end mark');
      if (manifest !== null && text.startsWith(ROW_PREFIX) && text.endsWith(']')) {
        if (table === null) throw corrupt('a row outside any table');
        counts[table] = (counts[table] ?? 0) + 1;
        batch.push(text.slice(ROW_PREFIX.length, -1));
        if (batch.length >= batchRows) await flush();
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw manifest === null
          ? foreign('it does not start with a manifest')
          : corrupt('a line is not JSON');
      }
      const l = line.safeParse(parsed);
      if (!l.success)
        throw manifest === null
          ? foreign('it does not start with a manifest')
          : corrupt('an unknown line');
      const [tag] = l.data;
      if (manifest === null) {
        if (tag !== 'manifest') throw foreign('it does not start with a manifest');
        const m = manifestSchema.safeParse(l.data[1]);
        if (!m.success) throw foreign('its manifest is of another format or version');
        manifest = m.data;
        continue;
      }
      if (l.data[0] === 'table') {
        await flush();
        table = l.data[1];
        counts[table] = 0;
        if (visit) await visit.table(table, l.data[2]);
      } else if (l.data[0] === 'end') {
        await flush();
        const t = trailerSchema.safeParse(l.data[1]);
        if (!t.success) throw corrupt('its end mark is unreadable');
        trailer = t.data;
      } else throw corrupt('a second manifest');
    }
  } catch (e) {
    if (e instanceof BoError) throw e;
    // zlib's "unexpected end of file" / "incorrect header check".
    throw manifest === null ? foreign('it is not a gzip archive') : corrupt((e as Error).message);
  }
  if (manifest === null) throw foreign('it is empty');
  if (trailer === null) throw corrupt('it ends early (no end mark)');
  for (const [name, n] of Object.entries(trailer.tables))
    if ((counts[name] ?? 0) !== n)
      throw corrupt(`table ${name} has ${String(counts[name] ?? 0)} rows, not ${String(n)}`);
  return { manifest, trailer };
}
