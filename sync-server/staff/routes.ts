// REST for staff as managers manage them (DESIGN §10, §13). A PIN is in an answer once: at creation
// and at a reset; the server keeps only its hash.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createStaffBody,
  staffAdminView,
  staffListQuery,
  staffPage,
  staffPatch,
  staffWithPin,
} from '../../common/api/admin-staff.js';
import { BoError } from '../../common/errors.js';
import { access, cinemaParam, cinemasOfStaff } from '../identity/access.js';
import type { Principal } from '../identity/principal.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import { createStaff, listStaff, resetPin, updateStaff } from './staff.js';

const tags = ['staff'];
const cinemaParams = z.object({ cinemaId: z.uuid() });
const staffParams = z.object({ staffId: z.uuid() });
const RULES =
  'Managers give the cashier and manager roles and only cinemas they work at; only admins make admins or change one.';

function asStaff(p: Principal): Extract<Principal, { kind: 'staff' }> {
  if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
  return p;
}

/** Staff routes. */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const now = () => app.ctx.identity.now();
  const ofCinema = { access: access.staff('manager', cinemaParam()) };
  const ofPerson = { access: access.staff('manager', cinemasOfStaff('staffId')) };

  app.get(
    '/admin/cinemas/:cinemaId/staff',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'The people who work at a cinema: search, filter, sort, page',
        params: cinemaParams,
        querystring: staffListQuery,
        response: { 200: staffPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => listStaff(pool, request.params.cinemaId, request.query, now()),
  );

  app.post(
    '/admin/cinemas/:cinemaId/staff',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Add a person; their PIN is in this answer only',
        description: RULES,
        params: cinemaParams,
        body: createStaffBody,
        response: { 201: staffWithPin, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = asStaff(request.principal);
      const out = await createStaff(
        pool,
        p,
        staffActor(p),
        request.params.cinemaId,
        request.body,
        now(),
      );
      return reply.status(201).send(out);
    },
  );

  app.patch(
    '/admin/staff/:staffId',
    {
      config: ofPerson,
      schema: {
        tags,
        summary: 'Change a person’s name, role, cinemas, or deactivate them',
        description: `${RULES} Deactivating, or changing role or cinemas, ends their sessions at once. Nobody deactivates or re-roles themselves (409).`,
        params: staffParams,
        body: staffPatch,
        response: { 200: staffAdminView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => {
      const p = asStaff(request.principal);
      return updateStaff(pool, p, staffActor(p), request.params.staffId, request.body, now());
    },
  );

  app.post(
    '/admin/staff/:staffId/pin',
    {
      config: ofPerson,
      schema: {
        tags,
        summary: 'Give a person a new PIN (shown once); lifts their lockout, ends their sessions',
        params: staffParams,
        response: { 200: staffWithPin, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => {
      const p = asStaff(request.principal);
      return resetPin(pool, p, staffActor(p), request.params.staffId, now());
    },
  );
};
