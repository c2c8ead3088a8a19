// REST of the audit trail (issue 17 item 6): managers read their cinemas' rows, admins every row.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPage, auditQuery } from '../../common/api/admin-audit.js';
import { BoError } from '../../common/errors.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { queryAudit } from './audit-query.js';

/** GET /admin/audit. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/admin/audit',
    {
      // Scoped in the query itself: a manager's page holds only their cinemas' rows (and their own).
      config: { access: access.staff('manager') },
      schema: {
        tags: ['audit'],
        summary:
          'The audit trail, newest first, filtered by actor, action, entity, cinema and time',
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => {
      const p = request.principal;
      if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
      const admin = p.role === 'admin';
      const cinemaId = request.query.cinemaId;
      if (!admin && cinemaId !== undefined && !p.cinemaIds.includes(cinemaId))
        throw new BoError('BO_FORBIDDEN', 'That cinema is not one you work at.');
      return queryAudit(
        app.ctx.db.$client,
        { staffId: p.id, admin, cinemaIds: p.cinemaIds },
        request.query,
      );
    },
  );
};
