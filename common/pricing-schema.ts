// Schemas and result types of the pricing function (pricing.ts), split out so boundaries can parse
// pricing input without reading the arithmetic. pricing.ts re-exports everything here.
import { z } from 'zod';

// Caps keep every intermediate sum a safe integer (500 lines × 10^9 × 1000 < 2^53).
const MAX_MINOR = 1_000_000_000;
/** 10000 basis points = ×1.00 = 100 %. */
export const BP_ONE = 10_000;

const minorSchema = z.int().min(0).max(MAX_MINOR);
const multiplierBpSchema = z
  .int()
  .min(0)
  .max(10 * BP_ONE);
const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like GBP');
/** An instant as a Date or an ISO 8601 string with an offset, as it arrives over JSON. */
export const instantSchema = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((v) => (typeof v === 'string' ? new Date(v) : v));

/** What a line is, for taxes and discounts that apply to one class only. */
export const itemClassSchema = z.enum(['ticket', 'concession']);
/** ticket | concession. */
export type ItemClass = z.infer<typeof itemClassSchema>;

/** One seat sold with one ticket type. */
export const ticketLineSchema = z.object({
  ref: z.string().max(200).optional(),
  basePriceMinor: minorSchema,
  formatMultiplierBp: multiplierBpSchema,
  ticketTypeMultiplierBp: multiplierBpSchema,
});

/** Food or drink (a combo is one item with its own price). */
export const concessionLineSchema = z.object({
  ref: z.string().max(200).optional(),
  unitPriceMinor: minorSchema,
  quantity: z.int().min(1).max(1000),
});

/** A promo code as stored, with how often it has been used so far. */
export const discountSchema = z
  .object({
    code: z.string().min(1).max(64),
    kind: z.enum(['percent', 'fixed']),
    /** percent: basis points (1000 = 10 %); fixed: minor units of `currency`. */
    value: minorSchema,
    currency: currencySchema.nullish(),
    validFrom: instantSchema.nullish(),
    validTo: instantSchema.nullish(),
    maxUses: z.int().min(0).nullish(),
    uses: z.int().min(0).default(0),
    minSpendMinor: minorSchema.nullish(),
    appliesTo: z.array(itemClassSchema).min(1).optional(),
  })
  .refine((d) => d.kind !== 'percent' || d.value <= BP_ONE, {
    message: 'a percent discount is at most 10000 bp',
    path: ['value'],
  });

/** One tax component, e.g. CGST 9 % added on tickets or VAT 20 % included in concessions. */
export const taxComponentSchema = z.object({
  name: z.string().min(1).max(64),
  rateBp: z.int().min(0).max(BP_ONE),
  inclusive: z.boolean(),
  itemClass: itemClassSchema,
});

/** Everything priceOrder needs; parse boundary input with it. */
export const pricingInputSchema = z.object({
  currency: currencySchema,
  tickets: z.array(ticketLineSchema).max(500).default([]),
  concessions: z.array(concessionLineSchema).max(500).default([]),
  discount: discountSchema.nullish(),
  taxes: z.array(taxComponentSchema).max(20).default([]),
  /** The cinema's zone and locale, so messages about a code's validity read in its local time. */
  display: z.object({ timeZone: z.string().min(1), locale: z.string().min(1) }).nullish(),
});

/** Pricing input as callers write it (dates may be ISO strings, arrays may be left out). */
export type PricingInput = z.input<typeof pricingInputSchema>;
/** Pricing input after parsing: dates are Dates, defaults filled in. */
export type ParsedPricingInput = z.output<typeof pricingInputSchema>;
/** One tax component as configured for a cinema. */
export type TaxComponent = z.infer<typeof taxComponentSchema>;

/** A tax amount on one line. */
export type LineTax = { name: string; rateBp: number; inclusive: boolean; amountMinor: number };

/** One priced line; gross includes inclusive taxes, total adds the added ones. */
export type PricedLine = {
  ref: string | null;
  itemClass: ItemClass;
  unitPriceMinor: number;
  quantity: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxes: LineTax[];
  inclusiveTaxMinor: number;
  addedTaxMinor: number;
  taxMinor: number;
  totalMinor: number;
};

/** One tax component summed over the order. */
export type TaxTotal = TaxComponent & { amountMinor: number };

/** The priced order; totalMinor = subtotalMinor − discountMinor + addedTaxMinor. */
export type PricedOrder = {
  currency: string;
  tickets: PricedLine[];
  concessions: PricedLine[];
  subtotalMinor: number;
  discount: { code: string; kind: 'percent' | 'fixed'; amountMinor: number } | null;
  discountMinor: number;
  taxes: TaxTotal[];
  inclusiveTaxMinor: number;
  addedTaxMinor: number;
  taxMinor: number;
  totalMinor: number;
};

/** Why an order cannot be priced; stable codes that cross every boundary. */
export type PricingErrorCode =
  | 'BO_VALIDATION'
  | 'BO_DISCOUNT_EXPIRED'
  | 'BO_DISCOUNT_NOT_YET_VALID'
  | 'BO_DISCOUNT_EXHAUSTED'
  | 'BO_DISCOUNT_CURRENCY'
  | 'BO_DISCOUNT_MIN_SPEND';

/** What priceOrder returns: the priced order or a coded error, never a throw. */
export type PricingResult =
  | { ok: true; value: PricedOrder }
  | { ok: false; error: { code: PricingErrorCode; message: string } };
