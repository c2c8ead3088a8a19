// REST for a cinema's schedule (DESIGN §13, issue 16): see common/api/admin-schedule.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminShowSeats,
  availableSlots as availableSlotsSchema,
  availableSlotsQuery,
  batchPlan,
  batchSpec,
  plannedShow,
  publishResult,
  scheduleCopy,
  schedulePublish,
  scheduleQuery,
  scheduleView,
  seatsBlock,
  seatsUnblock,
  showPatch,
  showsCreate,
  showsCreated,
} from '../../common/api/admin-schedule.js';
import { access, cinemaOfRow, cinemaParam } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import { copySchedule } from './copy.js';
import { createShows, planBatch } from './create.js';
import { deleteDraft, patchShow } from './edit-show.js';
import { blockHouseSeats, showSeats, unblockHouseSeats } from './house-seats.js';
import { publishShows } from './publish.js';
import { readSchedule } from './read.js';
import { availableSlots } from './slots.js';

const tags = ['schedule'];
const cinemaParams = z.object({ cinemaId: z.uuid() });
const showParams = z.object({ showId: z.uuid() });
const screenParams = z.object({ screenId: z.uuid() });

/** The planner, batch creation, copy, publish, show edits, free slots and house seats. */
export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const now = () => app.ctx.identity.now();
  const ofCinema = { access: access.staff('manager', cinemaParam()) };
  const ofShow = { access: access.staff('manager', cinemaOfRow('shows', 'showId')) };
  const ofScreen = { access: access.staff('manager', cinemaOfRow('screens', 'screenId')) };

  app.get(
    '/admin/cinemas/:cinemaId/schedule',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'The shows of some cinema days, drafts included, with the screens',
        params: cinemaParams,
        querystring: scheduleQuery,
        response: { 200: scheduleView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => readSchedule(pool, request.params.cinemaId, request.query),
  );

  app.post(
    '/admin/cinemas/:cinemaId/shows/plan',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'What a batch of shows would create, each conflict named; nothing is written',
        params: cinemaParams,
        body: batchSpec,
        response: { 200: batchPlan, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => planBatch(pool, request.params.cinemaId, request.body, now()),
  );

  app.post(
    '/admin/cinemas/:cinemaId/shows',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Create shows as drafts, all or none',
        description:
          'Any conflict (overlap, cleaning buffer, film run, format, layout, price) refuses the whole request with 409 BO_SHOW_CONFLICT and details.conflicts naming each.',
        params: cinemaParams,
        body: showsCreate,
        response: { 201: showsCreated, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const shows = await createShows(
        pool,
        staffActor(request.principal),
        request.params.cinemaId,
        request.body,
        now(),
      );
      return reply.status(201).send({ shows, skipped: [] });
    },
  );

  app.post(
    '/admin/cinemas/:cinemaId/shows/copy',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Copy days of shows to other days, as drafts',
        params: cinemaParams,
        body: scheduleCopy,
        response: { 200: showsCreated, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      copySchedule(
        pool,
        staffActor(request.principal),
        request.params.cinemaId,
        request.body,
        now(),
      ),
  );

  app.post(
    '/admin/cinemas/:cinemaId/shows/publish',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Publish drafts: counters, kiosks and the web see and sell them',
        params: cinemaParams,
        body: schedulePublish,
        response: { 200: publishResult, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      publishShows(
        pool,
        staffActor(request.principal),
        request.params.cinemaId,
        request.body,
        now(),
      ),
  );

  app.patch(
    '/admin/shows/:showId',
    {
      config: ofShow,
      schema: {
        tags,
        summary: 'Move, reprice or limit the channels of a show',
        params: showParams,
        body: showPatch,
        response: { 200: plannedShow, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      patchShow(pool, staffActor(request.principal), request.params.showId, request.body, now()),
  );

  app.delete(
    '/admin/shows/:showId',
    {
      config: ofShow,
      schema: {
        tags,
        summary: 'Delete a draft (published shows are cancelled instead)',
        params: showParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteDraft(pool, staffActor(request.principal), request.params.showId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/screens/:screenId/available-slots',
    {
      config: ofScreen,
      schema: {
        tags,
        summary: 'Free stretches of a screen’s cinema day (long enough for a film when given)',
        params: screenParams,
        querystring: availableSlotsQuery,
        response: { 200: availableSlotsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => availableSlots(pool, request.params.screenId, request.query, now()),
  );

  app.get(
    '/admin/shows/:showId/seats',
    {
      config: ofShow,
      schema: {
        tags,
        summary: 'A show’s seats with their states and why blocked ones are',
        params: showParams,
        response: { 200: adminShowSeats, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => showSeats(pool, request.params.showId),
  );

  app.post(
    '/admin/shows/:showId/seats/block',
    {
      config: ofShow,
      schema: {
        tags,
        summary: 'Block free seats as house seats, with the reason',
        params: showParams,
        body: seatsBlock,
        response: { 200: adminShowSeats, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      blockHouseSeats(pool, staffActor(request.principal), request.params.showId, request.body),
  );

  app.post(
    '/admin/shows/:showId/seats/unblock',
    {
      config: ofShow,
      schema: {
        tags,
        summary: 'Give blocked seats back to sale',
        params: showParams,
        body: seatsUnblock,
        response: { 200: adminShowSeats, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      unblockHouseSeats(pool, staffActor(request.principal), request.params.showId, request.body),
  );
};
