// Backups and restores of the central database (issue 17 item 5): who asked, how it went, where
// the file is, in the `backups` table and the audit log. One at a time across every server process
// (a PostgreSQL advisory lock), each on its own connection, never touching the running database
// beyond reading it.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { BackupView } from '../../common/api/admin-backups.js';
import { BoError } from '../../common/errors.js';
import { AUDIT_COLUMNS, auditValues, type Actor } from '../services/audit.js';
import { fileSha256, writeArchive } from './archive.js';
import { pgDumpFits, pgDumpTo, pgRestoreInto, serverVersionNum } from './pg-dump.js';
import { checkRestorable, databaseExists, databaseUrl, restoreArchive } from './restore.js';

/** What the backup service needs: the running database, the folder, the policy, the clock. */
export type BackupDeps = {
  pool: pg.Pool;
  /** URL of the running database (its name is read from it). */
  url: string;
  dir: string;
  keep: number;
  pgDump: string;
  now: () => Date;
};

// Any constant works; it only has to be the same in every process of the chain.
const LOCK_KEY = 7_301_017;
const ARCHIVE_EXT = '.mqb.gz';
const DUMP_EXT = '.dump';

type Row = {
  id: string;
  kind: 'backup' | 'restore';
  status: 'running' | 'succeeded' | 'failed';
  file_name: string | null;
  size_bytes: string | null;
  sha256: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  scheduled: boolean;
  source_backup_id: string | null;
  target_database: string | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
};

const SELECT = `SELECT b.*, s.name AS requested_by_name FROM backups b LEFT JOIN staff s ON s.id = b.requested_by`;

function view(dir: string, r: Row): BackupView {
  const method =
    r.file_name === null ? null : r.file_name.endsWith(DUMP_EXT) ? 'pg_dump' : 'archive';
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    method,
    fileName: r.file_name,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    sha256: r.sha256,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    scheduled: r.scheduled,
    sourceBackupId: r.source_backup_id,
    targetDatabase: r.target_database,
    error: r.error,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    available:
      r.kind === 'backup' &&
      r.status === 'succeeded' &&
      r.file_name !== null &&
      existsSync(path.join(dir, r.file_name)),
  };
}

/** Backups and restores, newest first (at most `limit`). */
export async function listBackups(deps: BackupDeps, limit = 200): Promise<BackupView[]> {
  const r = await deps.pool.query<Row>(`${SELECT} ORDER BY b.started_at DESC, b.id LIMIT $1`, [
    limit,
  ]);
  return r.rows.map((row) => view(deps.dir, row));
}

/** One backup or restore; BO_NOT_FOUND when there is none. */
export async function getBackup(deps: BackupDeps, id: string): Promise<BackupView> {
  const r = await deps.pool.query<Row>(`${SELECT} WHERE b.id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'No such backup.');
  return view(deps.dir, row);
}

/** A dedicated connection holding the backup lock, or null when another process holds it. */
async function acquire(url: string): Promise<pg.Client | null> {
  // No statement timeout: a backup of a big database takes longer than any request.
  const client = new pg.Client({ connectionString: url, statement_timeout: 0 });
  await client.connect();
  const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
    LOCK_KEY,
  ]);
  if (r.rows[0]?.ok === true) return client;
  await client.end();
  return null;
}

async function release(client: pg.Client): Promise<void> {
  // Ending the session releases the lock too; unlocking first keeps it explicit.
  await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
  await client.end().catch(() => undefined);
}

async function finish(
  deps: BackupDeps,
  id: string,
  actor: Actor,
  action: string,
  set: { status: 'succeeded' | 'failed'; sizeBytes?: number; sha256?: string; error?: string },
): Promise<void> {
  const r = await deps.pool.query<Row>(
    `UPDATE backups SET status = $2, size_bytes = COALESCE($3, size_bytes), sha256 = COALESCE($4, sha256),
            error = $5, finished_at = $6 WHERE id = $1 RETURNING *`,
    [id, set.status, set.sizeBytes ?? null, set.sha256 ?? null, set.error ?? null, deps.now()],
  );
  const row = r.rows[0];
  await deps.pool.query(
    `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    auditValues({
      actor,
      action,
      entity: 'backup',
      entityId: id,
      details: {
        status: set.status,
        fileName: row?.file_name ?? null,
        sizeBytes: set.sizeBytes ?? null,
        sha256: set.sha256 ?? null,
        sourceBackupId: row?.source_backup_id ?? null,
        targetDatabase: row?.target_database ?? null,
        error: set.error ?? null,
      },
    }),
  );
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 2000);

