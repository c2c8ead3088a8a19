// What every admin list and form shares (DESIGN §13): paging, sorting, searching, and how a
// refused edit names its fields.
import { z } from 'zod';

/** Most rows one page of an admin list returns. */
export const ADMIN_PAGE_MAX = 100;

/** The query of a paged admin list; `sort` is one of the list's own columns. */
export function listQuery<const S extends readonly [string, ...string[]]>(sorts: S) {
  return z
    .object({
      q: z.string().trim().max(100).optional().describe('Search text; matched without case'),
      sort: z.enum(sorts).default(sorts[0]),
      dir: z.enum(['asc', 'desc']).default('asc'),
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(ADMIN_PAGE_MAX).default(25),
    })
    .strict();
}

/** One page of an admin list and where it sits in the whole. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.int().min(0).describe('Rows matching the search, over all pages'),
    page: z.int().min(1),
    pageSize: z.int().min(1),
  });
}

/**
 * A refused admin edit: 400 BO_VALIDATION whose `details.fields` maps each offending field (a
 * JSON pointer into the body, e.g. "/closeDate" or "/rows/3/cells/7") to what is wrong with it, so
 * a form can say it next to the field.
 */
export const fieldErrors = z.record(z.string(), z.string());
export type FieldErrors = z.infer<typeof fieldErrors>;

/** A calendar date, YYYY-MM-DD, that exists. */
export const calendarDate = z.iso.date();

/** A CSS colour as the seat map paints it: #RRGGBB. */
export const hexColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'is not a colour like #4F7CAC');
