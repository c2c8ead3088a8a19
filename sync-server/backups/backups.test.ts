// Backups and restores of the central database against real PostgreSQL: a restore brings back the
// data as it was at the backup, into a new database, and bad files are refused with nothing made.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoError } from '../../common/errors.js';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { Actor } from '../services/audit.js';
import { fileSha256 } from './archive.js';
import {
  applyRetention,
  listBackups,
  startBackup,
  startRestore,
  type BackupDeps,
} from './backups.js';
import { serverVersionNum } from './pg-dump.js';
import { databaseExists, databaseUrl } from './restore.js';

let db: PgDb;
let url = '';
let fx: ShowFixture;
let dir = '';
let deps: BackupDeps;
let actor: Actor;
const made: string[] = [];
let clock = new Date('2026-03-01T02:00:00Z');

/** Every public table's rows as one digest, so two databases can be compared whole. */
async function digests(u: string, skip: string[]): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    const t = await c.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    const out: Record<string, string> = {};
    for (const { name } of t.rows) {
      if (skip.includes(name)) continue;
      const r = await c.query<{ d: string | null; n: string }>(
        `SELECT md5(string_agg(x, E'\\n' ORDER BY x)) AS d, count(*) AS n FROM (SELECT row_to_json(t)::text AS x FROM public."${name}" t) s`,
      );
      out[name] = `${r.rows[0]?.n ?? '0'}:${r.rows[0]?.d ?? ''}`;
    }
    return out;
  } finally {
    await c.end();
  }
}

/** Starts a backup and waits for its end. */
async function backupNow(d: BackupDeps, scheduled = false) {
  const started = await startBackup(d, actor, { scheduled });
  if (!started) throw new Error('the backup did not start');
  return started.done;
}

/** Every public sequence's last value (null: never used). */
async function sequences(u: string): Promise<Record<string, string | null>> {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    const r = await c.query<{ name: string; value: string | null }>(
      "SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
    );
    return Object.fromEntries(r.rows.map((x) => [x.name, x.value]));
  } finally {
    await c.end();
  }
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof BoError ? e.code : String(e);
  }
}

