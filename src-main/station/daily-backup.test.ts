// The station's daily SQLite copy: a real database copied while open, restorable, N copies kept,
// and due by the injected clock, never by the hour the test runs at.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupStationDb, dailyBackupDue, dailyBackups } from './daily-backup.js';

let dir = '';
let db: Database.Database;
const day = 24 * 3600_000;
const t0 = Date.parse('2026-03-01T02:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'station-backup-'));
  db = new Database(path.join(dir, 'station.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE outbox (id TEXT PRIMARY KEY, payload TEXT)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('daily station backup', () => {
  it('copies the open database, WAL included, into a file that opens with the same rows', async () => {
    db.prepare('INSERT INTO outbox VALUES (?, ?)').run('m1', '{"sale":1}');
    const { file } = await backupStationDb(db, path.join(dir, 'backups'), t0, 3);
    db.prepare('INSERT INTO outbox VALUES (?, ?)').run('m2', '{"sale":2}');
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT id FROM outbox ORDER BY id').all()).toEqual([{ id: 'm1' }]);
    copy.close();
  });

  it('keeps the newest N copies and leaves other backups alone', async () => {
    const backups = path.join(dir, 'backups');
    await backupStationDb(db, backups, t0, 2);
    const before = path.join(backups, 'station-before-migration.db');
    await db.backup(before);
    await backupStationDb(db, backups, t0 + day, 2);
    const { removed } = await backupStationDb(db, backups, t0 + 2 * day, 2);
    expect(removed).toEqual(['daily-2026-03-01T02-00-00-000Z.db']);
    expect(dailyBackups(backups)).toEqual([
      'daily-2026-03-02T02-00-00-000Z.db',
      'daily-2026-03-03T02-00-00-000Z.db',
    ]);
    expect(dailyBackups(backups)).not.toContain(path.basename(before));
  });

  it('is due once a day by the given clock, and never when turned off', async () => {
    const backups = path.join(dir, 'backups');
    expect(dailyBackupDue(backups, t0, 24)).toBe(true);
    await backupStationDb(db, backups, t0, 7);
    expect(dailyBackupDue(backups, t0 + day - 1, 24)).toBe(false);
    expect(dailyBackupDue(backups, t0 + day, 24)).toBe(true);
    expect(dailyBackupDue(backups, t0 + 5 * day, 0)).toBe(false);
  });
});
