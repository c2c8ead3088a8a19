// Releases expired holds in the background; lazily-expired seats already look free to readers.
import type { FastifyInstance } from 'fastify';
import { sweepExpiredHolds } from './services/holds.js';

/** Starts the hold sweeper; returns its stop function. */
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
  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}
