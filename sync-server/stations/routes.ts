// REST for stations (DESIGN §10): managers create, list, re-code and revoke their cinema's
// stations; a station trades its one-time code for a device credential.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createStationBody,
  deviceCredential,
  enrollBody,
  enrollmentCodeView,
  stationList,
} from '../../common/api/stations.js';
import { BoError } from '../../common/errors.js';
import { access, cinemaOfRow, cinemaParam } from '../identity/access.js';
import type { Principal } from '../identity/principal.js';
import { errorResponses } from '../routes/schemas.js';
import type { Actor } from '../services/audit.js';
import {
  createStation,
  enrollStation,
  issueEnrollmentCode,
  listStations,
  revokeStation,
} from './enrollment.js';

const tags = ['stations'];
const cinemaParams = z.object({ cinemaId: z.uuid() });
const stationParams = z.object({ stationId: z.uuid() });

/** The audit actor for a staff caller (routes declared staff-only never see anyone else). */
export function staffActor(p: Principal): Actor {
  if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
  return p.stationId === null
    ? { kind: 'staff', id: p.id, channel: 'admin' }
    : { kind: 'staff', id: p.id, channel: 'admin', stationId: p.stationId };
}

/** POST/GET /admin/cinemas/{cinemaId}/stations, POST /admin/stations/{id}/enrollment-code, DELETE /admin/stations/{id}, POST /stations/enroll. */
export const stationRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const now = () => app.ctx.identity.now();
  const codeHours = () => app.ctx.config.enrollmentCodeHours;

  app.post(
    '/admin/cinemas/:cinemaId/stations',
    {
      config: { access: access.staff('manager', cinemaParam()) },
      schema: {
        tags,
        summary: 'Create a station and its one-time enrollment code',
        description:
          'The code is shown once, is single use and expires (ENROLLMENT_CODE_HOURS); type it at the new station.',
        params: cinemaParams,
        body: createStationBody,
        response: { 201: enrollmentCodeView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const out = await createStation(
        pool,
        staffActor(request.principal),
        request.params.cinemaId,
        request.body,
        { now: now(), codeHours: codeHours() },
      );
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/admin/cinemas/:cinemaId/stations',
    {
      config: { access: access.staff('manager', cinemaParam()) },
      schema: {
        tags,
        summary: 'The cinema’s stations: waiting for enrollment, enrolled or revoked',
        params: cinemaParams,
        response: { 200: stationList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listStations(pool, request.params.cinemaId),
  );

  app.post(
    '/admin/stations/:stationId/enrollment-code',
    {
      config: { access: access.staff('manager', cinemaOfRow('stations', 'stationId')) },
      schema: {
        tags,
        summary:
          'A fresh one-time code to enroll this station again (new hardware, after a revoke)',
        description:
          'Earlier unused codes of the station stop working. Enrolling with it replaces the device secret: the old device is signed out.',
        params: stationParams,
        response: { 201: enrollmentCodeView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const out = await issueEnrollmentCode(
        pool,
        staffActor(request.principal),
        request.params.stationId,
        { now: now(), codeHours: codeHours() },
      );
      return reply.status(201).send(out);
    },
  );

  app.delete(
    '/admin/stations/:stationId',
    {
      config: { access: access.staff('manager', cinemaOfRow('stations', 'stationId')) },
      schema: {
        tags,
        summary: 'Revoke a station',
        description:
          'Its credential stops working, its open connections are closed, and staff tokens obtained at it end. Revoking twice is harmless.',
        params: stationParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const changed = await revokeStation(
        pool,
        staffActor(request.principal),
        request.params.stationId,
        now(),
      );
      if (changed) app.ctx.feed.wake();
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/stations/enroll',
    {
      config: { access: access.public('the one-time enrollment code is the credential') },
      schema: {
        tags,
        summary: 'Trade a one-time enrollment code for this station’s device credential',
        description:
          'Unknown, used and expired codes all get 400 BO_ENROLLMENT_CODE_INVALID. The secret is returned once: keep it.',
        body: enrollBody,
        response: { 200: deviceCredential, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await app.ctx.identity.guard(request, reply, 'enroll');
      const credential = await enrollStation(pool, request.body.code, now());
      app.ctx.feed.wake();
      return credential;
    },
  );
};
