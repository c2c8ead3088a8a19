// The body of a render thread (render-pool.ts): renders emails off the server's event loop, so a
// rush of confirmations (PDF tickets) never delays the requests of people buying.
import { parentPort } from 'node:worker_threads';
import type { MessageContent } from '../types.js';
import { renderEmail } from './email.js';

/** One job and its answer, as they cross between the pool and a thread. */
export type RenderJob = { id: number; content: MessageContent };
export type RenderAnswer =
  | { id: number; ok: true; value: Awaited<ReturnType<typeof renderEmail>> }
  | { id: number; ok: false; message: string; code: string | null };

parentPort?.on('message', (job: RenderJob) => {
  renderEmail(job.content).then(
    (value) => {
      parentPort?.postMessage({ id: job.id, ok: true, value } satisfies RenderAnswer);
    },
    (e: unknown) => {
      const code =
        typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
          ? e.code
          : null;
      const message = e instanceof Error ? e.message : String(e);
      parentPort?.postMessage({ id: job.id, ok: false, message, code } satisfies RenderAnswer);
    },
  );
});
