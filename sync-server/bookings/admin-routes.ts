// Managers' booking routes (DESIGN §7, §12): read and refund any booking of their cinema, cancel a
// show with everything sold for it. The admin screens come later; these are their API.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bookingViewSchema, cancelShowBody, managerRefundBody } from '../../common/api/bookings.js';
import { access, cinemaOfRow, type CinemaOf } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import type { Actor } from '../services/audit.js';
import { withTx } from '../services/tx.js';
import { afterCommit } from './after-commit.js';
import { cancelBooking } from './cancel.js';
import { cancelShow } from './show-cancel.js';
import { readBooking } from './view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cinema of the booking named by the bookingId path parameter (staff routes of a booking). */
export const cinemaOfBooking: CinemaOf = async (request, pool) => {
  const id = (request.params as Record<string, string | undefined>)['bookingId'];
  if (id === undefined || !UUID.test(id)) return null;
  const r = await pool.query<{ cinema_id: string }>(
    'SELECT cinema_id FROM bookings WHERE id = $1',
    [id],
  );
  return r.rows[0]?.cinema_id ?? null;
};

const bookingParams = z.object({ bookingId: z.uuid() });

const count = z.int().nonnegative();
/** POST /admin/shows/{id}/cancel: what the cancellation did, all calls together. */
const showCancelSummarySchema = z.object({
  showId: z.uuid(),
  alreadyCancelled: z.boolean().describe('The show was cancelled before this call'),
  bookingsCancelled: count.describe(
    'Web bookings ended: paid ones refunded in full, unpaid ones released',
  ),
  refunds: count.describe('Refund records written for those bookings'),
  refundedMinor: count.describe('Their sum, in minor units'),
  currency: z.string().nullable(),
  counterTicketsToRefund: count.describe(
    'Counter and kiosk tickets valid when the show was cancelled: they stay valid until the counter refunds them (manager PIN), so the money goes back through a till',
  ),
  counterTicketsOutstanding: count.describe('Of those, the ones the counter has not refunded yet'),
  holdsEnded: count.describe('Active holds this call ended'),
});

/** GET /admin/bookings/{id}, POST /admin/bookings/{id}/refunds, POST /admin/shows/{id}/cancel. */
export const bookingAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const policy = () => ({ cutoffMinutes: app.ctx.config.cancelCutoffMinutes });
  const staffActor = (p: { kind: string; id?: string }): Actor => ({
    kind: 'staff',
    id: p.id ?? null,
    channel: 'admin',
  });

  app.get(
    '/admin/bookings/:bookingId',
    {
      config: { access: access.staff('manager', cinemaOfBooking) },
      schema: {
        tags: ['admin'],
        summary: 'Read any booking of your cinema',
        params: bookingParams,
        response: { 200: bookingViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => readBooking(app.ctx.db.$client, request.params.bookingId, null, policy()),
  );

  app.post(
    '/admin/bookings/:bookingId/refunds',
    {
      config: { access: access.staff('manager', cinemaOfBooking), idempotency: true },
      schema: {
        tags: ['admin'],
        summary:
          'Refund tickets and/or money of any booking of your cinema, at any time, without a fee',
        params: bookingParams,
        body: managerRefundBody,
        response: { 200: bookingViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const p = request.principal;
      const staffId = p.kind === 'staff' ? p.id : '';
      const pool = app.ctx.db.$client;
      const done = await withTx(pool, (tx) =>
        cancelBooking(
          tx,
          request.params.bookingId,
          null,
          { ticketIds: request.body.ticketIds, extraMinor: request.body.amountMinor },
          { kind: 'manager', staffId, reason: request.body.reason },
          staffActor({ kind: p.kind, id: staffId }),
          app.ctx.identity.now(),
        ),
      );
      await afterCommit(app, done);
      return readBooking(pool, request.params.bookingId, null, policy());
    },
  );

  app.post(
    '/admin/shows/:showId/cancel',
    {
      config: {
        access: access.staff('manager', cinemaOfRow('shows', 'showId')),
        idempotency: true,
      },
      schema: {
        tags: ['admin'],
        summary:
          'Cancel a show: web bookings refunded in full, holds ended, counter tickets left for refund at the counter',
        params: z.object({ showId: z.uuid() }),
        body: cancelShowBody,
        response: {
          200: showCancelSummarySchema,
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const p = request.principal;
      const out = await cancelShow(
        app.ctx.db.$client,
        request.params.showId,
        request.body.reason,
        staffActor({ kind: p.kind, id: p.kind === 'staff' ? p.id : '' }),
        app.ctx.identity.now(),
      );
      await afterCommit(app, {
        refundIds: out.refundIds,
        showId: out.showId,
        cancelPayments: out.cancelPayments,
      });
      const { refundIds: _r, cancelPayments: _c, ...summary } = out;
      return summary;
    },
  );
};
