import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { access } from '../identity/access.js';

/** A load balancer gives up on a health check after about a second; we answer before that. */
const HEALTH_BUDGET_MS = 800;

/**
 * Null when the pool can serve a request now, else why not: every connection busy with others
 * waiting (a request would queue), or the database not answering SELECT 1 within the budget.
 */
export async function poolTrouble(pool: pg.Pool): Promise<string | null> {
  const max = pool.options.max;
  if (pool.totalCount >= max && pool.idleCount === 0 && pool.waitingCount > 0)
    return 'Every database connection is busy and requests are waiting.';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      resolve('The database did not answer in time.');
    }, HEALTH_BUDGET_MS);
  });
  const asked = pool.query('SELECT 1').then(
    () => null,
    () => 'The database does not answer.',
  );
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /health answers ok only while PostgreSQL answers and the pool can serve. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/health',
    {
      config: { access: access.public() },
      schema: {
        summary:
          'Liveness: ok while the database answers and the pool can serve (503 within a second otherwise)',
        response: {
          200: z.object({ status: z.literal('ok') }),
          503: z.object({
            status: z.literal('unavailable'),
            error: z.object({ code: z.string(), message: z.string() }),
          }),
        },
      },
    },
    async (_request, reply) => {
      const message = await poolTrouble(app.ctx.db.$client);
      if (message === null) return await reply.status(200).send({ status: 'ok' as const });
      return await reply.status(503).send({
        status: 'unavailable' as const,
        error: { code: 'BO_UNAVAILABLE', message },
      });
    },
  );
};
