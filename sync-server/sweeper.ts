// Releases expired holds in the background; lazily-expired seats already look free to readers.
import type { FastifyInstance } from 'fastify';
import { pruneChangeLog } from './services/change-log.js';
import { sweepExpiredHolds } from './services/holds.js';
import { sweepBookings } from './bookings/sweep.js';
import { pruneIdempotencyKeys } from './idempotency/idempotency.js';
import { rollupReports } from './reports/rollup.js';
import { invalidateShowSeats } from './routes/catalog.js';
import { backupDeps } from './backups/routes.js';
import { runScheduledBackup } from './backups/schedule.js';

/** Runs `task` every `ms`, never two at once, logging (not throwing) its failures. */
function every(
  app: FastifyInstance,
  ms: number,
  what: string,
  task: () => Promise<void>,
): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((e: unknown) => {
        app.log.warn({ err: e }, `${what} failed; will retry`);
      })
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return timer;
}

/** Starts the hold sweeper, the change-log pruner and the backup schedule; returns their stop function. */
export function startSweeper(app: FastifyInstance): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sweepExpiredHolds(app.ctx.db.$client)
      .then((n) => {
        if (n > 0) app.ctx.feed.wake();
      })
      .catch((e: unknown) => {
        app.log.warn({ err: e }, 'hold sweep failed; will retry');
      })
      .finally(() => {
        running = false;
      });
  }, app.ctx.config.holdSweepMs);
  timer.unref();
  const bookings = every(app, app.ctx.config.holdSweepMs, 'booking sweep', async () => {
    // Webhooks a built-in provider owes first (a delayed confirmation), then the bookings.
    await app.ctx.payments.deliverDue();
    await sweepBookings({
      pool: app.ctx.db.$client,
      providers: app.ctx.payments.providers,
      signer: () => app.ctx.payments.signer(),
      now: () => app.ctx.identity.now(),
      paymentCheckSeconds: app.ctx.config.paymentCheckSeconds,
      seatsChanged: (showIds) => {
        for (const id of showIds) invalidateShowSeats(app, id);
        app.ctx.feed.wake();
      },
    });
  });
  // Reports read the deltas too, so this only keeps them few (issue 17).
  const reports = every(app, app.ctx.config.reportRollupMs, 'report rollup', async () => {
    await rollupReports(app.ctx.db.$client);
  });
  // The log keeps CHANGE_LOG_KEEP rows; older cursors are answered with a snapshot.
  const pruner = setInterval(() => {
    void pruneChangeLog(app.ctx.db.$client, app.ctx.config.changeLogKeep).catch((e: unknown) => {
      app.log.warn({ err: e }, 'change log prune failed; will retry');
    });
    void pruneIdempotencyKeys(app.ctx.db.$client, app.ctx.config.idempotencyKeepHours).catch(
      (e: unknown) => {
        app.log.warn({ err: e }, 'idempotency key prune failed; will retry');
      },
    );
  }, 60_000);
  pruner.unref();
  // Checked every minute; due once per BACKUP_EVERY_HOURS, and one process runs it (advisory lock).
  const backups = every(app, 60_000, 'scheduled backup', async () => {
    const started = await runScheduledBackup(backupDeps(app), app.ctx.config.backupEveryHours);
    const done = await started?.done;
    if (done?.status === 'failed') app.log.error({ backup: done }, 'scheduled backup failed');
  });
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(bookings);
      clearInterval(reports);
      clearInterval(pruner);
      clearInterval(backups);
    },
  };
}
