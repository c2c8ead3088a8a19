// REST contract of online bookings, payments and refunds (DESIGN §7, §12): used by the server routes
// and every client. Amounts are integer minor units of the booking's currency.
import { z } from 'zod';
import { concessionLinesSchema } from '../concession-lines.js';

/** A hold id as the hold answer gave it. */
export const holdIdSchema = z.string().regex(/^h_[A-Za-z0-9_-]{20,40}$/, 'is not a hold id');

/** Most tickets in one booking (a hold never has more seats than HOLD_MAX_SEATS anyway). */
export const MAX_BOOKING_TICKETS = 50;

/** The basket a quote or booking prices: one ticket type per held seat, a promo code, food and drink. */
export const basketSchema = z
  .object({
    holdId: holdIdSchema.describe('The hold whose seats to book; every seat of it needs a ticket'),
    tickets: z
      .array(z.object({ seatId: z.uuid(), ticketTypeId: z.uuid() }).strict())
      .min(1)
      .max(MAX_BOOKING_TICKETS)
      .refine((t) => new Set(t.map((x) => x.seatId.toLowerCase())).size === t.length, {
        message: 'a seat is in the list twice',
      }),
    promoCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/, 'is not a promo code')
      .optional(),
    concessions: concessionLinesSchema
      .optional()
      .describe('Food and drink of this cinema, collected at the counter'),
  })
  .strict();
export type Basket = z.infer<typeof basketSchema>;

/** How to reach a guest who books without an account. */
export const guestSchema = z
  .object({
    email: z.email().max(254),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'is not a phone number')
      .optional(),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** POST /bookings */
export const createBookingBody = basketSchema
  .extend({
    guest: guestSchema
      .optional()
      .describe('Required without signing in (guest checkout); ignored for a signed-in customer'),
  })
  .strict();
export type CreateBookingBody = z.infer<typeof createBookingBody>;

const money = z.int();

/** A priced ticket line. */
export const pricedTicketSchema = z.object({
  seatId: z.uuid(),
  seatLabel: z.string(),
  ticketTypeId: z.uuid(),
  ticketTypeName: z.string(),
  priceMinor: money.describe('What the ticket costs, after its share of a discount, with taxes'),
  taxMinor: money,
});

/** A priced concession line. */
export const pricedConcessionSchema = z.object({
  itemId: z.uuid(),
  name: z.string(),
  quantity: z.int(),
  unitPriceMinor: money,
  totalMinor: money,
  taxMinor: money,
});

const totals = {
  currency: z.string().length(3),
  subtotalMinor: money,
  discountMinor: money,
  taxMinor: money,
  totalMinor: money,
  discountCode: z.string().nullable(),
};

/** POST /bookings/quote */
export const quoteSchema = z.object({
  ...totals,
  tickets: z.array(pricedTicketSchema),
  concessions: z.array(pricedConcessionSchema),
  taxes: z.array(z.object({ name: z.string(), inclusive: z.boolean(), amountMinor: money })),
  holdExpiresAt: z.iso.datetime(),
});
export type Quote = z.infer<typeof quoteSchema>;

/** What a payment says to buyers: never "failed" until the provider itself said so. */
export const paymentStatusSchema = z.enum([
  'pending',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
]);

export const paymentViewSchema = z.object({
  paymentId: z.uuid(),
  provider: z.string(),
  status: paymentStatusSchema,
  amountMinor: money,
  refundedMinor: money,
  currency: z.string(),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const refundViewSchema = z.object({
  refundId: z.uuid(),
  paymentId: z.uuid(),
  amountMinor: money,
  feeMinor: money,
  currency: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  reason: z.string(),
  ticketIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
});

export const bookingStatusSchema = z.enum(['pending', 'confirmed', 'expired', 'cancelled']);

/** GET /bookings/{id} */
export const bookingViewSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: bookingStatusSchema,
  channel: z.string(),
  ...totals,
  show: z.object({
    id: z.uuid(),
    startsAt: z.iso.datetime(),
    movieTitle: z.string(),
    cinemaId: z.uuid(),
    cinemaName: z.string(),
    screenName: z.string(),
    timeZone: z.string(),
    status: z.string(),
  }),
  tickets: z.array(
    pricedTicketSchema.extend({
      ticketId: z.uuid(),
      status: z
        .enum(['pending', 'valid', 'refunded', 'void'])
        .describe('pending until the booking is paid'),
    }),
  ),
  concessions: z.array(pricedConcessionSchema),
  contact: z.object({
    email: z.string(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
  }),
  payments: z.array(paymentViewSchema),
  refunds: z.array(refundViewSchema),
  paidMinor: money.describe('Succeeded payments less succeeded refunds'),
  expiresAt: z.iso
    .datetime()
    .nullable()
    .describe('Pending bookings: when they lapse unpaid and their seats go back on sale'),
  cancellableUntil: z.iso
    .datetime()
    .nullable()
    .describe('Confirmed bookings: the customer may cancel tickets until then'),
  createdAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

/** The answer that made a booking: the only place its secret appears. */
export const createdBookingSchema = bookingViewSchema.extend({
  bookingSecret: z
    .string()
    .describe(
      'Send it as the Booking-Secret header to read, pay or cancel this booking without signing in; shown once',
    ),
});

/** A booking secret as the Booking-Secret header carries it. */
export const bookingSecretSchema = z
  .string()
  .regex(/^bs_[A-Za-z0-9_-]{43}$/, 'is not a booking secret');

/** POST /bookings/{id}/payments */
export const startedPaymentSchema = paymentViewSchema.extend({
  next: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('redirect'), url: z.string() }),
    z.object({
      kind: z.literal('client_secret'),
      clientSecret: z.string(),
      publishableKey: z.string().nullable(),
    }),
  ]),
  expiresAt: z.iso.datetime().describe('The booking (and its seats) is kept until then'),
});

