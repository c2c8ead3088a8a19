// Backups of the central database (issue 17): where they go, how many are kept, how often.
import { z } from 'zod';
import { envValue, type ConfigSpec } from '../common/config-schema.js';

export const backupsConfigSpec = {
  backupDir: {
    env: 'BACKUP_DIR',
    default: '.data/backups',
    description: 'Folder of the central database’s backups (archives and pg_dump files).',
    schema: envValue.text,
    allowed: 'a folder path',
  },
  backupKeep: {
    env: 'BACKUP_KEEP',
    default: 7,
    description: 'How many successful backups keep their file; older files are deleted.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  backupEveryHours: {
    env: 'BACKUP_EVERY_HOURS',
    default: 24,
    description: 'Hours between scheduled backups (daily by default); 0 turns the schedule off.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (hours)',
  },
  pgDumpPath: {
    env: 'PG_DUMP',
    default: 'pg_dump',
    description:
      'pg_dump to use when its major version is at least the server’s; otherwise Marquee writes its own archive.',
    schema: z.string().min(1),
    allowed: 'a program name or path',
  },
} satisfies ConfigSpec;
