// WebSocket /sync: the station protocol (DESIGN §4).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { runStationSession } from '../sync/station-session.js';
import { access } from '../identity/access.js';

/** Registers the station socket. */
export const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/sync',
    {
      config: { access: access.public('a station authenticates in its hello message') },
      websocket: true,
      schema: {
        tags: ['stations'],
        summary: 'WebSocket: station sync protocol (hello, changes, mutations)',
      },
    },
    (socket) => {
      const { config, db, feed, connected } = app.ctx;
      runStationSession(socket, {
        pool: db.$client,
        feed,
        times: {
          ttlSeconds: config.holdTtlSeconds,
          extendSeconds: config.holdExtendSeconds,
          maxSeconds: config.holdMaxSeconds,
        },
        signingKey: config.ticketSigningKey,
        heartbeatMs: config.heartbeatMs,
        maxBuffered: config.liveMaxBufferedBytes,
        messages: { perSecond: config.syncMessagesPerSecond, burst: config.syncMessageBurst },
        log: app.log,
        connected,
      });
    },
  );
};
