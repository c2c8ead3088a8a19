// Loads what the one pricing function (common/pricing.ts) needs for a sale, then prices it.
import { BoError, isErrorCode } from '../../common/errors.js';
import { priceOrder, type PricedOrder, type PricingInput } from '../../common/pricing.js';
import { assertConcessionCurrency, type ConcessionPricingLine } from './sales-concessions.js';
import type { ShowMeta } from './shows.js';
import type { Tx } from './tx.js';

/** A ticket line to price: a seat (whose category sets the base price) and a ticket type. */
export type SaleLine = { seatId: string; ticketTypeId: string };

/** Prices a sale of seats of `show`, and any concessions with them, with the data in the database at `now`. */
export async function priceSale(
  tx: Tx,
  show: ShowMeta,
  lines: SaleLine[],
  discountCode: string | undefined,
  now: Date,
  concessions: readonly ConcessionPricingLine[] = [],
): Promise<PricedOrder> {
  const seatIds = lines.map((l) => l.seatId);
  // One connection runs one query at a time; these stay sequential.
  const prices = await tx.query<{ seat_id: string; amount_minor: number; currency: string }>({
    name: 'sale_seat_prices',
    text: `SELECT s.id AS seat_id, p.amount_minor, p.currency FROM seats s
             JOIN show_prices p ON p.category_id = s.category_id AND p.show_id = $1
             WHERE s.id = ANY($2::uuid[])`,
    values: [show.id, seatIds],
  });
  const types = await tx.query<{ id: string; multiplier_bp: number }>({
    name: 'sale_ticket_types',
    text: 'SELECT id, multiplier_bp FROM ticket_types WHERE id = ANY($1::uuid[])',
    values: [[...new Set(lines.map((l) => l.ticketTypeId))]],
  });
  const taxes = await tx.query<{
    name: string;
    rate_bp: number;
    inclusive: boolean;
    item_class: 'ticket' | 'concession';
  }>({
    name: 'sale_taxes',
    text: 'SELECT name, rate_bp, inclusive, item_class FROM taxes WHERE cinema_id = $1 ORDER BY name',
    values: [show.cinemaId],
  });
  const format = await tx.query<{ multiplier_bp: number }>({
    name: 'sale_format',
    text: 'SELECT multiplier_bp FROM formats WHERE id = $1',
    values: [show.formatId],
  });
  const priceBySeat = new Map(prices.rows.map((p) => [p.seat_id, p]));
  const typeBp = new Map(types.rows.map((t) => [t.id, t.multiplier_bp]));
  const currency = prices.rows[0]?.currency;
  if (currency === undefined)
    throw new BoError(
      'BO_CONFLICT',
      'This show has no prices set; a manager must set them before it can be sold.',
    );
  assertConcessionCurrency(concessions, currency);
  const tickets = lines.map((l) => {
    const p = priceBySeat.get(l.seatId);
    const bp = typeBp.get(l.ticketTypeId);
    if (p === undefined)
      throw new BoError('BO_CONFLICT', `Seat ${l.seatId} has no price for this show.`);
    if (bp === undefined)
      throw new BoError('BO_VALIDATION', `Unknown ticket type ${l.ticketTypeId}.`);
    return {
      ref: l.seatId,
      basePriceMinor: p.amount_minor,
      formatMultiplierBp: format.rows[0]?.multiplier_bp ?? 10_000,
      ticketTypeMultiplierBp: bp,
    };
  });
  let discount: PricingInput['discount'] = null;
  if (discountCode !== undefined) {
    const d = await tx.query<{
      code: string;
      kind: 'percent' | 'fixed';
      value: number;
      currency: string | null;
      valid_from: Date | null;
      valid_to: Date | null;
      max_uses: number | null;
      uses: number;
    }>({
      name: 'sale_discount',
      text: 'SELECT code, kind, value, currency, valid_from, valid_to, max_uses, uses FROM discounts WHERE upper(code) = upper($1) FOR UPDATE',
      values: [discountCode],
    });
    const row = d.rows[0];
    if (!row)
      throw new BoError(
        'BO_VALIDATION',
        `Promo code ${discountCode} does not exist. Check the spelling.`,
      );
    discount = {
      code: row.code,
      kind: row.kind,
      value: row.value,
      currency: row.currency,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      maxUses: row.max_uses,
      uses: row.uses,
    };
  }
  const priced = priceOrder(
    {
      currency,
      tickets,
      concessions: concessions.map((c) => ({ ref: c.ref, unitPriceMinor: c.unitPriceMinor, quantity: c.quantity })),
      taxes: taxes.rows.map((t) => ({
        name: t.name,
        rateBp: t.rate_bp,
        inclusive: t.inclusive,
        itemClass: t.item_class,
      })),
      discount,
    },
    now,
  );
  if (!priced.ok)
    throw new BoError(
      isErrorCode(priced.error.code) ? priced.error.code : 'BO_CONFLICT',
      priced.error.message,
    );
  if (discount)
    await tx.query({
      name: 'sale_discount_use',
      text: 'UPDATE discounts SET uses = uses + 1 WHERE upper(code) = upper($1)',
      values: [discountCode],
    });
  return priced.value;
}
