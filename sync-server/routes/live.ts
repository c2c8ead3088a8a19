// WebSocket /api/v1/live?showId=…: a seat-map snapshot, then batched seat changes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import { sendLive } from '../feed/live-hub.js';
import { seatStates } from '../services/seat-states.js';
import { showMeta } from '../services/shows.js';
import { access } from '../identity/access.js';

/** The live seat-map socket. */
export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/live',
    {
      config: { access: access.public() },
      websocket: true,
      schema: {
        tags: ['live'],
        summary: 'WebSocket: live seat states of a show (snapshot, then batches every ~50 ms)',
        querystring: z.object({ showId: z.uuid() }),
      },
    },
    async (socket, request) => {
      const { showId } = request.query;
      const max = app.ctx.config.liveMaxBufferedBytes;
      try {
        await showMeta(app.ctx.db.$client, showId);
      } catch (e) {
        const msg = e instanceof BoError ? e.message : 'The show could not be read.';
        sendLive(
          socket,
          { type: 'error', code: e instanceof BoError ? e.code : 'BO_UNAVAILABLE', message: msg },
          max,
        );
        socket.close(4004, 'unknown show');
        return;
      }
      // Subscribe before the snapshot so nothing falls between them; versions sort out the overlap.
      const remove = app.ctx.live.add(showId, socket);
      socket.on('close', remove);
      socket.on('message', () => {
        sendLive(
          socket,
          {
            type: 'error',
            code: 'BO_BAD_REQUEST',
            message: 'This socket only sends; nothing needs to be sent to it.',
          },
          max,
        );
      });
      const seats = await seatStates(app.ctx.db.$client, showId);
      sendLive(socket, { type: 'snapshot', showId, seats }, max);
    },
  );
};
