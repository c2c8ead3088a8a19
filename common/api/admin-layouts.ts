// REST contract of seat layouts as the layout editor draws them (DESIGN §3, §13). A draft is a grid
// seen from the audience, row A nearest the screen; the server numbers the seats and places them
// in layout units exactly as common/layout-draft.ts does for the editor's live preview.
import { z } from 'zod';
import { seatKindSchema } from '../seat-map.js';
import { hexColor } from './admin-common.js';

/** Most rows and columns of a drawn layout, and most seats in one. */
export const LAYOUT_MAX_ROWS = 60;
export const LAYOUT_MAX_COLUMNS = 80;
export const LAYOUT_MAX_SEATS = 2000;

const categoryCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{1,16}$/, 'is not a category code (capitals, digits, _)');

/** A seat category of the screen; prices are set per category (part 2: prices). */
export const layoutCategory = z
  .object({
    code: categoryCode,
    name: z.string().trim().min(1).max(40),
    /** Higher is better: best-available tries the best first. */
    rank: z.int().min(1).max(99),
    color: hexColor,
  })
  .strict();
export type LayoutCategory = z.infer<typeof layoutCategory>;

/** One cell of the grid: a seat, a pillar (drawn, never sold), or null for floor (aisle, gap). */
export const layoutCell = z
  .discriminatedUnion('t', [
    z
      .object({
        t: z.literal('seat'),
        category: categoryCode,
        kind: seatKindSchema,
        /** A pillar or rail hides part of the screen: sold with a warning, taken last. */
        restricted: z.boolean(),
      })
      .strict(),
    z.object({ t: z.literal('pillar') }).strict(),
  ])
  .nullable();
export type LayoutCell = z.infer<typeof layoutCell>;

/** A row of the grid, front (nearest the screen) to back. */
export const layoutDraftRow = z
  .object({
    label: z
      .string()
      .trim()
      .regex(/^[A-Z]{1,3}$/, 'is not a row label like A or AA'),
    /** ltr: seat 1 on the left as the audience sees it; rtl: on the right. */
    numbering: z.enum(['ltr', 'rtl']),
    cells: z.array(layoutCell).min(1).max(LAYOUT_MAX_COLUMNS),
  })
  .strict();
export type LayoutDraftRow = z.infer<typeof layoutDraftRow>;

/**
 * A layout as drawn. Shape checks are here; the rules a layout must pass before it is used
 * (unique labels, every wheelchair place with a companion beside it, at least one seat, every
 * seat's category listed, rows as wide as `columns`) are `draftProblems` in common/layout-draft.ts,
 * which the server applies too (400 BO_VALIDATION with details.fields).
 */
export const layoutDraft = z
  .object({
    name: z.string().trim().min(1).max(60),
    columns: z.int().min(1).max(LAYOUT_MAX_COLUMNS),
    categories: z.array(layoutCategory).min(1).max(10),
    rows: z.array(layoutDraftRow).min(1).max(LAYOUT_MAX_ROWS),
  })
  .strict();
export type LayoutDraft = z.infer<typeof layoutDraft>;

/** A layout version without its grid: the version list of a screen. */
export const layoutSummary = z.object({
  id: z.uuid(),
  screenId: z.uuid(),
  name: z.string(),
  version: z.int().min(1),
  /** The version new shows of the screen get. */
  active: z.boolean(),
  supersedesId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  seatCount: z.int().min(0),
  wheelchairCount: z.int().min(0),
  companionCount: z.int().min(0),
  restrictedCount: z.int().min(0),
  /** Shows that use this version (they keep it whatever is saved later). */
  showCount: z.int().min(0),
  /** Seats sold or held in those shows. */
  soldCount: z.int().min(0),
});
export type LayoutSummary = z.infer<typeof layoutSummary>;

/** GET /admin/screens/{screenId}/layouts: every version, newest first. */
export const layoutSummaryList = z.array(layoutSummary);

/** GET /admin/layouts/{layoutId}: a version with its grid. */
export const layoutView = layoutSummary.extend({ draft: layoutDraft });
export type LayoutView = z.infer<typeof layoutView>;

/**
 * PUT /admin/layouts/{layoutId} answer. A layout no show uses is changed in place; one that shows
 * use is never changed: the save becomes the next version, active for new shows, and the shows
 * keep the version they have.
 */
export const layoutSaved = z.object({
  outcome: z.enum(['in-place', 'new-version']),
  layout: layoutView,
});
export type LayoutSaved = z.infer<typeof layoutSaved>;
