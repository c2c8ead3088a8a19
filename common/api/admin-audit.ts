// REST contract of the audit trail (issue 17): who did what to which entity, filtered and paged.
import { z } from 'zod';
import { ADMIN_PAGE_MAX } from './admin-common.js';

/** GET /admin/audit filters; every one optional, combined with AND. */
export const auditQuery = z
  .object({
    actor: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Actor id, or part of a staff name'),
    action: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Action, or its prefix ("show.")'),
    entity: z.string().trim().min(1).max(100).optional(),
    entityId: z.string().trim().min(1).max(100).optional(),
    cinemaId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional().describe('From this instant (inclusive)'),
    to: z.iso.datetime({ offset: true }).optional().describe('Before this instant (exclusive)'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(ADMIN_PAGE_MAX).default(50),
  })
  .strict();
export type AuditQuery = Partial<z.output<typeof auditQuery>>;

/** One audit row; `details.before`/`details.after` hold an admin edit's states. */
export const auditEntry = z.object({
  id: z.int(),
  at: z.iso.datetime(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  channel: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  cinemaId: z.uuid().nullable(),
  cinemaName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

/** One page of the audit trail, newest first. */
export const auditPage = z.object({
  items: z.array(auditEntry),
  total: z.int().min(0),
  page: z.int().min(1),
  pageSize: z.int().min(1),
});
export type AuditPage = z.infer<typeof auditPage>;
