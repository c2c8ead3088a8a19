// WebSocket /sync: the station protocol (DESIGN §4).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { runStationSession } from '../sync/station-session.js';
import { access } from '../identity/access.js';
import { createHelloLimits } from '../sync/hello-limits.js';

/** Registers the station socket. */
export const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  // One per process: the verification cap is process-wide, the failure counters per address/device.
  const { config } = app.ctx;
  const helloLimits = createHelloLimits({
    failuresPerAddress: config.syncHelloFailuresPerAddress,
    failuresPerDevice: config.syncHelloFailuresPerDevice,
    windowSeconds: config.syncHelloFailureWindowSeconds,
    verifyConcurrency: config.syncHelloVerifyConcurrency,
    verifyQueue: config.syncHelloVerifyQueue,
  });
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
    (socket, request) => {
      const { db, feed, connected, snapshots, snapshotCache } = app.ctx;
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
        address: request.ip,
        helloLimits,
        log: app.log,
        connected,
        snapshots,
        snapshot: (cinemaId) => snapshotCache.get(cinemaId),
      });
    },
  );
};
