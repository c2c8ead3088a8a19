// REST for feedback (issue 17): see common/api/feedback.ts. Customers reach their booking's
// feedback as they reach the booking (signed in, or with its Booking-Secret); managers list the
// feedback of their cinemas (admins: every cinema) and reply to it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  feedbackInput,
  feedbackListQuery,
  feedbackPage,
  feedbackReply,
  feedbackView,
} from '../../common/api/feedback.js';
import { BoError } from '../../common/errors.js';
import { bookingClaimOf, secretHeaders } from '../bookings/claims.js';
import { access, cinemaOfRow } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import { withTx } from '../services/tx.js';
import { listFeedback, readFeedback, replyToFeedback, writeFeedback } from './feedback.js';

const tags = ['feedback'];
const bookingParams = z.object({ bookingId: z.uuid() });
const OWNER = 'its customer, or the Booking-Secret header';

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const now = () => app.ctx.identity.now();

  app.get(
    '/bookings/:bookingId/feedback',
    {
      config: { access: access.public(OWNER) },
      schema: {
        tags,
        summary: 'The rating and comment given on a booking, and the cinema’s reply',
        params: bookingParams,
        headers: secretHeaders,
        response: { 200: feedbackView, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const f = await readFeedback(
        pool,
        request.params.bookingId,
        bookingClaimOf(request.principal, request.headers),
      );
      if (f === null)
        throw new BoError('BO_NOT_FOUND', 'No feedback was given on this booking yet.');
      return f;
    },
  );

  app.put(
    '/bookings/:bookingId/feedback',
    {
      config: { access: access.public(OWNER) },
      schema: {
        tags,
        summary:
          'Rate a booking’s show (1–5, with a comment) once it has started; again to change it',
        params: bookingParams,
        headers: secretHeaders,
        body: feedbackInput,
        response: { 200: feedbackView, 201: feedbackView, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const done = await withTx(pool, (tx) =>
        writeFeedback(
          tx,
          request.params.bookingId,
          bookingClaimOf(request.principal, request.headers),
          request.body,
          now(),
        ),
      );
      return reply.status(done.created ? 201 : 200).send(done.view);
    },
  );

  app.get(
    '/admin/feedback',
    {
      config: { access: access.staff('manager') },
      schema: {
        tags,
        summary:
          'Feedback of your cinemas (admins: all), filtered by cinema, rating, replied and day',
        querystring: feedbackListQuery,
        response: { 200: feedbackPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = request.principal;
      if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
      const q = request.query;
      const r = await pool.query<{ id: string }>(
        `SELECT c.id FROM cinemas c JOIN staff s ON s.chain_id = c.chain_id
          WHERE s.id = $1 AND ($2::uuid IS NULL OR c.id = $2)`,
        [p.id, q.cinemaId ?? null],
      );
      const mine = r.rows
        .map((c) => c.id)
        .filter((id) => p.role === 'admin' || p.cinemaIds.includes(id));
      if (q.cinemaId !== undefined && r.rows.length === 0)
        throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
      if (q.cinemaId !== undefined && mine.length === 0)
        throw new BoError('BO_FORBIDDEN', 'That belongs to a cinema you do not work at.');
      return listFeedback(pool, mine, q);
    },
  );

  app.put(
    '/admin/feedback/:feedbackId/reply',
    {
      config: { access: access.staff('manager', cinemaOfRow('feedback', 'feedbackId')) },
      schema: {
        tags,
        summary: 'Reply to a customer’s feedback (again: replaces the reply); the customer is told',
        params: z.object({ feedbackId: z.uuid() }),
        body: feedbackReply,
        response: { 200: feedbackView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = staffActor(request.principal);
      return withTx(pool, (tx) =>
        replyToFeedback(
          tx,
          request.params.feedbackId,
          request.body.reply,
          actor.id ?? '',
          actor,
          now(),
        ),
      );
    },
  );
};
