// WebSocket /api/v1/live?showId=…: a seat-map snapshot, then batched seat changes.
// Over a connection cap the socket is accepted, told why ({type:'error'} with a BO_ code) and closed
// with 4429 or 4503: a browser's WebSocket cannot read the status of a refused upgrade (it only sees
// 1006, like a network failure), but it does get a close code and a message, so a web shop can
// tell the customer and back off instead of retrying at once.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoError } from '../../common/errors.js';
import { LIVE_CLOSE_UNKNOWN_SHOW } from '../feed/live-guard.js';
import { dropSocket } from '../feed/socket.js';
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
      const max = app.ctx.config.liveSocketMaxBufferedBytes;
      // Counted before any database work, so a flood of sockets costs no queries.
      const refused = app.ctx.live.admit(socket, request.ip);
      if (refused) {
        sendLive(socket, { type: 'error', code: refused.code, message: refused.message }, max);
        dropSocket(socket, refused.closeCode, refused.code);
        return;
      }
      try {
        await showMeta(app.ctx.db.$client, showId);
      } catch (e) {
        const msg = e instanceof BoError ? e.message : 'The show could not be read.';
        sendLive(
          socket,
          { type: 'error', code: e instanceof BoError ? e.code : 'BO_UNAVAILABLE', message: msg },
          max,
        );
        dropSocket(socket, LIVE_CLOSE_UNKNOWN_SHOW, 'unknown show');
        return;
      }
      if (socket.readyState !== socket.OPEN) return;
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
      // Checked against the budget like every other send: a peer may have stopped reading already.
      sendLive(socket, { type: 'snapshot', showId, seats }, max);
    },
  );
};
