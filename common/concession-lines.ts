// Concessions in a sale as the renderer, the station and the server exchange them: which item and
// how many. Prices never travel with them: every side prices them from its own catalogue copy.
import { z } from 'zod';

/** Most units of one item in one sale; more is a catering order, not a counter sale. */
export const MAX_CONCESSION_QUANTITY = 20;
/** Most distinct items in one sale. */
export const MAX_CONCESSION_ITEMS = 20;

/** One concession line: an item of the show's cinema and how many of it. */
export const concessionLineSchema = z
  .object({ itemId: z.uuid(), quantity: z.int().min(1).max(MAX_CONCESSION_QUANTITY) })
  .strict();

/** The concession lines of a sale; an item appears once (its quantity says how many). */
export const concessionLinesSchema = z
  .array(concessionLineSchema)
  .max(MAX_CONCESSION_ITEMS)
  .refine((lines) => new Set(lines.map((l) => l.itemId)).size === lines.length, {
    message: 'an item is in the list twice; change its quantity instead',
  });

/** One concession line of a sale. */
export type ConcessionLine = z.infer<typeof concessionLineSchema>;
