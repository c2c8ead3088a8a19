// Sync server processes for the bench: `node --import tsx sync-server/server.ts`, each on its own
// port of 127.0.0.1, all on the bench's PostgreSQL, logs to a file in the bench's temp folder.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../db/pg/embedded.js';
import { exited, spawnTs } from './procs.js';

/** Running servers: their base URLs and how to stop them. */
export type BenchServers = { urls: string[]; pids: number[]; stop(): Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthy(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null)
      throw new Error(`sync server exited with ${String(child.exitCode)}:\n${tail(logFile)}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(
    `sync server at ${url} not healthy within ${String(timeoutMs)} ms:\n${tail(logFile)}`,
  );
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts `n` server processes on `dbUrl`. `nodeFlags` go to node (e.g. --cpu-prof); `env` adds
 * server config (e.g. PG_POOL_SIZE).
 */
export async function startServers(
  n: number,
  dbUrl: string,
  logDir: string,
  opts: { nodeFlags?: string[]; env?: Record<string, string> } = {},
): Promise<BenchServers> {
  const procs: ChildProcess[] = [];
  const urls: string[] = [];
  const started = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const port = await freePort();
      const logFile = path.join(logDir, `server-${String(i)}.log`);
      const child = spawnTs(
        'sync-server/server.ts',
        {
          DATABASE_URL: dbUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          ...opts.env,
        },
        logFile,
        opts.nodeFlags,
      );
      procs.push(child);
      const url = `http://127.0.0.1:${String(port)}`;
      await healthy(url, child, logFile, 60_000);
      return url;
    }),
  );
  urls.push(...started);
  return {
    urls,
    pids: procs.map((p) => p.pid ?? 0),
    async stop() {
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map((p) => exited(p, 10_000)));
    },
  };
}
