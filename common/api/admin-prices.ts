// REST contract of prices as managers set them (DESIGN §6, §13, issue 16): price cards, ticket
// types, format multipliers, taxes, promo codes and the concessions menu. What a customer pays is
// always computed by priceOrder (common/pricing.ts) from these.
import { z } from 'zod';
import { currencyCode } from './admin-cinemas.js';
import { listQuery, pageOf } from './admin-common.js';
import { localTime } from './admin-schedule.js';

const minor = z.int().min(0).max(100_000_000);
const multiplierBp = z.int().min(0).max(100_000);
const instant = z.iso.datetime({ offset: true });

/** A local end time: HH:MM, or 24:00 for the end of the day. */
export const endTime = z.union([localTime, z.literal('24:00')]);

/** A price card: seat category prices for the shows it matches (weekdays, start times, screens, formats). */
export const priceCardInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    currency: currencyCode,
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: z
      .array(z.int().min(1).max(7))
      .min(1, 'needs at least one day')
      .max(7)
      .refine((d) => new Set(d).size === d.length, { message: 'names a day twice' }),
    /** Shows starting from this local time (inclusive)… */
    fromTime: localTime,
    /** …to this one (exclusive). */
    toTime: endTime,
    /** Format codes; empty: every format. */
    formats: z.array(z.string().min(1).max(20)).max(20).default([]),
    /** Screens; empty: every screen of the cinema. */
    screenIds: z.array(z.uuid()).max(50).default([]),
    /** Base (adult, 2D) price of each seat category, by category code, in minor units. */
    prices: z.record(z.string().min(1).max(32), minor).refine((p) => Object.keys(p).length > 0, {
      message: 'needs a price for at least one category',
    }),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((c) => c.toTime === '24:00' || c.fromTime < c.toTime, {
    message: 'ends before it starts',
    path: ['toTime'],
  });
export type PriceCardInput = z.infer<typeof priceCardInput>;

export const priceCardView = z.object({
  id: z.uuid(),
  cinemaId: z.uuid(),
  name: z.string(),
  currency: z.string(),
  weekdays: z.array(z.int()),
  fromTime: localTime,
  toTime: endTime,
  formats: z.array(z.string()),
  screenIds: z.array(z.uuid()),
  prices: z.record(z.string(), z.int()),
  active: z.boolean(),
  /** Shows not yet started that are priced with it. */
  upcomingShows: z.int().min(0),
  updatedAt: instant,
});
export type PriceCardView = z.infer<typeof priceCardView>;
/** GET /admin/cinemas/{cinemaId}/price-cards, by name. */
export const priceCardList = z.array(priceCardView);

/** POST /admin/price-cards/{id}/copy: a new card with the same contents and this name. */
export const priceCardCopy = z.object({ name: z.string().trim().min(1).max(80) }).strict();

/**
 * POST /admin/price-cards/{id}/apply: prices these shows (of the card's cinema, not started, not
 * cancelled) with the card from now on; tickets already sold keep their price.
 */
export const priceCardApply = z.object({ showIds: z.array(z.uuid()).min(1).max(1000) }).strict();
export const priceCardApplied = z.object({ repriced: z.int().min(0) });

/** The seat categories used by a cinema's screens (a card prices them by code). */
export const categoryCodeList = z.array(
  z.object({ code: z.string(), name: z.string(), color: z.string(), screens: z.int().min(0) }),
);

/** A ticket type of the chain: child, senior… as a multiplier on the seat price. */
export const ticketTypeInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9_]{1,16}$/, 'is not a code like CHILD (capitals, digits, _)'),
    name: z.string().trim().min(1).max(60),
    /** 10000 = the seat price; 7000 = 70 % of it. */
    multiplierBp,
    sortOrder: z.int().min(0).max(1000),
  })
  .strict();
export type TicketTypeInput = z.infer<typeof ticketTypeInput>;
export const ticketTypePatch = ticketTypeInput
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'changes nothing' });
export const ticketTypeView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  multiplierBp: z.int(),
  sortOrder: z.int(),
});
export type TicketTypeView = z.infer<typeof ticketTypeView>;
/** GET /admin/ticket-types, by sort order. */
export const ticketTypeList = z.array(ticketTypeView);

