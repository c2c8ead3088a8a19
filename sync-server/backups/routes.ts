// REST for backups and restores of the central database (issue 17): chain admins only, since a
// backup holds every cinema's data and a restore creates databases on the server.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { backupList, backupView, restoreInput } from '../../common/api/admin-backups.js';
import { BoError } from '../../common/errors.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import { getBackup, listBackups, startBackup, startRestore, type BackupDeps } from './backups.js';

const tags = ['backups'];

/** The backup service's dependencies from the app's config, database and clock. */
export function backupDeps(app: FastifyInstance): BackupDeps {
  const pool = app.ctx.db.$client;
  return {
    pool,
    url: pool.options.connectionString ?? app.ctx.config.databaseUrl,
    dir: path.resolve(app.ctx.config.backupDir),
    keep: app.ctx.config.backupKeep,
    pgDump: app.ctx.config.pgDumpPath,
    now: () => app.ctx.identity.now(),
  };
}

/** GET/POST /admin/backups, GET /admin/backups/{id}(/download), POST /admin/backups/{id}/restore. */
export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const admin = { access: access.staff('admin') };
  const params = z.object({ backupId: z.uuid() });
  // The job outlives the request: its end is in the backups table and the log, not the answer.
  const watch = (done: Promise<unknown>) => {
    done.catch((e: unknown) => {
      app.log.error({ err: e }, 'backup bookkeeping failed');
    });
  };

  app.get(
    '/admin/backups',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Backups and restores of the central database, newest first',
        response: { 200: backupList, ...errorResponses(401, 403) },
      },
    },
    async () => ({ items: await listBackups(backupDeps(app)) }),
  );
  app.post(
    '/admin/backups',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Start a backup now (answers at once; poll the backup for its end)',
        response: { 202: backupView, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const started = await startBackup(backupDeps(app), staffActor(request.principal), {
        scheduled: false,
      });
      // Only the schedule's calls answer null; a request either starts or throws BO_BACKUP_BUSY.
      if (!started) throw new Error('backup did not start');
      watch(started.done);
      return reply.status(202).send(started.row);
    },
  );
  app.get(
    '/admin/backups/:backupId',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One backup or restore',
        params,
        response: { 200: backupView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => getBackup(backupDeps(app), request.params.backupId),
  );
  app.get(
    '/admin/backups/:backupId/download',
    {
      config: admin,
      schema: {
        tags,
        summary: 'A backup’s file, to keep a copy away from the server',
        description:
          'The SHA-256 of the file is in the X-Checksum-Sha256 header and the backup list.',
        params,
      },
    },
    async (request, reply) => {
      const deps = backupDeps(app);
      const b = await getBackup(deps, request.params.backupId);
      if (!b.available || b.fileName === null)
        throw new BoError('BO_NOT_FOUND', 'That backup has no file to download (any more).');
      const file = path.join(deps.dir, path.basename(b.fileName));
      return reply
        .type(b.method === 'pg_dump' ? 'application/octet-stream' : 'application/gzip')
        .header('content-disposition', `attachment; filename="${path.basename(b.fileName)}"`)
        .header('x-checksum-sha256', b.sha256 ?? '')
        .header('content-length', String((await stat(file)).size))
        .send(createReadStream(file));
    },
  );
  app.post(
    '/admin/backups/:backupId/restore',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Restore a backup into a new database (the running one is never touched); a damaged or foreign file is refused with 422',
        params,
        body: restoreInput,
        response: { 202: backupView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const started = await startRestore(
        backupDeps(app),
        staffActor(request.principal),
        request.params.backupId,
        request.body.targetDatabase,
      );
      watch(started.done);
      return reply.status(202).send(started.row);
    },
  );
};
