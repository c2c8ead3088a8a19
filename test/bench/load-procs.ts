// The pool of load-generator processes (worker/load-worker.ts), started once and given jobs over
// IPC, so each case does not pay tsx's start-up again.
import type { ChildProcess } from 'node:child_process';
import { workerMsg, type Job, type LoadResult, type ParentMsg } from './ipc.js';
import { exited, forkTs } from './procs.js';

/** One load process. */
export type LoadProc = {
  pid: number;
  run(job: Job, timeoutMs: number): Promise<LoadResult>;
  stop(): Promise<void>;
};

function wrap(child: ChildProcess): Promise<LoadProc> {
  let nextId = 1;
  const waiting = new Map<
    number,
    { resolve: (r: LoadResult) => void; reject: (e: Error) => void }
  >();
  return new Promise((resolveReady, rejectReady) => {
    const readyTimer = setTimeout(() => {
      rejectReady(new Error('load process did not start within 30 s'));
    }, 30_000);
    child.on('message', (raw: unknown) => {
      const parsed = workerMsg.safeParse(raw);
      if (!parsed.success) {
        process.stderr.write(
          `bench: malformed message from a load process: ${parsed.error.message.slice(0, 300)}\n`,
        );
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'ready') {
        clearTimeout(readyTimer);
        resolveReady(proc);
        return;
      }
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.type === 'result') w?.resolve(msg.result);
      else w?.reject(new Error(msg.message));
    });
    child.once('exit', (code) => {
      clearTimeout(readyTimer);
      rejectReady(new Error(`load process exited (${String(code)}) before it was ready`));
      for (const w of waiting.values())
        w.reject(new Error(`load process exited with code ${String(code)}`));
      waiting.clear();
    });
    const proc: LoadProc = {
      pid: child.pid ?? 0,
      run(job, timeoutMs) {
        const id = nextId++;
        return new Promise<LoadResult>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiting.delete(id);
            reject(new Error(`load job ${job.kind} took longer than ${String(timeoutMs)} ms`));
          }, timeoutMs);
          waiting.set(id, {
            resolve: (r) => {
              clearTimeout(timer);
              resolve(r);
            },
            reject: (e) => {
              clearTimeout(timer);
              reject(e);
            },
          });
          const msg: ParentMsg = { type: 'job', id, job };
          child.send(msg);
        });
      },
      async stop() {
        if (child.connected) child.send({ type: 'exit' } satisfies ParentMsg);
        await exited(child, 3000);
      },
    };
  });
}

/** Starts `n` load processes and waits until each is ready. */
export function startLoadProcs(n: number): Promise<LoadProc[]> {
  return Promise.all(Array.from({ length: n }, () => wrap(forkTs('worker/load-worker.ts'))));
}

/**
 * Merges results: counts add, latencies concatenate. Side by side (one job split over processes)
 * the window is the longest one; one after another (rounds) the windows add up.
 */
export function mergeResults(
  results: LoadResult[],
  how: 'parallel' | 'sequential' = 'parallel',
): LoadResult {
  const counts: Record<string, number> = {};
  const latencies: Record<string, number[]> = {};
  for (const r of results) {
    for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + v;
    // concat, not push(...v): a spread of 100k+ samples overflows the call stack.
    for (const [k, v] of Object.entries(r.latencies)) latencies[k] = (latencies[k] ?? []).concat(v);
  }
  return {
    measuredMs:
      how === 'parallel'
        ? Math.max(1, ...results.map((r) => r.measuredMs))
        : results.reduce((a, r) => a + r.measuredMs, 0),
    counts,
    latencies,
    errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 10),
    records: results.flatMap((r) => r.records ?? []),
  };
}
