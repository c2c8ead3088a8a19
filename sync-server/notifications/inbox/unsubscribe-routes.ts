// The one-click unsubscribe endpoint (RFC 8058), public: its token is the credential.
//   GET  …/notifications/unsubscribe?token=…  a page with one button; changes nothing, because mail
//                                             scanners and link previews follow links
//   POST …/notifications/unsubscribe?token=…  unsubscribes: mail programs POST
//                                             `List-Unsubscribe=One-Click` form-encoded, the page's
//                                             button posts the same
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  unsubscribeBody,
  unsubscribeQuery,
  type unsubscribed,
} from '../../../common/api/notifications.js';
import { BoError } from '../../../common/errors.js';
import { access } from '../../identity/access.js';
import { acceptForms, sendsPage } from '../../pages/page.js';
import { badLinkPage, confirmPage, donePage } from './unsubscribe-page.js';
import { unsubscribe, UNSUBSCRIBE_PATH, verifyUnsubscribeToken } from './unsubscribe.js';

const tags = ['notifications'];
const WHO = 'anyone with the link from a reminder email (its token is the credential)';
// Far above what a person clicks, low enough that nobody hammers the database through it; mail
// providers send one-click POSTs from shared servers, so it is not as low as sign-in's.
const POSTS_PER_IP_PER_MINUTE = 300;

/** GET (page) and POST (unsubscribe) of the one-click link. */
export const unsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  // RFC 8058's body; only in this plugin's scope, nothing else takes forms.
  acceptForms(app, 1024);
  const limit = app.createRateLimit({
    max: POSTS_PER_IP_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => `unsubscribe:${req.ip}`,
  });
  const html = sendsPage;

  app.get(
    '/notifications/unsubscribe',
    {
      config: { access: access.public(WHO) },
      helmet: { contentSecurityPolicy: false },
      schema: {
        tags,
        summary: 'The unsubscribe page (HTML, one button); changes nothing',
        querystring: unsubscribeQuery,
      },
    },
    async (request, reply) => {
      html(reply);
      try {
        const { address } = await verifyUnsubscribeToken(
          await app.ctx.identity.key(),
          request.query.token,
        );
        const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(request.query.token)}`;
        return await reply.send(confirmPage(address, action));
      } catch (e) {
        if (!(e instanceof BoError)) throw e;
        return reply.status(e.status).send(badLinkPage(e.message));
      }
    },
  );

  app.post(
    '/notifications/unsubscribe',
    {
      config: { access: access.public(WHO) },
      helmet: { contentSecurityPolicy: false },
      schema: {
        tags,
        summary:
          'Unsubscribe the link’s address from reminders (RFC 8058 one-click: body List-Unsubscribe=One-Click)',
        querystring: unsubscribeQuery,
        body: unsubscribeBody,
        // No response schemas: 200 is {unsubscribed, kind} as JSON (common/api/notifications.ts)
        // or a page for the button's form; errors are {error:{code,message}} as everywhere.
      },
    },
    async (request, reply) => {
      const allowed = await limit(request);
      if (!allowed.isAllowed && allowed.isExceeded) {
        void reply.header('retry-after', String(Math.max(1, allowed.ttlInSeconds)));
        throw new BoError('BO_RATE_LIMITED', 'Too many unsubscribe requests; try again shortly.');
      }
      const { address, kind } = await verifyUnsubscribeToken(
        await app.ctx.identity.key(),
        request.query.token,
      );
      await unsubscribe(app.ctx.db.$client, address, kind);
      // A person who pressed the page's button reads a page; mail programs and scripts get JSON.
      if (
        request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') &&
        (request.headers.accept ?? '').includes('text/html')
      ) {
        html(reply);
        return reply.send(donePage(address));
      }
      const answer: z.infer<typeof unsubscribed> = { unsubscribed: true, kind };
      return answer;
    },
  );
};
