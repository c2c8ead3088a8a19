// The daily backup (issue 17): run from the sweeper in every server process, but only one process
// runs it, and only when it is due; the files beyond the newest BACKUP_KEEP are deleted after.
import type pg from 'pg';
import { systemActor } from '../services/audit.js';
import { startBackup, type BackupDeps, type Started } from './backups.js';

// A scheduled backup that failed is tried again after this, not on every sweep.
const RETRY_FAILED_MS = 3600_000;

/** True when no scheduled backup ran (or is running) within the last `everyHours`. */
export async function scheduledBackupDue(
  pool: pg.Pool,
  now: Date,
  everyHours: number,
): Promise<boolean> {
  if (everyHours <= 0) return false;
  const r = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM backups
      WHERE kind = 'backup' AND scheduled
        AND ((status <> 'failed' AND started_at > $1) OR (status = 'failed' AND started_at > $2))`,
    [new Date(now.getTime() - everyHours * 3600_000), new Date(now.getTime() - RETRY_FAILED_MS)],
  );
  return r.rows[0]?.n === '0';
}

/** Starts the scheduled backup when it is due and no other process is running one; else null. */
export async function runScheduledBackup(
  deps: BackupDeps,
  everyHours: number,
): Promise<Started | null> {
  if (!(await scheduledBackupDue(deps.pool, deps.now(), everyHours))) return null;
  // Asked again under the lock: another process may have run it between the two looks.
  return startBackup(deps, systemActor, {
    scheduled: true,
    due: () => scheduledBackupDue(deps.pool, deps.now(), everyHours),
  });
}
