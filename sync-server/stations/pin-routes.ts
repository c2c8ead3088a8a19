// REST for staff PINs (DESIGN §10): an enrolled station trades a PIN for a short-lived staff token;
// a manager lifts a colleague's PIN lockout.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pinExchangeBody, staffToken } from '../../common/api/stations.js';
import { BoError } from '../../common/errors.js';
import { access, cinemasOfStaff } from '../identity/access.js';
import { openSession } from '../identity/sessions.js';
import { errorResponses } from '../routes/schemas.js';
import { checkStaffPin, unlockStaffPin } from './pin-exchange.js';
import { staffActor } from './routes.js';

const tags = ['stations'];

/** POST /auth/staff/pin, POST /admin/staff/{staffId}/unlock. */
export const staffPinRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const id = () => app.ctx.identity;

  app.post(
    '/auth/staff/pin',
    {
      config: { access: access.station() },
      schema: {
        tags,
        summary: 'Trade a staff member’s PIN, typed at this station, for a short-lived staff token',
        description:
          'The staff member must work at the station’s cinema (chain admins: all). Wrong PINs lock that staff member with growing delays (429 with Retry-After) until a right PIN or a manager’s unlock. The token ends when the station is revoked.',
        body: pinExchangeBody,
        response: { 200: staffToken, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const station = request.principal;
      if (station.kind !== 'station')
        throw new BoError('BO_FORBIDDEN', 'Only an enrolled station may do this.');
      await id().guard(request, reply, 'pin', request.body.staffId);
      const now = id().now();
      let staff;
      try {
        staff = await checkStaffPin(
          pool,
          request.body.staffId,
          request.body.pin,
          station.cinemaId,
          now,
        );
      } catch (e) {
        const wait = e instanceof BoError ? e.details?.['retryAfterSeconds'] : undefined;
        if (typeof wait === 'number') void reply.header('retry-after', String(wait));
        throw e;
      }
      const { sessionId: _, ...tokens } = await openSession(
        pool,
        {
          kind: 'staff',
          sub: staff.id,
          role: staff.role,
          cinemas: staff.cinemaIds,
          station: station.id,
        },
        await id().settings('staff'),
        now,
      );
      return { staff, tokens };
    },
  );

  app.post(
    '/admin/staff/:staffId/unlock',
    {
      config: {
        access: access.staff('manager', cinemasOfStaff('staffId')),
      },
      schema: {
        tags,
        summary: 'Lift a staff member’s PIN lockout',
        description:
          'Managers may unlock staff who share one of their cinemas; admins anyone. Unlocking someone who is not locked is harmless.',
        params: z.object({ staffId: z.uuid() }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
      await unlockStaffPin(pool, staffActor(p), p, request.params.staffId);
      return reply.status(204).send(null);
    },
  );
};
