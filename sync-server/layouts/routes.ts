// REST for seat layouts (DESIGN §3, §13): list a screen's versions, read one, draw a new one, save
// (in place, or as the next version once shows use it), and choose the version new shows get.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  layoutDraft,
  layoutSaved,
  layoutSummaryList,
  layoutView,
} from '../../common/api/admin-layouts.js';
import { access, cinemaOfRow, type CinemaOf } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import { activateLayout, createLayout, getLayout, listLayouts, saveLayout } from './layouts.js';

const tags = ['layouts'];
const screenParams = z.object({ screenId: z.uuid() });
const layoutParams = z.object({ layoutId: z.uuid() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cinema of the layout named by the `layoutId` path parameter. */
const cinemaOfLayout: CinemaOf = async (request, pool) => {
  const v = (request.params as Record<string, string | undefined>)['layoutId'];
  if (v === undefined || !UUID.test(v)) return null;
  const r = await pool.query<{ cinema_id: string }>(
    'SELECT s.cinema_id FROM seat_layouts l JOIN screens s ON s.id = l.screen_id WHERE l.id = $1',
    [v],
  );
  return r.rows[0]?.cinema_id ?? null;
};

const RULES =
  'The draft must pass common/layout-draft.ts draftProblems (unique row labels, every wheelchair place with a companion beside it, at least one seat, every seat in a listed category): otherwise 400 BO_VALIDATION with details.fields by JSON pointer, and nothing is written.';

/** Layout routes. */
export const layoutRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const ofScreen = { access: access.staff('manager', cinemaOfRow('screens', 'screenId')) };
  const ofLayout = { access: access.staff('manager', cinemaOfLayout) };

  app.get(
    '/admin/screens/:screenId/layouts',
    {
      config: ofScreen,
      schema: {
        tags,
        summary: 'Every version of a screen’s seat layouts, newest first',
        params: screenParams,
        response: { 200: layoutSummaryList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => listLayouts(pool, request.params.screenId),
  );

  app.post(
    '/admin/screens/:screenId/layouts',
    {
      config: ofScreen,
      schema: {
        tags,
        summary: 'Draw a new layout for a screen (version 1, active for new shows)',
        description: RULES,
        params: screenParams,
        body: layoutDraft,
        response: { 201: layoutView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createLayout(
            pool,
            staffActor(request.principal),
            request.params.screenId,
            request.body,
          ),
        ),
  );

  app.get(
    '/admin/layouts/:layoutId',
    {
      config: ofLayout,
      schema: {
        tags,
        summary: 'One layout version with its grid',
        params: layoutParams,
        response: { 200: layoutView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => getLayout(pool, request.params.layoutId),
  );

  app.put(
    '/admin/layouts/:layoutId',
    {
      config: ofLayout,
      schema: {
        tags,
        summary: 'Save a layout',
        description: `A layout no show uses changes in place; one that shows use is never changed: the save becomes the next version, active for new shows, and the shows keep theirs. ${RULES}`,
        params: layoutParams,
        body: layoutDraft,
        response: { 200: layoutSaved, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      saveLayout(pool, staffActor(request.principal), request.params.layoutId, request.body),
  );

  app.post(
    '/admin/layouts/:layoutId/activate',
    {
      config: ofLayout,
      schema: {
        tags,
        summary: 'Make this version the one new shows of its screen get',
        params: layoutParams,
        response: { 200: layoutView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => activateLayout(pool, staffActor(request.principal), request.params.layoutId),
  );
};