beforeAll(async () => {
  ({ url, db } = await freshPg());
  fx = await createShowFixture(db.$client, { rows: 8, perRow: 10 });
  dir = mkdtempSync(path.join(tmpdir(), 'marquee-backups-'));
  actor = { kind: 'staff', id: fx.staff.manager, channel: 'admin' };
  // No pg_dump at this path: the test always exercises Marquee's own archive.
  deps = { pool: db.$client, url, dir, keep: 5, pgDump: '/nonexistent/pg_dump', now: () => clock };
});
afterAll(async () => {
  const admin = new pg.Client({ connectionString: databaseUrl(url, 'postgres') });
  await admin.connect();
  for (const name of made) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await db.$client.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores into a new database exactly what the backup saw, and logs both', async () => {
    // A used sequence, so the restore must set it (the fixture uses none).
    await db.$client.query(
      "INSERT INTO audit_log (actor_kind, channel, action, entity, entity_id) VALUES ('system', 'system', 'x', 'x', 'x'), ('system', 'system', 'y', 'y', 'y')",
    );
    const before = await digests(url, ['backups', 'audit_log']);
    const seqBefore = await sequences(url);
    expect(Object.values(seqBefore).some((v) => v !== null)).toBe(true);
    const started = await startBackup(deps, actor, { scheduled: false });
    expect(started?.row.status).toBe('running');
    if (!started) throw new Error('the backup did not start');
    const backup = await started.done;
    expect(backup).toMatchObject({ status: 'succeeded', method: 'archive', available: true });
    expect(backup.sha256).toBe(await fileSha256(path.join(dir, backup.fileName ?? '')));
    expect(backup.sizeBytes).toBeGreaterThan(0);

    // Changes after the backup must not be in the restore.
    await db.$client.query("UPDATE cinemas SET name = 'Renamed after backup' WHERE id = $1", [
      fx.cinemaId,
    ]);
    await db.$client.query('DELETE FROM show_seats WHERE show_id = $1', [fx.showId]);
    expect(await digests(url, ['backups', 'audit_log'])).not.toEqual(before);

    const target = `${new URL(url).pathname.slice(1)}_r1`;
    made.push(target);
    clock = new Date('2026-03-01T03:00:00Z');
    const restore = await startRestore(deps, actor, backup.id, target);
    const done = await restore.done;
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ kind: 'restore', status: 'succeeded', targetDatabase: target });
    const targetUrl = databaseUrl(url, target);
    expect(await digests(targetUrl, ['backups', 'audit_log'])).toEqual(before);
    expect(await sequences(targetUrl)).toEqual(seqBefore);

    // Sequences were set: a new audit row in the restored database does not collide.
    const c = new pg.Client({ connectionString: targetUrl });
    await c.connect();
    await c.query(
      "INSERT INTO audit_log (actor_kind, channel, action, entity, entity_id) VALUES ('system', 'system', 'x', 'x', 'x')",
    );
    const running = await c.query<{ status: string }>('SELECT status FROM backups WHERE id = $1', [
      backup.id,
    ]);
    expect(running.rows[0]?.status).toBe('running');
    await c.end();

    const log = await db.$client.query<{ action: string; status: string }>(
      "SELECT action, details->>'status' AS status FROM audit_log WHERE entity = 'backup' ORDER BY id",
    );
    expect(log.rows).toEqual([
      { action: 'backup.create', status: 'succeeded' },
      { action: 'backup.restore', status: 'succeeded' },
    ]);
    const list = await listBackups(deps);
    expect(list.map((b) => [b.kind, b.status])).toEqual([
      ['restore', 'succeeded'],
      ['backup', 'succeeded'],
    ]);
  });

  it('refuses a damaged or foreign file with a 4xx, creating nothing, and logs the refusal', async () => {
    const backup = await backupNow(deps);
    const file = path.join(dir, backup.fileName ?? '');
    writeFileSync(file, Buffer.from('not what was written'));
    const t1 = `${new URL(url).pathname.slice(1)}_bad1`;
    expect(await code(startRestore(deps, actor, backup.id, t1))).toBe('BO_BACKUP_CORRUPT');
    expect(await databaseExists(url, t1)).toBe(false);

    // A foreign file whose checksum was recorded as if it were ours: the manifest gives it away.
    writeFileSync(file, gzipSync('{"some":"other export"}\n'));
    await db.$client.query('UPDATE backups SET sha256 = $2 WHERE id = $1', [
      backup.id,
      await fileSha256(file),
    ]);
    expect(await code(startRestore(deps, actor, backup.id, t1))).toBe('BO_BACKUP_FOREIGN');
    expect(await databaseExists(url, t1)).toBe(false);
    expect(new BoError('BO_BACKUP_FOREIGN', '').status).toBe(422);

    // One of ours, but from a newer schema than this server's: refused the same way.
    const manifest = {
      format: 'marquee-backup',
      version: 1,
      createdAt: clock.toISOString(),
      serverVersion: 180000,
      migrations: { count: 999, lastHash: null },
    };
    writeFileSync(
      file,
      gzipSync(
        `${JSON.stringify(['manifest', manifest])}\n${JSON.stringify(['end', { tables: {}, sequences: {} }])}\n`,
      ),
    );
    await db.$client.query('UPDATE backups SET sha256 = $2 WHERE id = $1', [
      backup.id,
      await fileSha256(file),
    ]);
    expect(await code(startRestore(deps, actor, backup.id, t1))).toBe('BO_BACKUP_FOREIGN');
    expect(await databaseExists(url, t1)).toBe(false);

    const failed = await db.$client.query<{ error: string }>(
      "SELECT error FROM backups WHERE kind = 'restore' AND status = 'failed' ORDER BY started_at, error",
    );
    const errors = failed.rows.map((r) => r.error);
    expect(errors.some((e) => e.includes('checksum'))).toBe(true);
    expect(errors.some((e) => e.includes('not a Marquee backup'))).toBe(true);
  });

  it('drops the new database when a restore fails part way, and logs why', async () => {
    const backup = await backupNow(deps);
    const file = path.join(dir, backup.fileName ?? '');
    const manifest = {
      format: 'marquee-backup',
      version: 1,
      createdAt: clock.toISOString(),
      serverVersion: 180000,
      migrations: { count: 1, lastHash: null },
    };
    // Whole and checksummed, but a row PostgreSQL cannot take: found only while loading.
    const lines = [
      JSON.stringify(['manifest', manifest]),
      JSON.stringify(['table', 'cinemas', ['id', 'name']]),
      '["row",{"id":"not-a-uuid","name":"X"}]',
      JSON.stringify(['end', { tables: { cinemas: 1 }, sequences: {} }]),
    ];
    writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
    await db.$client.query('UPDATE backups SET sha256 = $2 WHERE id = $1', [
      backup.id,
      await fileSha256(file),
    ]);
    const target = `${new URL(url).pathname.slice(1)}_half`;
    made.push(target);
    const restore = await startRestore(deps, actor, backup.id, target);
    const done = await restore.done;
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/uuid/);
    expect(await databaseExists(url, target)).toBe(false);
  });

  it('logs a failed backup with its reason and leaves no file', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const b = await backupNow({ ...deps, dir: blocked });
    expect(b.status).toBe('failed');
    expect(b.error).toMatch(/EEXIST|ENOTDIR/);
    const log = await db.$client.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND details->>'status' = 'failed'",
      [b.id],
    );
    expect(log.rows[0]?.n).toBe('1');
  });

  it('runs one at a time across processes', async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('SELECT pg_advisory_lock(7301017)');
    expect(await code(startBackup(deps, actor, { scheduled: false }))).toBe('BO_BACKUP_BUSY');
    expect(await startBackup(deps, actor, { scheduled: true })).toBeNull();
    await other.end();
  });

  it('keeps the files of the newest N successful backups', async () => {
    const keep = { ...deps, keep: 1 };
    const a = await backupNow(deps, true);
    clock = new Date('2026-03-02T03:00:00Z');
    const b = await backupNow(keep, true);
    expect(await applyRetention(keep)).toEqual([]);
    const list = await listBackups(deps);
    expect(list.find((x) => x.id === b.id)?.available).toBe(true);
    expect(list.find((x) => x.id === a.id)?.available).toBe(false);
  });

  it('never runs a pg_dump older than the server: the backup is Marquee’s own archive', async () => {
    // A pg_dump 15 that would fail like the real one against a newer server.
    const old = path.join(dir, 'pg_dump');
    writeFileSync(
      old,
      '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 15.18"; exit 0; fi\necho "pg_dump: error: aborting because of server version mismatch" >&2; exit 1\n',
    );
    chmodSync(old, 0o755);
    const version = await serverVersionNum(db.$client);
    expect(version).toBeGreaterThanOrEqual(150_000);
    const started = await startBackup({ ...deps, pgDump: old }, actor, { scheduled: true });
    if (!started) throw new Error('the backup did not start');
    const backup = await started.done;
    expect(backup).toMatchObject({ status: 'succeeded', method: 'archive' });
    expect(backup.fileName).toMatch(/\.mqb\.gz$/);
  });
});
