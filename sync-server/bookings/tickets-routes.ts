// GET /api/v1/bookings/{id}/tickets (DESIGN §8, §12): a paid booking's tickets with their signed
// codes and QR images, for its customer or whoever has its secret; nobody else learns it exists.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookingTicketsSchema } from '../../common/api/bookings.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { bookingClaimOf, secretHeaders } from './claims.js';
import { readBookingTickets } from './tickets.js';

/** GET /bookings/{id}/tickets. */
export const bookingTicketRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/bookings/:bookingId/tickets',
    {
      config: { access: access.public('its customer, or the Booking-Secret header') },
      schema: {
        tags: ['bookings'],
        summary: 'The tickets of a paid booking: signed codes and QR images to show at the door',
        params: z.object({ bookingId: z.uuid() }),
        headers: secretHeaders,
        response: { 200: bookingTicketsSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) =>
      readBookingTickets(
        app.ctx.db.$client,
        request.params.bookingId,
        bookingClaimOf(request.principal, request.headers),
      ),
  );
};
