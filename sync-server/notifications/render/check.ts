// Render input is checked before anything is formatted: a bad zone, locale or currency would
// otherwise surface as a RangeError deep inside Intl, and a negative amount as a nonsense refund.
import { z } from 'zod';
import { BoError } from '../../../common/errors.js';
import type { BookingFacts, MessageContent } from '../types.js';

function intlAccepts(make: () => unknown): boolean {
  try {
    make();
    return true;
  } catch {
    return false;
  }
}

const zone = z
  .string()
  .refine((tz) => intlAccepts(() => new Intl.DateTimeFormat('en', { timeZone: tz })), {
    message: 'not an IANA time zone',
  });
const locale = z
  .string()
  .min(2)
  .refine((l) => intlAccepts(() => Intl.getCanonicalLocales(l)), {
    message: 'not a BCP 47 locale',
  });
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .refine((c) =>
    intlAccepts(() => new Intl.NumberFormat('en', { style: 'currency', currency: c })),
  );
const minor = z.number().int().nonnegative();
const date = z.date().refine((d) => !Number.isNaN(d.getTime()), { message: 'invalid date' });
// Links go into href attributes: only absolute http(s) URLs, never javascript: or data:.
// (z.httpUrl() would refuse a server reached by IP address or as localhost, as the demo is.)
const link = z.url({ protocol: /^https?$/, hostname: /^[^\s]+$/ });

/** What a BookingFacts must hold to be rendered. */
export const bookingFactsSchema = z.object({
  bookingId: z.string().min(1),
  reference: z.string().min(1),
  customerName: z.string().nullable(),
  cinema: z.object({ name: z.string(), address: z.string(), timeZone: zone, locale }),
  show: z.object({
    startsAt: date,
    endsAt: date,
    movieTitle: z.string().min(1),
    certification: z.string(),
    format: z.string(),
    language: z.string(),
    screenName: z.string(),
  }),
  tickets: z.array(
    z.object({
      rowLabel: z.string(),
      seatLabel: z.string(),
      ticketTypeName: z.string(),
      priceMinor: minor,
      taxMinor: minor,
      status: z.string(),
      code: z.string().min(1).nullable(),
    }),
  ),
  items: z.array(
    z.object({ name: z.string(), quantity: z.number().int().positive(), totalMinor: minor }),
  ),
  currency,
  totalMinor: minor,
  taxMinor: minor,
  discountMinor: minor,
  manageUrl: link.nullable(),
});

const facts = bookingFactsSchema;
const contentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('booking.confirmed'), facts }),
  z.object({ kind: z.literal('booking.cancelled'), facts, refundMinor: minor, feeMinor: minor }),
  z.object({
    kind: z.literal('booking.refunded'),
    facts,
    amountMinor: minor,
    feeMinor: minor,
    reason: z.string(),
    method: z.string().min(1),
  }),
  z.object({ kind: z.literal('booking.expired'), facts }),
  z.object({
    kind: z.literal('payment.failed'),
    facts,
    reason: z.string(),
    payBy: date.nullable(),
  }),
  z.object({ kind: z.literal('show.cancelled'), facts, paid: z.boolean(), refundMinor: minor }),
  z.object({ kind: z.literal('show.moved'), facts, from: date }),
  z.object({ kind: z.literal('feedback.replied'), facts, reply: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal('show.reminder'), facts, unsubscribeUrl: link.nullable() }),
  z.object({
    kind: z.literal('password.reset'),
    name: z.string(),
    resetUrl: link,
    expiresMinutes: z.number().int().positive(),
    locale,
  }),
]);

function fail(error: z.ZodError): never {
  const where = error.issues[0];
  const path = where === undefined ? '' : where.path.join('.');
  throw new BoError('BO_VALIDATION', `Cannot render: ${path} ${where?.message ?? ''}`.trim(), {
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Throws BO_VALIDATION when booking facts cannot be rendered. */
export function checkFacts(facts: BookingFacts): void {
  const result = bookingFactsSchema.safeParse(facts);
  if (!result.success) fail(result.error);
}

/** Throws BO_VALIDATION when a message cannot be rendered (the kind's own fields included). */
export function checkContent(content: MessageContent): void {
  const result = contentSchema.safeParse(content);
  if (!result.success) fail(result.error);
}