/** POST /bookings/{id}/cancel: the whole booking, or some of its tickets. */
export const cancelBody = z
  .object({
    ticketIds: z
      .array(z.uuid())
      .min(1)
      .max(MAX_BOOKING_TICKETS)
      .optional()
      .describe('Only these tickets; without it, the whole booking'),
  })
  .strict();

/** POST /admin/bookings/{id}/refunds (managers): tickets and/or an amount. */
export const managerRefundBody = z
  .object({
    ticketIds: z.array(z.uuid()).min(1).max(MAX_BOOKING_TICKETS).optional(),
    amountMinor: z
      .int()
      .positive()
      .optional()
      .describe('A money-only refund (goodwill); without ticketIds the tickets stay valid'),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .refine((b) => b.ticketIds !== undefined || b.amountMinor !== undefined, {
    message: 'name tickets to cancel, an amount, or both',
  });

/** POST /admin/shows/{id}/cancel (managers) */
export const cancelShowBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

/** GET /me/bookings */
export const myBookingsQuery = z
  .object({
    when: z.enum(['upcoming', 'past']).default('upcoming'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const bookingPageSchema = z.object({
  bookings: z.array(bookingViewSchema),
  nextCursor: z.string().nullable(),
});

/** GET /bookings/{id}/tickets: what each printed or phone ticket shows, with its signed code as a QR. */
export const bookingTicketsSchema = z.object({
  bookingId: z.uuid(),
  reference: z.string().describe('Say it at the counter to pick the tickets up'),
  status: bookingStatusSchema,
  show: z.object({
    id: z.uuid(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    movieTitle: z.string(),
    certification: z.string(),
    format: z.string(),
    language: z.string(),
    cinemaId: z.uuid(),
    cinemaName: z.string(),
    cinemaAddress: z.string(),
    screenName: z.string(),
    timeZone: z.string().describe('Show times are shown in the cinema’s time zone'),
    status: z.string(),
  }),
  tickets: z.array(
    z.object({
      ticketId: z.uuid(),
      seatId: z.uuid(),
      seatLabel: z.string(),
      rowLabel: z.string(),
      ticketTypeName: z.string(),
      priceMinor: money,
      currency: z.string().length(3),
      status: z.enum(['valid', 'refunded', 'void']),
      code: z
        .string()
        .nullable()
        .describe('The signed ticket code the door scans (valid tickets only)'),
      qrSvg: z.string().nullable().describe('The code as a QR image (SVG); valid tickets only'),
    }),
  ),
});
export type BookingTickets = z.infer<typeof bookingTicketsSchema>;
