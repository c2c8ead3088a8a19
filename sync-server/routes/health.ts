import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../identity/access.js';

/** GET /health answers ok only while PostgreSQL answers. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/health',
    {
      config: { access: access.public() },
      schema: {
        summary: 'Liveness: ok while the database answers',
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
      try {
        await app.ctx.db.$client.query({ text: 'SELECT 1', query_timeout: 2000 } as {
          text: string;
        });
        return await reply.status(200).send({ status: 'ok' as const });
      } catch {
        return await reply.status(503).send({
          status: 'unavailable' as const,
          error: { code: 'BO_UNAVAILABLE', message: 'The database does not answer.' },
        });
      }
    },
  );
};
