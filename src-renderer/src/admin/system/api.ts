// The System section's calls: the audit trail (common/api/admin-audit.ts) and the central
// database's backups (common/api/admin-backups.ts).
import { auditPage, type AuditQuery } from '../../../../common/api/admin-audit.js';
import { backupList, backupView, type RestoreInput } from '../../../../common/api/admin-backups.js';
import { z } from 'zod';
import type { ApiParts } from '../api.js';

/** The system part of the admin API. */
export function systemApi({ http, call, search }: ApiParts) {
  return {
    /** A backup's file as a Blob (the request needs the staff token, so a plain link cannot do). */
    downloadBackup: (id: string) =>
      call(z.instanceof(Blob), () =>
        http.get(`admin/backups/${id}/download`, { timeout: false }).blob(),
      ),
    audit: (q: AuditQuery) =>
      call(auditPage, () => http.get('admin/audit', { searchParams: search(q) }).json()),
    backups: () => call(backupList, () => http.get('admin/backups').json()),
    startBackup: () => call(backupView, () => http.post('admin/backups', { json: {} }).json()),
    restoreBackup: (id: string, input: RestoreInput) =>
      call(backupView, () => http.post(`admin/backups/${id}/restore`, { json: input }).json()),
  };
}
