// buildApp(config) assembles the sync server without listening (STYLE 5); server.ts listens.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import http from 'node:http';
import pg from 'pg';
import { openPg, survivesLostConnections, type PgDb } from '../db/pg/client.js';
import { writeClientError } from './client-errors.js';
import { installErrorHandling } from './errors.js';
import { frameworkError, installHttpSecurity } from './http-security.js';
import { pgPoolOptions, type ServerConfig } from './config.js';
import { createChangeFeed, type ChangeFeed } from './feed/change-feed.js';
import { createLiveHub, type LiveHub } from './feed/live-hub.js';
import { access, installAccess } from './identity/access.js';
import { installIdempotency } from './idempotency/idempotency.js';
import { createIdentityContext, type IdentityContext } from './identity/context.js';
import { createAttemptGuard } from './identity/limits.js';
import { identityRoutes } from './identity/routes.js';
import { bookingAdminRoutes } from './bookings/admin-routes.js';
import { backupRoutes } from './backups/routes.js';
import { auditRoutes } from './audit/routes.js';
import { bookingRoutes } from './bookings/routes.js';
import { bookingTicketRoutes } from './bookings/tickets-routes.js';
import { createPushHub, pushHubOptions } from './notifications/inbox/push-hub.js';
import { notificationRoutes } from './notifications/inbox/routes.js';
import { cinemaRoutes } from './cinemas/routes.js';
import { filmRoutes } from './films/routes.js';
import { layoutRoutes } from './layouts/routes.js';
import { staffRoutes } from './staff/routes.js';
import { doorRoutes } from './door/routes.js';
import { feedbackRoutes } from './feedback/routes.js';
import { reportRoutes } from './reports/routes.js';
import { scheduleRoutes } from './schedule/routes.js';
import { priceRoutes } from './prices/routes.js';
import { notificationAdminRoutes } from './notifications/admin-routes.js';
import { notificationsOf } from './notifications/context.js';
import type { NotificationWorker } from './notifications/worker.js';
import { passwordResetPageRoutes, passwordResetRoutes } from './identity/reset-routes.js';
import { webhookRoutes } from './payments/webhook-route.js';
import { catalogRoutes } from './routes/catalog.js';
import { healthRoutes } from './routes/health.js';
import { holdRoutes } from './routes/holds.js';
import { liveRoutes } from './routes/live.js';
import { syncRoutes } from './routes/sync.js';
import { staffPinRoutes } from './stations/pin-routes.js';
import { stationRoutes } from './stations/routes.js';
import { startSweeper } from './sweeper.js';
import { paymentsOf, type Payments } from './payments/context.js';
import type { TestGateway } from './payments/test-gateway/gateway.js';
import { testGatewayRoutes } from './payments/test-gateway/routes.js';
import { createSnapshotCache, type SnapshotCache } from './sync/snapshot-cache.js';
import { createSnapshotGate, type SnapshotGate } from './sync/snapshot-gate.js';
import { readSnapshot } from './sync/snapshot.js';

/** Everything a route or socket handler needs, decorated onto the app as `app.ctx`. */
export type AppContext = {
  config: ServerConfig;
  db: PgDb;
  feed: ChangeFeed;
  live: LiveHub;
  /** Stations connected to this process (id → sockets). */
  connected: Map<string, number>;
  /** Tokens, sessions, the clock and sign-in rate limits. */
  identity: IdentityContext;
  /** Turns for station snapshots (SNAPSHOT_CONCURRENCY at once). */
  snapshots: SnapshotGate;
  /** Snapshots by cinema, shared by its stations for SNAPSHOT_REUSE_SECONDS. */
  snapshotCache: SnapshotCache;
  /** Payment providers and the ticket signer (DESIGN §7); the test gateway when it is the provider. */
  payments: Payments & { testGateway: TestGateway | null };
  /** This process's notification worker (DESIGN §9): events to messages, reminders, delivery. */
  notifications: NotificationWorker;
};

declare module 'fastify' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export type App = FastifyInstance;

