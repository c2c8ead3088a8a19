// Public REST of online bookings (DESIGN §12): quote, book, read, pay. Money writes take an
// Idempotency-Key; a booking is reached by its customer or with its secret, nobody else.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  basketSchema,
  cancelBody,
  bookingPageSchema,
  bookingViewSchema,
  createBookingBody,
  createdBookingSchema,
  myBookingsQuery,
  quoteSchema,
  startedPaymentSchema,
} from '../../common/api/bookings.js';
import { access } from '../identity/access.js';
import { createHoldRateGuard } from '../routes/hold-guard.js';
import { errorResponses } from '../routes/schemas.js';
import { withTx } from '../services/tx.js';
import { ownedHold, priceBasket } from './basket.js';
import { bookingClaimOf, customerOf, holdClaimOf, secretHeaders, webActorOf } from './claims.js';
import { afterCommit } from './after-commit.js';
import { cancelBooking } from './cancel.js';
import { createBooking } from './create.js';
import { startPayment } from './payment-start.js';
import { listCustomerBookings, readBooking } from './view.js';

const bookingParams = z.object({ bookingId: z.uuid() });
const OWNER = 'its customer, or the Booking-Secret header';

/** POST /bookings/quote, POST /bookings, GET /bookings/{id}, POST /bookings/{id}/payments, GET /me/bookings. */
export const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const { config } = app.ctx;
  const now = () => app.ctx.identity.now();
  const policy = () => ({ cutoffMinutes: config.cancelCutoffMinutes });
  const guard = createHoldRateGuard(app, config.holdWritesPerClientPerMinute);
  const times = {
    ttlSeconds: config.holdTtlSeconds,
    extendSeconds: config.holdExtendSeconds,
    maxSeconds: config.holdMaxSeconds,
  };

  app.post(
    '/bookings/quote',
    {
      config: {
        access: access.public('the hold’s owner: its customer, or the Hold-Secret header'),
      },
      schema: {
        tags: ['bookings'],
        summary: 'Price a basket for a hold: ticket type per seat, promo code, food and drink',
        body: basketSchema,
        headers: secretHeaders,
        response: { 200: quoteSchema, ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      const at = now();
      const pool = app.ctx.db.$client;
      const hold = await ownedHold(
        pool,
        request.body.holdId,
        holdClaimOf(request.principal, request.headers),
        at,
        false,
      );
      const { priced, lines, names } = await priceBasket(pool, request.body, hold, at, null);
      return {
        currency: priced.currency,
        subtotalMinor: priced.subtotalMinor,
        discountMinor: priced.discountMinor,
        taxMinor: priced.taxMinor,
        totalMinor: priced.totalMinor,
        discountCode: priced.discount?.code ?? null,
        tickets: lines.tickets.map((t) => ({
          seatId: t.seatId,
          seatLabel: names.seats.get(t.seatId) ?? '',
          ticketTypeId: t.ticketTypeId,
          ticketTypeName: names.ticketTypes.get(t.ticketTypeId) ?? '',
          priceMinor: t.priceMinor,
          taxMinor: t.taxMinor,
        })),
        concessions: lines.concessions.map((c) => ({
          itemId: c.itemId,
          name: names.items.get(c.itemId) ?? '',
          quantity: c.quantity,
          unitPriceMinor: c.unitPriceMinor,
          totalMinor: c.totalMinor,
          taxMinor: c.taxMinor,
        })),
        // A tax that came to nothing (no food in the basket) is not worth a line.
        taxes: priced.taxes
          .filter((t) => t.amountMinor !== 0)
          .map((t) => ({
            name: t.name,
            inclusive: t.inclusive,
            amountMinor: t.amountMinor,
          })),
        holdExpiresAt: hold.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/bookings',
    {
      config: {
        access: access.public(
          'the hold’s owner; a signed-in customer’s booking is theirs, a guest’s gets a secret',
        ),
        idempotency: true,
      },
      schema: {
        tags: ['bookings'],
        summary: 'Book a hold: pending until paid, it lapses with its hold',
        body: createBookingBody,
        headers: secretHeaders,
        response: { 201: createdBookingSchema, ...errorResponses(400, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      const pool = app.ctx.db.$client;
      const made = await withTx(pool, (tx) =>
        createBooking(
          tx,
          request.body,
          holdClaimOf(request.principal, request.headers),
          { customerId: customerOf(request.principal) },
          webActorOf(request.principal),
          now(),
        ),
      );
      const view = await readBooking(pool, made.id, null, policy());
      return reply.status(201).send({ ...view, bookingSecret: made.secret });
    },
  );

  app.get(
    '/bookings/:bookingId',
    {
      config: { access: access.public(OWNER) },
      schema: {
        tags: ['bookings'],
        summary: 'Read a booking: tickets, payments, refunds and what may still be done',
        params: bookingParams,
        headers: secretHeaders,
        response: { 200: bookingViewSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      readBooking(
        app.ctx.db.$client,
        request.params.bookingId,
        bookingClaimOf(request.principal, request.headers),
        policy(),
      ),
  );

  app.post(
    '/bookings/:bookingId/payments',
    {
      config: { access: access.public(OWNER), idempotency: true },
      schema: {
        tags: ['payments'],
        summary:
          'Start paying a pending booking; its hold is extended once so there is time to pay',
        params: bookingParams,
        headers: secretHeaders,
        response: { 201: startedPaymentSchema, ...errorResponses(400, 404, 409, 422, 429, 502) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      const started = await startPayment(
        app.ctx.db.$client,
        app.ctx.payments.provider,
        request.params.bookingId,
        bookingClaimOf(request.principal, request.headers),
        times,
        now(),
        (reference) => `Cinema tickets, booking ${reference}`,
      );
      return reply.status(201).send(started);
    },
  );

  app.post(
    '/bookings/:bookingId/cancel',
    {
      config: { access: access.public(OWNER), idempotency: true },
      schema: {
        tags: ['bookings'],
        summary: `Cancel a booking, or some of its tickets; paid tickets are refunded (less the fee) until the cut-off before the show`,
        params: bookingParams,
        headers: secretHeaders,
        body: cancelBody,
        response: { 200: bookingViewSchema, ...errorResponses(400, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      await guard(request, reply);
      const pool = app.ctx.db.$client;
      const claim = bookingClaimOf(request.principal, request.headers);
      const done = await withTx(pool, (tx) =>
        cancelBooking(
          tx,
          request.params.bookingId,
          claim,
          { ticketIds: request.body.ticketIds },
          {
            kind: 'customer',
            cutoffMinutes: config.cancelCutoffMinutes,
            feeBp: config.cancelFeeBp,
          },
          webActorOf(request.principal),
          now(),
        ),
      );
      await afterCommit(app, done);
      return readBooking(pool, request.params.bookingId, claim, policy());
    },
  );

  app.get(
    '/me/bookings',
    {
      config: { access: access.customer('their own bookings') },
      schema: {
        tags: ['bookings'],
        summary: 'The signed-in customer’s bookings, upcoming or past, a page at a time',
        querystring: myBookingsQuery,
        response: { 200: bookingPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const p = request.principal;
      return listCustomerBookings(
        app.ctx.db.$client,
        p.kind === 'customer' ? p.id : '',
        request.query,
        policy(),
        now(),
      );
    },
  );
};
