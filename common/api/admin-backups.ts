// REST contract of the central database's backups and restores (issue 17): admins only.
import { z } from 'zod';

/** A database name PostgreSQL accepts unquoted, which is all a restore target may be. */
export const databaseName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lowercase name of letters, digits and _ (at most 63)');

/** One backup or restore as the list shows it. */
export const backupView = z.object({
  id: z.uuid(),
  kind: z.enum(['backup', 'restore']),
  status: z.enum(['running', 'succeeded', 'failed']),
  /** pg_dump (custom format) or Marquee's own archive. */
  method: z.enum(['pg_dump', 'archive']).nullable(),
  fileName: z.string().nullable(),
  sizeBytes: z.int().min(0).nullable(),
  sha256: z.string().nullable(),
  requestedBy: z.uuid().nullable(),
  requestedByName: z.string().nullable(),
  scheduled: z.boolean(),
  sourceBackupId: z.uuid().nullable(),
  targetDatabase: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** False once retention deleted the file (or it went missing): it can no longer be restored. */
  available: z.boolean(),
});
export type BackupView = z.infer<typeof backupView>;

/** Backups and restores, newest first. */
export const backupList = z.object({ items: z.array(backupView) });
export type BackupList = z.infer<typeof backupList>;

/** POST /admin/backups/{backupId}/restore: into a new database (default: named after the backup). */
export const restoreInput = z.object({ targetDatabase: databaseName.optional() }).strict();
export type RestoreInput = z.infer<typeof restoreInput>;
