// Prices a sale with the one pricing function (common/pricing.ts). What it needs is read in one
// statement before the seats are locked (prices do not depend on the locks, and under READ
// COMMITTED a later read would see no more than a slightly newer snapshot); priceSale then applies
// it after the seat checks, with the same errors as when it read each table itself.
import { BoError, isErrorCode } from '../../common/errors.js';
import { priceOrder, type PricedOrder, type PricingInput } from '../../common/pricing.js';
import {
  assertConcessionCurrency,
  type ConcessionItemRow,
  type ConcessionPricingLine,
} from './sales-concessions.js';
import type { ShowMeta } from './shows.js';
import type { Queryable, Tx } from './tx.js';

/** A ticket line to price: a seat (whose category sets the base price) and a ticket type. */
export type SaleLine = { seatId: string; ticketTypeId: string };

type DiscountRow = {
  id: string;
  code: string;
  kind: 'percent' | 'fixed';
  value: number;
  currency: string | null;
  valid_from: Date | null;
  valid_to: Date | null;
  max_uses: number | null;
  uses: number;
  /** Where the code may be used: counter, kiosk, web. */
  channels: string[];
  active: boolean;
  min_spend_minor: number | null;
};

/** Where a sale is made, for the channels a promo code is good on. */
export type SaleChannel = 'counter' | 'kiosk' | 'web';

/** Everything pricing a sale needs, as loadSalePricing reads it. */
export type SalePricingData = {
  prices: { seatId: string; amountMinor: number; currency: string }[];
  ticketTypes: { id: string; multiplierBp: number }[];
  taxes: { name: string; rateBp: number; inclusive: boolean; itemClass: 'ticket' | 'concession' }[];
  formatBp: number | null;
  discount: DiscountRow | null;
  concessionItems: ConcessionItemRow[];
  /** The cinema's zone and locale, for messages that name a time. */
  display: { timeZone: string; locale: string } | null;
  /** The sale's channel: web without a station, kiosk or counter by the station's kind. */
  channel: SaleChannel;
};

type PricingRow = {
  prices: SalePricingData['prices'] | null;
  ticket_types: SalePricingData['ticketTypes'] | null;
  taxes: SalePricingData['taxes'] | null;
  format_bp: number | null;
  display: SalePricingData['display'];
  items: ConcessionItemRow[] | null;
  discount_id: string | null;
  discount_code: string | null;
  discount_kind: DiscountRow['kind'] | null;
  discount_value: number | null;
  discount_currency: string | null;
  discount_valid_from: Date | null;
  discount_valid_to: Date | null;
  discount_max_uses: number | null;
  discount_uses: number | null;
  discount_channels: string[] | null;
  discount_active: boolean | null;
  discount_min_spend_minor: number | null;
  station_kind: string | null;
};

const DISCOUNT_COLUMNS =
  'id, code, kind, value, currency, valid_from, valid_to, max_uses, uses, channels, active, min_spend_minor';

