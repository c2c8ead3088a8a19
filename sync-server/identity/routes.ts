// REST for sign-in and the customer's own account: /auth/* and /me (DESIGN §10).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  customerProfile,
  loginBody,
  passwordChange,
  profilePatch,
  refreshBody,
  signupBody,
  staffSignIn,
  tokenPair,
} from '../../common/api/identity.js';
import { BoError } from '../../common/errors.js';
import { errorResponses } from '../routes/schemas.js';
import { access } from './access.js';
import {
  changePassword,
  customerExists,
  getProfile,
  logIn,
  signUp,
  updateProfile,
} from './customers.js';
import { normaliseEmail } from '../../db/password-hash.js';
import type { Principal } from './principal.js';
import { openSession, refreshSession, revokeSession, revokeSessionsOf } from './sessions.js';
import { activeStaff, staffLogIn } from './staff-accounts.js';

const tags = ['identity'];
const signedInCustomer = z.object({ customer: customerProfile, tokens: tokenPair });

/** POST /auth/signup, /auth/login, /auth/refresh, /auth/logout, /auth/staff/login; GET/PATCH /me; POST /me/password. */
export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const id = () => app.ctx.identity;

  app.post(
    '/auth/signup',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Create a customer account and sign in',
        body: signupBody,
        response: { 201: signedInCustomer, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      await id().guard(request, reply, 'signup');
      const customer = await signUp(pool, request.body);
      const tokens = await openSession(
        pool,
        { kind: 'customer', sub: customer.id },
        await id().settings('customer'),
        id().now(),
      );
      return reply.status(201).send({ customer, tokens });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Sign in as a customer with email and password',
        body: loginBody,
        response: { 200: signedInCustomer, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await id().guard(request, reply, 'login', normaliseEmail(request.body.email));
      const customer = await logIn(pool, request.body.email, request.body.password);
      const tokens = await openSession(
        pool,
        { kind: 'customer', sub: customer.id },
        await id().settings('customer'),
        id().now(),
      );
      return { customer, tokens };
    },
  );

  app.post(
    '/auth/staff/login',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Sign in as a staff member with email and password (admin view)',
        body: loginBody,
        response: { 200: staffSignIn, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await id().guard(request, reply, 'staff-login', normaliseEmail(request.body.email));
      const staff = await staffLogIn(pool, request.body.email, request.body.password);
      const tokens = await openSession(
        pool,
        { kind: 'staff', sub: staff.id, role: staff.role, cinemas: staff.cinemaIds, station: null },
        await id().settings('staff'),
        id().now(),
      );
      return { staff, tokens };
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: access.public('the refresh token is the credential') },
      schema: {
        tags,
        summary: 'Exchange a refresh token for new tokens (the old one is spent)',
        description:
          'Refresh tokens rotate: each is good for one use. Presenting a spent one revokes the whole sign-in.',
        body: refreshBody,
        response: { 200: tokenPair, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await id().guard(request, reply, 'refresh');
      return refreshSession(
        pool,
        request.body.refreshToken,
        async (s) => {
          if (s.subjectKind === 'customer')
            return (await customerExists(pool, s.subjectId))
              ? { kind: 'customer', sub: s.subjectId }
              : null;
          const staff = await activeStaff(pool, s.subjectId);
          return staff
            ? {
                kind: 'staff',
                sub: staff.id,
                role: staff.role,
                cinemas: staff.cinemaIds,
                station: s.stationId,
              }
            : null;
        },
        (kind) => id().settings(kind),
        id().now(),
      );
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Sign out: this sign-in’s access and refresh tokens stop working',
        response: { 204: z.null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (p.kind === 'customer' || p.kind === 'staff')
        await revokeSession(pool, p.sessionId, 'logout', id().now());
      return reply.status(204).send(null);
    },
  );

  const customerId = (p: Principal): string => {
    if (p.kind !== 'customer') throw new BoError('BO_FORBIDDEN', 'Only customers have a profile.');
    return p.id;
  };

  app.get(
    '/me',
    {
      config: { access: access.customer('their own profile') },
      schema: {
        tags,
        summary: 'Your profile and preferences',
        response: { 200: customerProfile, ...errorResponses(401, 403) },
      },
    },
    async (request) => getProfile(pool, customerId(request.principal)),
  );

  app.patch(
    '/me',
    {
      config: { access: access.customer('their own profile') },
      schema: {
        tags,
        summary: 'Change your name, phone, home city, language or marketing choice',
        body: profilePatch,
        response: { 200: customerProfile, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => updateProfile(pool, customerId(request.principal), request.body),
  );

  app.post(
    '/me/password',
    {
      config: { access: access.customer('their own password') },
      schema: {
        tags,
        summary: 'Change your password; your other sign-ins end',
        body: passwordChange,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const who = customerId(request.principal);
      await id().guard(request, reply, 'password', who);
      await changePassword(pool, who, request.body.currentPassword, request.body.newPassword);
      const p = request.principal;
      await revokeSessionsOf(
        pool,
        { kind: 'customer', id: who },
        'password-changed',
        id().now(),
        p.kind === 'customer' ? p.sessionId : null,
      );
      return reply.status(204).send(null);
    },
  );
};