/** A running job: its row now, and the promise of its end (tests and the schedule wait on it). */
export type Started = { row: BackupView; done: Promise<BackupView> };

/**
 * Starts a backup of the running database; BO_BACKUP_BUSY when one is already running anywhere.
 * `due` (the schedule's) is asked again under the lock, so two processes never both run it.
 */
export async function startBackup(
  deps: BackupDeps,
  actor: Actor,
  opts: { scheduled: boolean; due?: () => Promise<boolean> },
): Promise<Started | null> {
  const client = await acquire(deps.url);
  if (!client) {
    if (opts.scheduled) return null;
    throw new BoError(
      'BO_BACKUP_BUSY',
      'A backup or restore is already running; try again when it ends.',
    );
  }
  if (opts.due && !(await opts.due())) {
    await release(client);
    return null;
  }
  try {
    const now = deps.now();
    // An older pg_dump refuses this server: Marquee's own archive then.
    const usePgDump = await pgDumpFits(deps.pgDump, await serverVersionNum(client));
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const fileName = `marquee-${stamp}-${randomUUID().slice(0, 8)}${usePgDump ? DUMP_EXT : ARCHIVE_EXT}`;
    const id = randomUUID();
    await deps.pool.query(
      `INSERT INTO backups (id, kind, status, file_name, requested_by, scheduled, started_at)
       VALUES ($1, 'backup', 'running', $2, $3, $4, $5)`,
      [id, fileName, actor.kind === 'staff' ? actor.id : null, opts.scheduled, now],
    );
    const row = await getBackup(deps, id);
    const done = (async () => {
      const file = path.join(deps.dir, fileName);
      try {
        await mkdir(deps.dir, { recursive: true });
        let result: { sizeBytes: number; sha256: string };
        if (usePgDump) {
          await pgDumpTo(deps.pgDump, deps.url, file);
          result = { sizeBytes: (await stat(file)).size, sha256: await fileSha256(file) };
        } else result = await writeArchive(client, file, now);
        await finish(deps, id, actor, 'backup.create', { status: 'succeeded', ...result });
        await applyRetention(deps);
      } catch (e) {
        // Never a partial file that looks like a backup; the folder itself may be what failed.
        await rm(file, { force: true }).catch(() => undefined);
        await finish(deps, id, actor, 'backup.create', { status: 'failed', error: reason(e) });
      } finally {
        await release(client);
      }
      return getBackup(deps, id);
    })();
    return { row, done };
  } catch (e) {
    await release(client);
    throw e;
  }
}

/** Deletes the files of successful backups beyond the newest `keep`; their rows stay as history. */
export async function applyRetention(deps: BackupDeps): Promise<string[]> {
  const r = await deps.pool.query<{ file_name: string }>(
    `SELECT file_name FROM backups WHERE kind = 'backup' AND status = 'succeeded' AND file_name IS NOT NULL
      ORDER BY started_at DESC, id OFFSET $1`,
    [deps.keep],
  );
  const gone: string[] = [];
  for (const { file_name } of r.rows) {
    const file = path.join(deps.dir, path.basename(file_name));
    if (existsSync(file)) {
      await rm(file, { force: true });
      gone.push(file_name);
    }
  }
  return gone;
}

