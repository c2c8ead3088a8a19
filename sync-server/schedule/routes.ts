// REST for a cinema's schedule (DESIGN §13, issue 16): see common/api/admin-schedule.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The schedule routes. */
export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.log.debug('routes registered later in this change');
};