/** Reads the seat prices, ticket types, taxes, format, discount and concession items of a sale in one statement. */
export async function loadSalePricing(
  tx: Queryable,
  show: ShowMeta,
  lines: readonly SaleLine[],
  discountCode: string | undefined,
  itemIds: readonly string[],
  stationId: string | null = null,
): Promise<SalePricingData> {
  // The discount columns stay columns (not JSON) so its dates arrive as Dates, as they always did.
  const r = await tx.query<PricingRow>({
    name: 'sale_pricing',
    text: `SELECT
             (SELECT json_agg(json_build_object('seatId', s.id, 'amountMinor', p.amount_minor, 'currency', p.currency))
                FROM seats s JOIN show_prices p ON p.category_id = s.category_id AND p.show_id = $1
               WHERE s.id = ANY($2::uuid[])) AS prices,
             (SELECT json_agg(json_build_object('id', t.id, 'multiplierBp', t.multiplier_bp))
                FROM ticket_types t WHERE t.id = ANY($3::uuid[])) AS ticket_types,
             (SELECT json_agg(json_build_object('name', x.name, 'rateBp', x.rate_bp, 'inclusive', x.inclusive, 'itemClass', x.item_class) ORDER BY x.name)
                FROM taxes x WHERE x.cinema_id = $4) AS taxes,
             (SELECT f.multiplier_bp FROM formats f WHERE f.id = $5) AS format_bp,
             (SELECT json_build_object('timeZone', c.time_zone, 'locale', c.locale) FROM cinemas c WHERE c.id = $4) AS display,
             (SELECT json_agg(json_build_object('id', i.id, 'cinemaId', i.cinema_id, 'name', i.name, 'priceMinor', i.price_minor, 'currency', i.currency, 'active', i.active))
                FROM concession_items i WHERE i.id = ANY($7::uuid[])) AS items,
             d.id AS discount_id, d.code AS discount_code, d.kind AS discount_kind, d.value AS discount_value,
             d.currency AS discount_currency, d.valid_from AS discount_valid_from, d.valid_to AS discount_valid_to,
             d.max_uses AS discount_max_uses, d.uses AS discount_uses, d.channels AS discount_channels,
             d.active AS discount_active, d.min_spend_minor AS discount_min_spend_minor,
             (SELECT st.kind FROM stations st WHERE st.id = $8) AS station_kind
           FROM (SELECT 1) AS one
           LEFT JOIN (SELECT ${DISCOUNT_COLUMNS} FROM discounts WHERE $6::text IS NOT NULL AND upper(code) = upper($6) LIMIT 1) AS d ON true`,
    values: [
      show.id,
      lines.map((l) => l.seatId),
      [...new Set(lines.map((l) => l.ticketTypeId))],
      show.cinemaId,
      show.formatId,
      discountCode ?? null,
      itemIds,
      stationId,
    ],
  });
  const row = r.rows[0];
  if (row === undefined) throw new Error('sale_pricing returned no row');
  const d = row.discount_id === null ? null : discountOf(row);
  return {
    prices: row.prices ?? [],
    ticketTypes: row.ticket_types ?? [],
    taxes: row.taxes ?? [],
    formatBp: row.format_bp,
    discount: d,
    concessionItems: row.items ?? [],
    display: row.display,
    channel: stationId === null ? 'web' : row.station_kind === 'kiosk' ? 'kiosk' : 'counter',
  };
}

function discountOf(row: PricingRow): DiscountRow {
  return {
    id: row.discount_id ?? '',
    code: row.discount_code ?? '',
    kind: row.discount_kind ?? 'percent',
    value: row.discount_value ?? 0,
    currency: row.discount_currency,
    valid_from: row.discount_valid_from,
    valid_to: row.discount_valid_to,
    max_uses: row.discount_max_uses,
    uses: row.discount_uses ?? 0,
    channels: row.discount_channels ?? [],
    active: row.discount_active ?? true,
    min_spend_minor: row.discount_min_spend_minor,
  };
}

const CHANNEL_WORDS: Record<SaleChannel, string> = {
  counter: 'at the counter',
  kiosk: 'at the kiosks',
  web: 'online',
};

/** Refuses a code withdrawn by a manager, or one not good on the sale's channel. */
function assertUsable(d: DiscountRow, channel: SaleChannel): void {
  if (!d.active)
    throw new BoError('BO_DISCOUNT_WITHDRAWN', `Promo code ${d.code} has been withdrawn.`);
  if (!d.channels.includes(channel))
    throw new BoError(
      'BO_DISCOUNT_CHANNEL',
      `Promo code ${d.code} cannot be used ${CHANNEL_WORDS[channel]}; it is good ${d.channels
        .map((c) => (c in CHANNEL_WORDS ? CHANNEL_WORDS[c as SaleChannel] : c))
        .join(', ')}.`,
    );
}

type Base = Omit<PricingInput, 'discount'>;

