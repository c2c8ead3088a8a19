// Child processes of the bench: forked TypeScript scripts (`node --import tsx`), tracked so that
// every one of them is ended when the bench ends, however it ends. Only our own children, by pid.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodType } from 'zod';

/** The repository root (processes run from it so `--import tsx` resolves). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** This folder. */
export const benchDir = path.dirname(fileURLToPath(import.meta.url));

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Forks a TypeScript file of this folder with an IPC channel; extra node flags go first. */
export function forkTs(
  script: string,
  args: string[] = [],
  opts: { nodeFlags?: string[]; env?: Record<string, string> } = {},
): ChildProcess {
  return track(
    fork(path.join(benchDir, script), args, {
      cwd: repoRoot,
      execArgv: [...(opts.nodeFlags ?? []), '--import', 'tsx'],
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    }),
  );
}

/** Spawns `node --import tsx <file>` from the repo root with output to `logFile`. */
export function spawnTs(
  file: string,
  env: Record<string, string>,
  logFile: string,
  nodeFlags: string[] = [],
): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    return track(
      spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', fd, fd],
      }),
    );
  } finally {
    closeSync(fd);
  }
}

/** Resolves when the child exits, or after `ms` (then it is killed). */
export function exited(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * Forks a script that sends exactly one message (its result) and exits; parses that message with
 * `schema`. Rejects when the child fails, exits without a result, or takes longer than `timeoutMs`.
 */
export async function runOnce<T>(
  script: string,
  args: string[],
  schema: ZodType<T>,
  timeoutMs: number,
  opts: { nodeFlags?: string[] } = {},
): Promise<T> {
  const child = forkTs(script, args, opts);
  const result = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} took longer than ${String(timeoutMs)} ms`));
    }, timeoutMs);
    child.once('message', (raw: unknown) => {
      clearTimeout(timer);
      const parsed = schema.safeParse(raw);
      if (parsed.success) resolve(parsed.data);
      else
        reject(
          new Error(`${script} sent a malformed result: ${parsed.error.message.slice(0, 400)}`),
        );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${String(code)} before sending a result`));
    });
  });
  await exited(child, 5000);
  return result;
}

/** Kills every child still running (SIGTERM, then SIGKILL after `graceMs`). */
export async function killChildren(graceMs = 3000): Promise<void> {
  const alive = [...children];
  for (const c of alive) c.kill('SIGTERM');
  await Promise.all(alive.map((c) => exited(c, graceMs)));
}
