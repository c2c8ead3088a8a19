// Releases expired holds in the background; lazily-expired seats already look free to readers.
import type { FastifyInstance } from 'fastify';
import { pruneChangeLog } from './services/change-log.js';
import { sweepExpiredHolds } from './services/holds.js';

/** Starts the hold sweeper and the change-log pruner; returns their stop function. */
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
  // The log keeps CHANGE_LOG_KEEP rows; older cursors are answered with a snapshot.
  const pruner = setInterval(() => {
    void pruneChangeLog(app.ctx.db.$client, app.ctx.config.changeLogKeep).catch((e: unknown) => {
      app.log.warn({ err: e }, 'change log prune failed; will retry');
    });
  }, 60_000);
  pruner.unref();
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(pruner);
    },
  };
}