/** A presentation format with its price multiplier (PATCH /admin/formats/{id}, admins only). */
export const formatPriceView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  multiplierBp: z.int(),
});
export type FormatPriceView = z.infer<typeof formatPriceView>;
export const formatPriceList = z.array(formatPriceView);
export const formatPatch = z
  .object({ name: z.string().trim().min(1).max(60), multiplierBp })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'changes nothing' });

/** A tax component of a cinema, e.g. CGST 9 % added to tickets. */
export const taxInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    /** 900 = 9 %. */
    rateBp: z.int().min(0).max(10_000),
    /** true: prices include it; false: it is added on top. */
    inclusive: z.boolean(),
    itemClass: z.enum(['ticket', 'concession']),
  })
  .strict();
export type TaxInput = z.infer<typeof taxInput>;
export const taxView = taxInput.extend({ id: z.uuid(), cinemaId: z.uuid() });
export type TaxView = z.infer<typeof taxView>;
/** GET /admin/cinemas/{cinemaId}/taxes */
export const taxList = z.array(taxView);

/** Where a promo code may be used. */
export const saleChannel = z.enum(['counter', 'kiosk', 'web']);

/** A promo code of the chain (percent or fixed, validity window, usage limit, channels). */
export const promoInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,32}$/, 'is not a code like SUMMER10 (3–32 letters, digits, - or _)'),
    name: z.string().trim().min(1).max(80),
    kind: z.enum(['percent', 'fixed']),
    /** percent: basis points (1000 = 10 %); fixed: minor units of `currency`. */
    value: minor,
    currency: currencyCode.nullable(),
    validFrom: instant.nullable(),
    /** Exclusive: a code valid to midnight stops at midnight. */
    validTo: instant.nullable(),
    maxUses: z.int().min(1).max(10_000_000).nullable(),
    minSpendMinor: minor.nullable(),
    channels: z.array(saleChannel).min(1, 'needs at least one channel').max(3),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'percent' && p.value > 10_000)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is more than 100 %' });
    if (p.kind === 'percent' && p.value === 0)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'takes nothing off' });
    if (p.kind === 'fixed' && p.value === 0)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'takes nothing off' });
    if (p.kind === 'fixed' && p.currency === null)
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is needed for a fixed amount' });
    if (
      p.validFrom !== null &&
      p.validTo !== null &&
      Date.parse(p.validTo) <= Date.parse(p.validFrom)
    )
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'ends before it starts' });
  });
export type PromoInput = z.infer<typeof promoInput>;
export const promoView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['percent', 'fixed']),
  value: z.int(),
  currency: z.string().nullable(),
  validFrom: instant.nullable(),
  validTo: instant.nullable(),
  maxUses: z.int().nullable(),
  uses: z.int(),
  minSpendMinor: z.int().nullable(),
  channels: z.array(saleChannel),
  active: z.boolean(),
});
export type PromoView = z.infer<typeof promoView>;
/** GET /admin/promo-codes: the chain's codes, searched by code or name. */
export const promoListQuery = listQuery(['code', 'name', 'validTo', 'uses'] as const).extend({
  status: z.enum(['all', 'current', 'expired', 'withdrawn']).default('all'),
});
export const promoList = pageOf(promoView);

/** A food or drink item (or a combo of items) of a cinema's menu. */
export const concessionInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    category: z.string().trim().min(1).max(40),
    priceMinor: minor,
    currency: currencyCode,
    /** For a combo: the items it bundles (each once per entry). */
    comboOf: z.array(z.uuid()).min(2).max(10).nullable(),
    active: z.boolean().default(true),
  })
  .strict();
export type ConcessionInput = z.infer<typeof concessionInput>;
export const concessionView = z.object({
  id: z.uuid(),
  cinemaId: z.uuid(),
  name: z.string(),
  category: z.string(),
  priceMinor: z.int(),
  currency: z.string(),
  comboOf: z.array(z.uuid()).nullable(),
  active: z.boolean(),
});
export type ConcessionView = z.infer<typeof concessionView>;
export const concessionList = z.array(concessionView);
