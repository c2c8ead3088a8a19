// Emails rendered on worker threads (DESIGN §9): a confirmation's PDF costs tens of milliseconds of
// CPU, and on the event loop a rush of them would stall every request of the server. Each thread
// loads the TypeScript sources through tsx itself, so it runs the same however the server was
// started (tsx, node --import tsx, vitest).
import { Worker } from 'node:worker_threads';
import type { EmailContent, MessageContent } from '../types.js';
import type { RenderAnswer, RenderJob } from './render-thread.js';

/** Renders emails on threads. */
export type RenderPool = {
  email(content: MessageContent): Promise<EmailContent>;
  close(): Promise<void>;
};

type Pending = { resolve(v: EmailContent): void; reject(e: Error): void };
type Thread = { worker: Worker; pending: Map<number, Pending> };

const ENTRY = new URL('./render-thread.ts', import.meta.url).href;
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); })`;

/** A rendering failure as the thread reported it (its BO_ code kept). */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

// Buffers cross a thread as plain Uint8Arrays.
const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** A pool of `size` threads, started on first use; a thread that dies is replaced. */
export function createRenderPool(size: number): RenderPool {
  const threads: (Thread | null)[] = Array.from({ length: Math.max(1, size) }, () => null);
  let nextId = 1;
  let closed = false;

  const start = (slot: number): Thread => {
    const worker = new Worker(BOOT, { eval: true });
    const t: Thread = { worker, pending: new Map() };
    const fail = (e: Error) => {
      if (threads[slot] === t) threads[slot] = null;
      for (const p of t.pending.values()) p.reject(e);
      t.pending.clear();
    };
    worker.on('message', (a: RenderAnswer) => {
      const p = t.pending.get(a.id);
      if (!p) return;
      t.pending.delete(a.id);
      if (t.pending.size === 0) worker.unref();
      if (a.ok)
        p.resolve({
          ...a.value,
          attachments: a.value.attachments.map((x) => ({ ...x, content: asBuffer(x.content) })),
        });
      else p.reject(new RenderError(a.message, a.code));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`render thread stopped (exit ${String(code)})`));
    });
    // An idle pool never keeps the process alive; one with work in hand does (see email()).
    worker.unref();
    threads[slot] = t;
    return t;
  };

  // The thread with the fewest jobs in hand (started if its slot is empty).
  const pick = (): Thread => {
    let best: { t: Thread | null; slot: number; load: number } = {
      t: null,
      slot: 0,
      load: Infinity,
    };
    threads.forEach((t, slot) => {
      const load = t?.pending.size ?? 0;
      if (load < best.load) best = { t, slot, load };
    });
    return best.t ?? start(best.slot);
  };

  return {
    email(content) {
      if (closed) return Promise.reject(new Error('the render pool is closed'));
      const t = pick();
      const id = nextId++;
      return new Promise<EmailContent>((resolve, reject) => {
        t.pending.set(id, { resolve, reject });
        t.worker.ref();
        t.worker.postMessage({ id, content } satisfies RenderJob);
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        threads.map(async (t, slot) => {
          threads[slot] = null;
          await t?.worker.terminate();
        }),
      );
    },
  };
}
