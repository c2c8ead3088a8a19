// REST for the doors (issue 18): managers of a cinema (admins: every cinema) see, for a day, who
// was let in of the tickets sold per show and the admissions two doors made of one ticket.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { doorReport, doorReportQuery } from '../../common/api/door.js';
import { access, cinemaParam } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { doorReportOf } from './report.js';

export const doorRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  app.get(
    '/admin/cinemas/:cinemaId/door',
    {
      config: { access: access.staff('manager', cinemaParam()) },
      schema: {
        tags: ['door'],
        summary: 'Admitted of sold per show of a day, and tickets let in twice by two doors',
        params: z.object({ cinemaId: z.uuid() }),
        querystring: doorReportQuery,
        response: { 200: doorReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      doorReportOf(pool, request.params.cinemaId, request.query.date, app.ctx.identity.now()),
  );
};
