// Pieces the catalog queries share: a seat's effective state, the local day, local times, prices, pages.
import { eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn, AnyPgTable } from 'drizzle-orm/pg-core';
import { BoError } from '../../common/errors.js';
import { ticketUnitPrice } from '../../common/pricing.js';
import type { PgDb } from '../../db/pg/client.js';
import type { CategoryItem, TicketTypeItem, TypePrice } from './catalog-schemas.js';

/**
 * A show seat's state as customers see it, over `show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id`.
 * Holds expire lazily: a held seat whose hold is gone, expired or no longer active is available, or
 * back in its station's escrow. Must agree with effectiveState in seat-locks.ts, which arbitrates.
 */
export const EFFECTIVE_STATE_SQL = `CASE WHEN ss.state = 'held' AND (h.id IS NULL OR h.status <> 'active' OR h.expires_at <= now())
  THEN CASE WHEN ss.station_id IS NULL THEN 'available' ELSE 'allocated' END ELSE ss.state END`;

/**
 * A condition that `instant` falls on the local calendar day `date` of `timeZone`. The timestamp
 * without zone of local midnight, read AT TIME ZONE, is the UTC instant of that midnight, DST included.
 */
export function onLocalDay(instant: SQLWrapper, date: string, timeZone: SQLWrapper): SQL {
  return sql`(${instant} >= (${date}::date)::timestamp AT TIME ZONE ${timeZone}
    AND ${instant} < (${date}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
}

/** ISO 8601 local time with offset from a wall clock reading and the instant it names. */
export function localIso(wall: string, instant: Date): string {
  const offsetMinutes = Math.round((Date.parse(`${wall}Z`) - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${sign}${hh}:${mm}`;
}

/** A seat category before prices: what the layout cache keeps. */
export type CategoryBase = Pick<CategoryItem, 'id' | 'code' | 'name' | 'rank' | 'color'>;

/** A show's price of one category. */
export type ShowPrice = { categoryId: string; amountMinor: number; currency: string };

/** Categories with their base price and the price for every ticket type. */
export function priceCategories(
  categories: readonly CategoryBase[],
  prices: readonly ShowPrice[],
  ticketTypes: readonly TicketTypeItem[],
  formatBp: number,
  fallbackCurrency: string,
): CategoryItem[] {
  const byCategory = new Map(prices.map((p) => [p.categoryId, p]));
  return categories.map((c) => {
    const price = byCategory.get(c.id);
    const perType: TypePrice[] =
      price === undefined
        ? []
        : ticketTypes.map((t) => ({
            ticketTypeId: t.id,
            ticketTypeCode: t.code,
            // The one pricing function of DESIGN §6, so the map shows exactly what a sale charges.
            amountMinor: ticketUnitPrice(price.amountMinor, formatBp, t.multiplierBp),
            currency: price.currency,
          }));
    return {
      ...c,
      basePriceMinor: price?.amountMinor ?? null,
      currency: price?.currency ?? fallbackCurrency,
      prices: perType,
    };
  });
}

/** Total of a page query that selected `count(*) OVER ()`; an empty page past the end needs a recount. */
export async function pageTotal(
  rows: readonly { total: number }[],
  offset: number,
  recount: () => Promise<number>,
): Promise<number> {
  const first = rows[0];
  if (first !== undefined) return first.total;
  return offset === 0 ? 0 : recount();
}

/** Throws BO_NOT_FOUND unless a row with `id` exists; lists call it only when they come back empty. */
export async function assertExists(
  db: PgDb,
  table: AnyPgTable & { id: AnyPgColumn },
  id: string,
  what: string,
): Promise<void> {
  const found = await db.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1);
  if (found.length === 0) throw new BoError('BO_NOT_FOUND', `No ${what} with id ${id}.`, { id });
}