/**
 * Restores a backup into a new database beside the running one. A file that is missing, damaged
 * or not ours is refused with a 4xx before anything is created, and the refusal is logged too.
 */
export async function startRestore(
  deps: BackupDeps,
  actor: Actor,
  backupId: string,
  target: string | undefined,
): Promise<Started> {
  const source = await getBackup(deps, backupId);
  if (source.kind !== 'backup' || source.status !== 'succeeded' || source.fileName === null)
    throw new BoError('BO_CONFLICT', 'Only a finished, successful backup can be restored.');
  const running = new URL(deps.url).pathname.slice(1);
  const targetDatabase =
    target ?? `${running}_restore_${deps.now().toISOString().slice(0, 19).replace(/\D/g, '')}`;
  if (
    targetDatabase === running ||
    targetDatabase === 'postgres' ||
    targetDatabase.startsWith('template')
  )
    throw new BoError(
      'BO_VALIDATION',
      'A restore goes into a new database, never the running one.',
      {
        fields: { '/targetDatabase': 'must be a new database' },
      },
    );
  const client = await acquire(deps.url);
  if (!client)
    throw new BoError(
      'BO_BACKUP_BUSY',
      'A backup or restore is already running; try again when it ends.',
    );
  const id = randomUUID();
  const file = path.join(deps.dir, path.basename(source.fileName));
  try {
    await deps.pool.query(
      `INSERT INTO backups (id, kind, status, file_name, requested_by, scheduled, source_backup_id, target_database, started_at)
       VALUES ($1, 'restore', 'running', $2, $3, false, $4, $5, $6)`,
      [
        id,
        source.fileName,
        actor.kind === 'staff' ? actor.id : null,
        source.id,
        targetDatabase,
        deps.now(),
      ],
    );
    // Checked here, before answering, so a bad file is a 4xx and not a failure found later.
    if (!existsSync(file))
      throw new BoError(
        'BO_NOT_FOUND',
        'The backup’s file is gone (deleted by retention or by hand).',
      );
    if ((await fileSha256(file)) !== source.sha256)
      throw new BoError(
        'BO_BACKUP_CORRUPT',
        'The backup file does not match its checksum: it was damaged or replaced. Nothing was changed.',
      );
    if (source.method === 'archive') await checkRestorable(file, deps.url);
    if (await databaseExists(deps.url, targetDatabase))
      throw new BoError(
        'BO_CONFLICT',
        `A database named ${targetDatabase} already exists; choose another name.`,
        {
          fields: { '/targetDatabase': 'already exists' },
        },
      );
  } catch (e) {
    await finish(deps, id, actor, 'backup.restore', { status: 'failed', error: reason(e) });
    await release(client);
    throw e;
  }
  const row = await getBackup(deps, id);
  const done = (async () => {
    try {
      if (source.method === 'pg_dump') await restoreDump(deps, file, targetDatabase);
      else await restoreArchive(file, deps.url, targetDatabase);
      await finish(deps, id, actor, 'backup.restore', {
        status: 'succeeded',
        sha256: source.sha256 ?? '',
      });
    } catch (e) {
      await finish(deps, id, actor, 'backup.restore', { status: 'failed', error: reason(e) });
    } finally {
      await release(client);
    }
    return getBackup(deps, id);
  })();
  return { row, done };
}

async function restoreDump(deps: BackupDeps, file: string, target: string): Promise<void> {
  const maintenance = new pg.Client({ connectionString: databaseUrl(deps.url, 'postgres') });
  await maintenance.connect();
  try {
    const found = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [target]);
    if (found.rowCount !== 0)
      throw new BoError('BO_CONFLICT', `A database named ${target} already exists.`);
    await maintenance.query(`CREATE DATABASE "${target}"`);
    try {
      await pgRestoreInto(deps.pgDump, databaseUrl(deps.url, target), file);
    } catch (e) {
      await maintenance.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
      throw e;
    }
  } finally {
    await maintenance.end();
  }
}