// The checks the separate queries made, in their order: prices set, then each line's seat and type.
function pricingBase(
  data: SalePricingData,
  lines: readonly SaleLine[],
  concessions: readonly ConcessionPricingLine[],
): Base {
  const priceBySeat = new Map(data.prices.map((p) => [p.seatId, p]));
  const typeBp = new Map(data.ticketTypes.map((t) => [t.id, t.multiplierBp]));
  const currency = data.prices[0]?.currency;
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
      basePriceMinor: p.amountMinor,
      formatMultiplierBp: data.formatBp ?? 10_000,
      ticketTypeMultiplierBp: bp,
    };
  });
  return {
    currency,
    display: data.display,
    tickets,
    concessions: concessions.map((c) => ({
      ref: c.ref,
      unitPriceMinor: c.unitPriceMinor,
      quantity: c.quantity,
    })),
    taxes: data.taxes.map((t) => ({
      name: t.name,
      rateBp: t.rateBp,
      inclusive: t.inclusive,
      itemClass: t.itemClass,
    })),
  };
}

function priced(base: Base, d: DiscountRow | null, now: Date): PricedOrder {
  const discount: PricingInput['discount'] =
    d === null
      ? null
      : {
          code: d.code,
          kind: d.kind,
          value: d.value,
          currency: d.currency,
          validFrom: d.valid_from,
          validTo: d.valid_to,
          maxUses: d.max_uses,
          uses: d.uses,
          minSpendMinor: d.min_spend_minor,
        };
  const r = priceOrder({ ...base, discount }, now);
  if (!r.ok)
    throw new BoError(isErrorCode(r.error.code) ? r.error.code : 'BO_CONFLICT', r.error.message);
  return r.value;
}

const sameDiscount = (a: DiscountRow, b: DiscountRow): boolean =>
  (Object.keys(a) as (keyof DiscountRow)[]).every((k) => {
    const x = a[k];
    const y = b[k];
    if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
    return Array.isArray(x) && Array.isArray(y) ? x.join() === y.join() : x === y;
  });

/**
 * Prices a sale of seats from `data` at `now`, with any concessions, and counts a promo code's use.
 * Errors are those of the pricing checks: no prices (BO_CONFLICT), unknown ticket type
 * (BO_VALIDATION), an unknown or unusable code (BO_VALIDATION, BO_DISCOUNT_…).
 */
export async function priceSale(
  tx: Tx,
  data: SalePricingData,
  lines: readonly SaleLine[],
  discountCode: string | undefined,
  now: Date,
  concessions: readonly ConcessionPricingLine[] = [],
): Promise<PricedOrder> {
  const base = pricingBase(data, lines, concessions);
  if (discountCode === undefined) return priced(base, null, now);
  const read = data.discount;
  if (read === null)
    throw new BoError(
      'BO_VALIDATION',
      `Promo code ${discountCode} does not exist. Check the spelling.`,
    );
  assertUsable(read, data.channel);
  const first = priced(base, read, now);
  // The code was read without a lock; counting its use locks it, and returns it as it is now (uses
  // before this sale). Only if a concurrent sale or an edit changed it is the order priced again,
  // so a code used up meanwhile fails exactly as it did when it was read FOR UPDATE.
  const used = await tx.query<DiscountRow>({
    name: 'sale_discount_use',
    text: 'UPDATE discounts SET uses = uses + 1 WHERE upper(code) = upper($1) RETURNING id, code, kind, value, currency, valid_from, valid_to, max_uses, uses - 1 AS uses, channels, active, min_spend_minor',
    values: [discountCode],
  });
  const current = used.rows.find((d) => d.id === read.id);
  if (current === undefined)
    throw new BoError(
      'BO_VALIDATION',
      `Promo code ${discountCode} does not exist. Check the spelling.`,
    );
  return sameDiscount(read, current) ? first : priced(base, current, now);
}

/**
 * Prices a sale from `data` at `now` like priceSale, without counting a promo code's use: for
 * quotes, which change nothing. The same errors as priceSale.
 */
export function quoteSale(
  data: SalePricingData,
  lines: readonly SaleLine[],
  discountCode: string | undefined,
  now: Date,
  concessions: readonly ConcessionPricingLine[] = [],
): PricedOrder {
  const base = pricingBase(data, lines, concessions);
  if (discountCode === undefined) return priced(base, null, now);
  if (data.discount === null)
    throw new BoError(
      'BO_VALIDATION',
      `Promo code ${discountCode} does not exist. Check the spelling.`,
    );
  assertUsable(data.discount, data.channel);
  return priced(base, data.discount, now);
}
