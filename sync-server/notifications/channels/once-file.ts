// Writes one file per message id into a folder a person reads: named by UTC time then id, so the
// folder sorts by when it was sent, written atomically so a reader never sees half a file, and
// written once, so the worker retrying after a crash does not leave a second copy.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** File-name friendly UTC time, e.g. 2026-12-04T21-50-58.123Z (no colons: they break on Windows). */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replaceAll(':', '-');
}

/** Calls on the same id in one process queue behind each other, so the existence check holds. */
const pending = new Map<string, Promise<unknown>>();

/**
 * Writes `content` as `<UTC time>-<id><ext>` into `dir` (created when missing) unless a file for the
 * id is already there; returns the file name either way.
 */
export async function writeOnce(
  dir: string,
  id: string,
  ext: string,
  at: Date,
  content: () => Promise<Buffer | string>,
): Promise<string> {
  const key = `${path.resolve(dir)}\0${id}${ext}`;
  const before = pending.get(key) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(() => writeIfMissing(dir, id, ext, at, content));
  pending.set(key, run);
  try {
    return await run;
  } finally {
    if (pending.get(key) === run) pending.delete(key);
  }
}

async function writeIfMissing(
  dir: string,
  id: string,
  ext: string,
  at: Date,
  content: () => Promise<Buffer | string>,
): Promise<string> {
  // A marker per id (in a hidden folder) says which file it went to: one lookup, however many
  // files the folder holds, where listing the folder would slow every send as it fills.
  const marks = path.join(dir, '.sent');
  await mkdir(marks, { recursive: true });
  const mark = path.join(marks, `${id}${ext}`);
  const existing = await readFile(mark, 'utf8').catch(() => null);
  if (existing !== null && existing !== '') return existing;
  const suffix = `-${id}${ext}`;
  const name = `${fileTimestamp(at)}${suffix}`;
  // The dot keeps the half-written file out of the check above and out of a person's listing.
  const tmp = path.join(dir, `.${name}.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, await content(), { flag: 'wx' });
    await rename(tmp, path.join(dir, name));
    await writeFile(mark, name);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return name;
}
