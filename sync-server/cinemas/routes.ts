// REST for cinemas, their screens and the formats screens support (DESIGN §13).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cinemaList,
  cinemaPatch,
  cinemaView,
  formatList,
  screenInput,
  screenList,
  screenPatch,
  screenView,
} from '../../common/api/admin-cinemas.js';
import { access, cinemaOfRow, cinemaParam } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import {
  createScreen,
  getCinema,
  listCinemas,
  listFormats,
  listScreens,
  updateCinema,
  updateScreen,
} from './cinemas.js';

const tags = ['cinemas'];
const cinemaParams = z.object({ cinemaId: z.uuid() });
const screenParams = z.object({ screenId: z.uuid() });

/** GET /admin/cinemas, GET/PATCH /admin/cinemas/{id}, GET /admin/formats, screens of a cinema. */
export const cinemaRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const ofCinema = { access: access.staff('manager', cinemaParam()) };
  const ofScreen = { access: access.staff('manager', cinemaOfRow('screens', 'screenId')) };

  app.get(
    '/admin/cinemas',
    {
      config: { access: access.staff('manager') },
      schema: {
        tags,
        summary: 'The cinemas the caller manages (admins: every cinema of the chain)',
        response: { 200: cinemaList, ...errorResponses(401, 403) },
      },
    },
    (request) => listCinemas(pool, request.principal),
  );

  app.get(
    '/admin/cinemas/:cinemaId',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'A cinema’s details',
        params: cinemaParams,
        response: { 200: cinemaView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => getCinema(pool, request.params.cinemaId),
  );

  app.patch(
    '/admin/cinemas/:cinemaId',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Change a cinema’s details',
        description:
          'The address and tax ids print on the next ticket and receipt of every station of the cinema. The currency cannot change once the cinema has prices or sales (409).',
        params: cinemaParams,
        body: cinemaPatch,
        response: { 200: cinemaView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      updateCinema(pool, staffActor(request.principal), request.params.cinemaId, request.body),
  );

  app.get(
    '/admin/formats',
    {
      config: { access: access.staff('manager') },
      schema: {
        tags,
        summary: 'Every presentation format a screen may support',
        response: { 200: formatList, ...errorResponses(401, 403) },
      },
    },
    () => listFormats(pool),
  );

  app.get(
    '/admin/cinemas/:cinemaId/screens',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'A cinema’s screens with their formats and active seat layout',
        params: cinemaParams,
        response: { 200: screenList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => listScreens(pool, request.params.cinemaId),
  );

  app.post(
    '/admin/cinemas/:cinemaId/screens',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Add a screen',
        params: cinemaParams,
        body: screenInput,
        response: { 201: screenView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createScreen(
            pool,
            staffActor(request.principal),
            request.params.cinemaId,
            request.body,
          ),
        ),
  );

  app.patch(
    '/admin/screens/:screenId',
    {
      config: ofScreen,
      schema: {
        tags,
        summary: 'Change a screen’s name, cleaning time or formats',
        params: screenParams,
        body: screenPatch,
        response: { 200: screenView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      updateScreen(pool, staffActor(request.principal), request.params.screenId, request.body),
  );
};
