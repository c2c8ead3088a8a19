// REST for reports (issue 17, DESIGN §15): see common/api/reports.ts. Managers read the cinemas they
// work at, chain admins every cinema; a period is at most a year, and one currency.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  distributorQuery,
  distributorReport,
  leaderboardQuery,
  leaderboardReport,
  occupancyQuery,
  occupancyReport,
  reportPeriod,
  revenueQuery,
  revenueReport,
  summaryReport,
  tillsQuery,
  tillsReport,
} from '../../common/api/reports.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { leaderboard, occupancyBy } from './occupancy.js';
import { distributor, summary, tills } from './read.js';
import { reportScope } from './scope.js';
import { takingsBy, takingsTotal } from './takings.js';

const tags = ['reports'];
const errors = errorResponses(400, 401, 403, 404, 409);

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  // The cinema is in the query, so the scope is resolved (and refused) by reportScope.
  const managers = { access: access.staff('manager') };

  app.get(
    '/admin/reports/summary',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Takings, admissions, occupancy and spend per head, against the period before',
        querystring: reportPeriod,
        response: { 200: summaryReport, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await reportScope(pool, request.principal, q.cinemaId);
      return summary(pool, s.cinemaIds, s.currency, q.from, q.to);
    },
  );

  app.get(
    '/admin/reports/revenue',
    {
      config: managers,
      schema: {
        tags,
        summary:
          'Takings and admissions by day, week, month, cinema, film, format, category, ticket type or channel',
        querystring: revenueQuery,
        response: { 200: revenueReport, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await reportScope(pool, request.principal, q.cinemaId);
      const [rows, total] = await Promise.all([
        takingsBy(pool, s.cinemaIds, q.from, q.to, q.by),
        takingsTotal(pool, s.cinemaIds, q.from, q.to),
      ]);
      return { from: q.from, to: q.to, by: q.by, currency: s.currency, rows, total };
    },
  );

  app.get(
    '/admin/reports/occupancy',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Seats filled per show, film or screen, for shows on the period’s cinema days',
        querystring: occupancyQuery,
        response: { 200: occupancyReport, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await reportScope(pool, request.principal, q.cinemaId);
      const rows = await occupancyBy(pool, s.cinemaIds, q.from, q.to, q.by);
      return { from: q.from, to: q.to, by: q.by, rows };
    },
  );

  app.get(
    '/admin/reports/leaderboard',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Top films: 40 % takings, 30 % occupancy, 30 % admissions; by genre',
        querystring: leaderboardQuery,
        response: { 200: leaderboardReport, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await reportScope(pool, request.principal, q.cinemaId);
      const board = await leaderboard(pool, s.cinemaIds, q.from, q.to, {
        genre: q.genre,
        limit: q.limit,
      });
      return { from: q.from, to: q.to, currency: s.currency, ...board };
    },
  );

  app.get(
    '/admin/reports/distributor',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Per film and week: admissions, gross, tax and net, for the distributor',
        querystring: distributorQuery,
        response: { 200: distributorReport, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await reportScope(pool, request.principal, q.cinemaId);
      const rows = await distributor(pool, s.cinemaIds, q.from, q.to, q.filmId);
      return { from: q.from, to: q.to, currency: s.currency, rows };
    },
  );

  app.get(
    '/admin/reports/tills',
    {
      config: managers,
      schema: {
        tags,
        summary: 'The tills stations uploaded: who, when, Z-report net, drops and variance',
        querystring: tillsQuery,
        response: { 200: tillsReport, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await reportScope(pool, request.principal, q.cinemaId);
      return tills(pool, s.cinemaIds, q.from, q.to);
    },
  );
};
