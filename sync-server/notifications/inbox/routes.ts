// REST and the live socket of a customer's notifications, mounted under /api/v1 (DESIGN §9):
// the list with keyset paging, mark one or all read, channel preferences, the one-click
// unsubscribe (unsubscribe-routes.ts) and the push socket /me/live.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  markedAll,
  notificationListQuery,
  notificationPage,
  notificationPreferences,
  notificationView as notificationSchema,
  preferencesPatch,
} from '../../../common/api/notifications.js';
import { BoError } from '../../../common/errors.js';
import { access } from '../../identity/access.js';
import type { Principal } from '../../identity/principal.js';
import { errorResponses } from '../../routes/schemas.js';
import { runPushSocket } from './live-socket.js';
import { readPreferences, updatePreferences } from './preferences.js';
import type { PushHub } from './push-hub.js';
import {
  listNotifications,
  markAllRead,
  markRead,
  notificationView,
  unreadCount,
} from './store.js';
import { unsubscribeRoutes } from './unsubscribe-routes.js';

const tags = ['notifications'];
const OWN = 'their own notifications';

/** The customer id of a request that passed access.customer (BO_UNAUTHORIZED otherwise). */
function customerOf(p: Principal): string {
  if (p.kind !== 'customer') throw new BoError('BO_UNAUTHORIZED', 'Sign in first.');
  return p.id;
}

/** The notification routes and socket, pushing through `hub`. */
export function notificationRoutes(hub: PushHub): FastifyPluginAsyncZod {
  return async (app) => {
    const pool = app.ctx.db.$client;
    const now = () => app.ctx.identity.now();

    app.get(
      '/me/notifications',
      {
        config: { access: access.customer(OWN) },
        schema: {
          tags,
          summary: 'Your notifications, newest first (keyset paging with `before`)',
          querystring: notificationListQuery,
          response: { 200: notificationPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const me = customerOf(request.principal);
        const page = await listNotifications(pool, me, request.query);
        return {
          items: page.items.map(notificationView),
          unread: await unreadCount(pool, me),
          next: page.next,
        };
      },
    );

    app.post(
      '/me/notifications/read-all',
      {
        config: { access: access.customer(OWN) },
        schema: {
          tags,
          summary: 'Mark all your notifications read',
          response: { 200: markedAll, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({
        marked: await markAllRead(pool, customerOf(request.principal), now()),
      }),
    );

    app.post(
      '/me/notifications/:notificationId/read',
      {
        config: { access: access.customer(OWN) },
        schema: {
          tags,
          summary: 'Mark one of your notifications read',
          params: z.object({ notificationId: z.uuid() }),
          response: { 200: notificationSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        notificationView(
          await markRead(pool, customerOf(request.principal), request.params.notificationId, now()),
        ),
    );

    app.get(
      '/me/notification-preferences',
      {
        config: { access: access.customer('their own preferences') },
        schema: {
          tags,
          summary: 'Your channels (email, SMS, push) for every kind of notification',
          response: { 200: notificationPreferences, ...errorResponses(401, 403) },
        },
      },
      async (request) => readPreferences(pool, customerOf(request.principal)),
    );

    app.put(
      '/me/notification-preferences',
      {
        config: { access: access.customer('their own preferences') },
        schema: {
          tags,
          summary:
            'Change some channels of some kinds; email stays on where emailLocked (BO_NOTIFY_EMAIL_REQUIRED)',
          body: preferencesPatch,
          response: { 200: notificationPreferences, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => updatePreferences(pool, customerOf(request.principal), request.body),
    );

    app.get(
      '/me/live',
      {
        config: {
          access: access.public(
            'a customer signs in with a Bearer header on the upgrade or an auth message first',
          ),
        },
        websocket: true,
        schema: {
          tags,
          summary:
            'WebSocket: your new notifications as they happen ({type:"ready",unread}, then {type:"notification",notification})',
        },
      },
      (socket, request) => {
        runPushSocket(
          socket,
          {
            principal: request.principal,
            header: request.headers.authorization,
            address: request.ip,
          },
          {
            hub,
            pool,
            key: () => app.ctx.identity.key(),
            now,
            authTimeoutMs: app.ctx.config.pushAuthTimeoutMs,
          },
        );
      },
    );

    await app.register(unsubscribeRoutes);
  };
}
