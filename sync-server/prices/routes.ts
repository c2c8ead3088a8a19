// REST for prices (DESIGN §6, §13, issue 16): see common/api/admin-prices.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The price routes. */
export const priceRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.log.debug('routes registered later in this change');
};
