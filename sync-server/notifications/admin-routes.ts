// Staff's view of the delivery outbox (DESIGN §9): what a booking's customer was sent, and the dead
// letters (messages that could not be delivered, with the reason) to send again once fixed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import { cinemaOfBooking } from '../bookings/admin-routes.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';

const tags = ['notifications'];
const messageView = z.object({
  id: z.uuid(),
  kind: z.string(),
  channel: z.enum(['email', 'sms', 'push']),
  recipient: z.string(),
  bookingId: z.uuid().nullable(),
  status: z.enum(['pending', 'sent', 'dead']),
  attempts: z.int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
const ISO = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// A push message's recipient is a customer id: staff see "customer's app", not the id.
const COLUMNS = `id, kind, channel,
  CASE WHEN channel = 'push' THEN 'customer app' ELSE recipient END AS recipient,
  booking_id AS "bookingId", status, attempts, last_error AS "lastError",
  ${ISO('next_attempt_at')} AS "nextAttemptAt", ${ISO('sent_at')} AS "sentAt",
  ${ISO('created_at')} AS "createdAt"`;

/** GET /admin/bookings/{id}/messages, GET /admin/messages, POST /admin/messages/{id}/retry. */
export const notificationAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;

  app.get(
    '/admin/bookings/:bookingId/messages',
    {
      config: { access: access.staff('manager', cinemaOfBooking) },
      schema: {
        tags,
        summary: 'What the booking’s customer was sent (or is still to be sent), and how it went',
        params: z.object({ bookingId: z.uuid() }),
        response: {
          200: z.object({ messages: z.array(messageView) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const r = await pool.query<z.infer<typeof messageView>>(
        `SELECT ${COLUMNS} FROM messages WHERE booking_id = $1 ORDER BY created_at, id`,
        [request.params.bookingId],
      );
      return { messages: r.rows };
    },
  );

  app.get(
    '/admin/messages',
    {
      config: { access: access.staff('admin') },
      schema: {
        tags,
        summary: 'Messages by state: dead letters (with their reason) or those still waiting',
        querystring: z.object({
          status: z.enum(['dead', 'pending']).default('dead'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ messages: z.array(messageView) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const r = await pool.query<z.infer<typeof messageView>>(
        `SELECT ${COLUMNS} FROM messages WHERE status = $1 ORDER BY updated_at DESC, id LIMIT $2`,
        [request.query.status, request.query.limit],
      );
      return { messages: r.rows };
    },
  );

  app.post(
    '/admin/messages/:messageId/retry',
    {
      config: { access: access.staff('admin') },
      schema: {
        tags,
        summary:
          'Send a dead letter again (after fixing its cause: an address, a provider account)',
        params: z.object({ messageId: z.uuid() }),
        response: { 200: messageView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const now = app.ctx.identity.now();
      const r = await pool.query<z.infer<typeof messageView>>(
        `UPDATE messages SET status = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2
          WHERE id = $1 AND status = 'dead' RETURNING ${COLUMNS}`,
        [request.params.messageId, now],
      );
      const row = r.rows[0];
      if (row) {
        // An UPDATE wakes nobody (the trigger is on INSERT): this process sends it at once.
        app.ctx.notifications.wake();
        return row;
      }
      const exists = await pool.query('SELECT 1 FROM messages WHERE id = $1', [
        request.params.messageId,
      ]);
      if ((exists.rowCount ?? 0) === 0) throw new BoError('BO_NOT_FOUND', 'No such message.');
      throw new BoError('BO_CONFLICT', 'Only a dead letter can be sent again.');
    },
  );
};
