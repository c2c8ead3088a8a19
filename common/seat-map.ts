// Seat maps as server, station and renderer exchange them (DESIGN §3). Coordinates are layout
// units: x grows to the right as seen from the audience, y grows away from the screen.
import { z } from 'zod';

/** A seat's state for one show. */
export const seatStateSchema = z.enum(['available', 'held', 'sold', 'blocked', 'allocated']);
export type SeatState = z.infer<typeof seatStateSchema>;

/** What a seat is: best-available takes wheelchair and companion seats only when asked. */
export const seatKindSchema = z.enum(['standard', 'wheelchair', 'companion']);
export type SeatKind = z.infer<typeof seatKindSchema>;

const idSchema = z.string().min(1).max(100);
const coordSchema = z.int().min(0).max(100_000);

/** A row of a layout; sortOrder counts from the screen backwards. */
export const layoutRowSchema = z.object({
  label: z.string().min(1).max(8),
  sortOrder: z.int(),
  y: coordSchema,
});
export type LayoutRow = z.infer<typeof layoutRowSchema>;

/** A seat of a layout, independent of any show. */
export const layoutSeatSchema = z.object({
  id: idSchema,
  /** What is printed on the ticket, e.g. "F12". */
  label: z.string().min(1).max(16),
  rowLabel: z.string().min(1).max(8),
  /** The row's sortOrder, copied so a seat list alone is enough for best-available. */
  rowOrder: z.int(),
  number: z.int().min(0),
  x: coordSchema,
  y: coordSchema,
  categoryId: idSchema,
  kind: seatKindSchema,
});
export type LayoutSeat = z.infer<typeof layoutSeatSchema>;

/** A seat of a show's map: the layout seat plus its state. */
export const mapSeatSchema = layoutSeatSchema.extend({
  state: seatStateSchema,
  /** Only on manager views: why a seat is blocked. */
  blockReason: z.string().max(200).optional(),
});
export type MapSeat = z.infer<typeof mapSeatSchema>;

/** The price of a category for one ticket type, already multiplied by format and type. */
export const categoryPriceSchema = z.object({
  ticketTypeId: idSchema,
  amountMinor: z.int().min(0),
});
export type CategoryPrice = z.infer<typeof categoryPriceSchema>;

/** A seat category of the show with its prices per ticket type. */
export const seatCategorySchema = z.object({
  id: idSchema,
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(100),
  /** Higher ranks are the better seats. */
  rank: z.int(),
  color: z.string().max(32),
  /** The show's price for the category before format and ticket type, in minor units. */
  basePriceMinor: z.int().min(0),
  prices: z.array(categoryPriceSchema),
});
export type SeatCategory = z.infer<typeof seatCategorySchema>;

/** A show's whole seat map: geometry, categories, prices and every seat's state. */
export const seatMapSchema = z
  .object({
    showId: idSchema,
    layoutId: idSchema,
    width: coordSchema,
    height: coordSchema,
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** Bumped on every change of any seat, so a client can tell which map is newer. */
    version: z.int().min(0),
    rows: z.array(layoutRowSchema),
    categories: z.array(seatCategorySchema),
    seats: z.array(mapSeatSchema),
  })
  .superRefine((map, ctx) => {
    // Cheap integrity checks so a broken map is refused at the boundary, not drawn wrongly.
    const categories = new Set(map.categories.map((c) => c.id));
    const rows = new Set(map.rows.map((r) => r.label));
    const ids = new Set<string>();
    map.seats.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['seats', i, 'id'],
          message: `duplicate seat ${s.id}`,
        });
      ids.add(s.id);
      if (!categories.has(s.categoryId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['seats', i, 'categoryId'],
          message: `unknown category ${s.categoryId}`,
        });
      }
      if (!rows.has(s.rowLabel)) {
        ctx.addIssue({
          code: 'custom',
          path: ['seats', i, 'rowLabel'],
          message: `unknown row ${s.rowLabel}`,
        });
      }
    });
  });
export type SeatMap = z.infer<typeof seatMapSchema>;
