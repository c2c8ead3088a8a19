// REST contract of staff as managers manage them (DESIGN §10, §13).
import { z } from 'zod';
import { listQuery, pageOf } from './admin-common.js';

export const staffRole = z.enum(['cashier', 'manager', 'admin']);

/** A staff member as the admin view lists them. */
export const staffAdminView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: staffRole,
  /** The cinemas they work at (sign in at, approve at). */
  cinemaIds: z.array(z.uuid()),
  active: z.boolean(),
  /** Locked out by wrong PINs until then (a manager can lift it); null: not locked. */
  lockedUntil: z.iso.datetime().nullable(),
});
export type StaffAdminView = z.infer<typeof staffAdminView>;

/** GET /admin/cinemas/{cinemaId}/staff query. */
export const staffListQuery = listQuery(['name', 'role']).extend({
  role: staffRole.optional(),
  active: z.enum(['true', 'false']).optional().describe('Omit for both'),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;

export const staffPage = pageOf(staffAdminView);
export type StaffPage = z.infer<typeof staffPage>;

/**
 * POST /admin/cinemas/{cinemaId}/staff: a new person of that cinema (and any other cinemas the
 * caller manages). Managers create cashiers and managers; only admins create admins.
 */
export const createStaffBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: staffRole,
    /** More cinemas besides the one in the path. */
    otherCinemaIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict();
export type CreateStaffBody = z.input<typeof createStaffBody>;

/** A person and their new PIN: shown once, never stored in the clear, never shown again. */
export const staffWithPin = z.object({
  staff: staffAdminView,
  pin: z.string().regex(/^[0-9]{4,8}$/),
});
export type StaffWithPin = z.infer<typeof staffWithPin>;

/** PATCH /admin/staff/{staffId}: name, role, the cinemas they work at, active or not. */
export const staffPatch = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: staffRole,
    cinemaIds: z.array(z.uuid()).min(1, 'needs at least one cinema').max(50),
    /** false: deactivated; their sessions end and they cannot sign in anywhere. */
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'changes nothing' });
export type StaffPatch = z.infer<typeof staffPatch>;
