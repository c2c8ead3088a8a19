// Password reset: ask by email (JSON), then set the new password with the emailed token, by JSON
// (a shop's own page) or on the server's small form at /account/reset-password.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordResetConfirm, passwordResetRequest } from '../../common/api/identity.js';
import { BoError } from '../../common/errors.js';
import { normaliseEmail } from '../../db/password-hash.js';
import { errorResponses } from '../routes/schemas.js';
import { access } from './access.js';
import { requestPasswordReset, resetPassword } from './password-reset.js';
import { acceptForms, sendsPage } from '../pages/page.js';
import { resetDone, resetForm } from './reset-page.js';

const tags = ['identity'];
const TOKEN_HOLDER = 'the reset token is the credential';
const formBody = z.object({
  token: z.string().max(100),
  password: z.string().max(1000),
  confirm: z.string().max(1000),
});

/** POST /auth/password-reset, /auth/password-reset/confirm (under /api/v1). */
export const passwordResetRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const id = () => app.ctx.identity;

  app.post(
    '/auth/password-reset',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary:
          'Email a password-reset link (the answer is the same whether or not the account exists)',
        body: passwordResetRequest,
        response: { 202: z.object({}), ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      await id().guard(request, reply, 'password-reset', email);
      await requestPasswordReset(pool, email, id().now(), app.ctx.config.passwordResetMinutes);
      return reply.status(202).send({});
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: access.public(TOKEN_HOLDER) },
      schema: {
        tags,
        summary: 'Set a new password with the emailed token; every sign-in of the account ends',
        body: passwordResetConfirm,
        response: { 204: z.null(), ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await id().guard(request, reply, 'password-reset-confirm');
      await resetPassword(pool, request.body.token, request.body.newPassword, id().now());
      return reply.status(204).send(null);
    },
  );
};

/** GET/POST /account/reset-password: the form a reset email links to. */
export const passwordResetPageRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  acceptForms(app, 4096);
  const html = sendsPage;

  app.get(
    '/account/reset-password',
    {
      config: { access: access.public(TOKEN_HOLDER) },
      helmet: { contentSecurityPolicy: false },
      schema: {
        tags,
        summary: 'The password-reset form (HTML) a reset email links to',
        querystring: z.object({ token: z.string().max(100).default('') }),
      },
    },
    async (request, reply) => {
      html(reply);
      return reply.send(resetForm(request.query.token, null));
    },
  );

  app.post(
    '/account/reset-password',
    {
      config: { access: access.public(TOKEN_HOLDER) },
      helmet: { contentSecurityPolicy: false },
      schema: { tags, summary: 'Submit the password-reset form (HTML)', body: formBody },
    },
    async (request, reply) => {
      await app.ctx.identity.guard(request, reply, 'password-reset-confirm');
      html(reply);
      const { token, password, confirm } = request.body;
      if (password !== confirm)
        return reply.status(400).send(resetForm(token, 'The two passwords differ.'));
      const parsed = passwordResetConfirm.safeParse({ token, newPassword: password });
      if (!parsed.success)
        return reply.status(400).send(resetDone(false, 'This link is not a password-reset link.'));
      try {
        await resetPassword(pool, token, password, app.ctx.identity.now());
      } catch (e) {
        if (!(e instanceof BoError)) throw e;
        if (e.code === 'BO_WEAK_PASSWORD')
          return reply.status(400).send(resetForm(token, e.message));
        return reply.status(400).send(resetDone(false, e.message));
      }
      return reply.send(
        resetDone(
          true,
          'Your password is changed. Sign in with it; you were signed out everywhere else.',
        ),
      );
    },
  );
};