/** Builds the sync server: REST under /api/v1, OpenAPI, /health, WebSockets. Never listens. */
export async function buildApp(
  config: ServerConfig,
  deps: { db?: PgDb; now?: () => Date } = {},
): Promise<App> {
  if (config.databaseUrl === '' && deps.db === undefined) {
    throw new Error('buildApp needs config.databaseUrl or a db handle');
  }
  const ownsDb = deps.db === undefined;
  const db = deps.db ?? openPg(config.databaseUrl, pgPoolOptions(config));
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: [
        'req.headers.authorization',
        'req.headers["hold-secret"]',
        'req.headers["booking-secret"]',
      ],
    },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    return503OnClosing: true,
    clientErrorHandler: writeClientError,
    frameworkErrors: frameworkError,
    // Behind the chain's reverse proxy, the client is who the proxy says (per-address limits).
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // A request must arrive whole within REQUEST_TIMEOUT_MS (a slow-loris holds a socket no longer);
    // the check runs often enough for that to be the real bound.
    serverFactory: (handler) =>
      http.createServer(
        {
          requestTimeout: config.requestTimeoutMs,
          headersTimeout: config.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(30_000, Math.max(100, config.requestTimeoutMs / 4)),
        },
        handler,
      ),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The feed reads on its own connections, so live pushes never queue behind request traffic.
  const feedPool = new pg.Pool({
    connectionString: db.$client.options.connectionString ?? config.databaseUrl,
    max: 2,
  });
  survivesLostConnections(feedPool);
  const feed = createChangeFeed(feedPool, {
    listenUrl: db.$client.options.connectionString ?? config.databaseUrl,
    pollMs: config.changeLogPollMs,
    onError: (e) => {
      app.log.warn({ err: e }, 'change feed read failed; retrying');
    },
  });
  const live = createLiveHub({
    batchMs: config.liveBatchMs,
    maxBuffered: config.liveSocketMaxBufferedBytes,
    heartbeatMs: config.heartbeatMs,
    maxPerAddress: config.liveMaxPerAddress,
    maxTotal: config.liveMaxConnections,
  });
  feed.subscribe((changes) => {
    live.onChanges(changes);
  });
  installErrorHandling(app);
  await app.register(fastifyRateLimit, { global: false });
  const now = deps.now ?? (() => new Date());
  const routeAccess = installAccess(app, {
    pool: db.$client,
    key: () => app.ctx.identity.key(),
    now,
  });
  installIdempotency(app, db.$client);
  const identity = createIdentityContext(db.$client, config, {
    now,
    guard: createAttemptGuard(app, {
      perIpPerMinute: config.signInPerIpPerMinute,
      perAccountPer15Minutes: config.signInPerAccountPer15Minutes,
    }),
    routeAccess,
  });
  const snapshots = createSnapshotGate({
    concurrency: config.snapshotConcurrency,
    queueMax: config.snapshotQueueMax,
    sendMs: config.snapshotSendSeconds * 1000,
  });
  const snapshotCache = createSnapshotCache((cinemaId) => readSnapshot(db.$client, cinemaId), {
    maxAgeMs: config.snapshotReuseSeconds * 1000,
  });
  app.decorate('ctx', {
    config,
    db,
    feed,
    live,
    connected: new Map(),
    identity,
    snapshots,
    snapshotCache,
    payments: paymentsOf(
      config,
      db.$client,
      now,
      (body, headers) =>
        app
          .inject({ method: 'POST', url: '/api/v1/payments/webhooks/test', headers, payload: body })
          .then((r) => ({ status: r.statusCode, body: r.body })),
      (message, details) => {
        app.log.warn(details, message);
      },
    ),
    notifications: notificationsOf(config, db.$client, {
      listenUrl: db.$client.options.connectionString ?? config.databaseUrl,
      now,
      key: () => identity.key(),
      onError: (e) => {
        app.log.warn({ err: e }, 'notification worker pass failed; will retry');
      },
    }),
  });
  await installHttpSecurity(app, config.corsOrigins);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Marquee public API',
        version: '1.0.0',
        description:
          'Browse, hold, book and pay for cinema seats. WebSockets (not listed as operations): GET /api/v1/live?showId=… sends a seat-map snapshot then batched seat changes; GET /api/v1/me/live pushes a signed-in customer’s notifications as they happen (Authorization header, or a first message {"type":"auth","token":…}); GET /sync is the station protocol (stations only). Each operation says who may call it.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          station: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: 'Station <stationId>:<device secret>, given at enrollment',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // Its own CSP (with hashes for its inline code), but never framed, no styles from elsewhere, and
    // never upgraded to https (TLS is the deployment's proxy's business).
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        // swagger-ui sets inline styles as it renders; styles cannot run code.
        .replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'")
        .replace(/ ?upgrade-insecure-requests;?/, ''),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1_048_576 } });

  await app.register(healthRoutes);
  await app.register(catalogRoutes, { prefix: '/api/v1' });
  await app.register(holdRoutes, { prefix: '/api/v1' });
  await app.register(bookingRoutes, { prefix: '/api/v1' });
  await app.register(bookingAdminRoutes, { prefix: '/api/v1' });
  await app.register(bookingTicketRoutes, { prefix: '/api/v1' });
  await app.register(webhookRoutes, { prefix: '/api/v1' });
  await app.register(liveRoutes, { prefix: '/api/v1' });
  await app.register(identityRoutes, { prefix: '/api/v1' });
  await app.register(stationRoutes, { prefix: '/api/v1' });
  await app.register(filmRoutes, { prefix: '/api/v1' });
  await app.register(cinemaRoutes, { prefix: '/api/v1' });
  await app.register(layoutRoutes, { prefix: '/api/v1' });
  await app.register(staffRoutes, { prefix: '/api/v1' });
  await app.register(scheduleRoutes, { prefix: '/api/v1' });
  await app.register(reportRoutes, { prefix: '/api/v1' });
  await app.register(feedbackRoutes, { prefix: '/api/v1' });
  await app.register(doorRoutes, { prefix: '/api/v1' });
  await app.register(priceRoutes, { prefix: '/api/v1' });
  await app.register(backupRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(staffPinRoutes, { prefix: '/api/v1' });
  const push = createPushHub(pushHubOptions(config, db.$client, app.log));
  await app.register(notificationRoutes(push), { prefix: '/api/v1' });
  await app.register(notificationAdminRoutes, { prefix: '/api/v1' });
  await app.register(passwordResetRoutes, { prefix: '/api/v1' });
  await app.register(passwordResetPageRoutes);
  await app.register(syncRoutes);
  if (app.ctx.payments.testGateway !== null)
    await app.register(testGatewayRoutes(app.ctx.payments.testGateway));

  await feed.start();
  await push.start();
  await app.ctx.notifications.start();
  const sweeper = startSweeper(app);
  app.addHook('preClose', async () => {
    sweeper.stop();
    live.stop();
    await push.stop();
    await app.ctx.notifications.stop();
    await feed.stop();
    await feedPool.end();
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { access: access.public() } }, () =>
    app.swagger(),
  );

  if (ownsDb) {
    app.addHook('onClose', async () => {
      await db.$client.end();
    });
  }
  return app;
}
