// The station's daily copy of its SQLite replica (issue 17): unsent sales wait in its outbox, so a
// lost disk must not lose them. better-sqlite3's online backup copies a consistent database while
// the station keeps selling; the newest STATION_BACKUP_KEEP copies are kept.
import type Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

// Copies taken before a migration are named station-…; these daily-… so retention counts only its own.
const PREFIX = 'daily-';
const SUFFIX = '.db';

/** The folder of the station's backups. */
export function backupFolder(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** Daily copies in `dir`, oldest first (their names sort by the time they were taken). */
export function dailyBackups(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX))
      .sort();
  } catch {
    return [];
  }
}

/** True when the newest daily copy is at least `everyHours` older than `now` (or there is none). */
export function dailyBackupDue(dir: string, now: number, everyHours: number): boolean {
  if (everyHours <= 0) return false;
  const newest = dailyBackups(dir).at(-1);
  if (newest === undefined) return true;
  const taken = Date.parse(nameTime(newest));
  return Number.isNaN(taken) || now - taken >= everyHours * 3600_000;
}

// daily-2026-03-01T02-00-00-000Z.db → 2026-03-01T02:00:00.000Z
function nameTime(file: string): string {
  const s = file.slice(PREFIX.length, -SUFFIX.length);
  return s.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
}

/** Copies the database into `dir` as of `now`, then deletes the daily copies beyond the newest `keep`. */
export async function backupStationDb(
  sqlite: Database.Database,
  dir: string,
  now: number,
  keep: number,
): Promise<{ file: string; removed: string[] }> {
  mkdirSync(dir, { recursive: true });
  const name = `${PREFIX}${new Date(now).toISOString().replace(/[:.]/g, '-')}${SUFFIX}`;
  const file = path.join(dir, name);
  // Through a temporary name: a copy cut short by a crash must never count as the newest backup.
  const partial = `${file}.partial`;
  try {
    await sqlite.backup(partial);
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  if (statSync(file).size === 0) throw new Error(`The backup ${file} is empty.`);
  const all = dailyBackups(dir);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const f of removed) rmSync(path.join(dir, f), { force: true });
  return { file, removed };
}

/** Checks every `checkMs` whether the daily copy is due and takes it; returns the stop function. */
export function startDailyBackup(opts: {
  sqlite: Database.Database;
  dataDir: string;
  keep: number;
  everyHours: number;
  now: () => number;
  onError: (e: unknown) => void;
  checkMs?: number;
}): () => void {
  const dir = backupFolder(opts.dataDir);
  let running = false;
  const tick = () => {
    if (running || !dailyBackupDue(dir, opts.now(), opts.everyHours)) return;
    running = true;
    backupStationDb(opts.sqlite, dir, opts.now(), opts.keep)
      .catch(opts.onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, opts.checkMs ?? 15 * 60_000);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
