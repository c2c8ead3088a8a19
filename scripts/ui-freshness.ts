// Whether the station UI build is older than its sources, so `npm start` after a pull serves the
// UI of the code it runs rather than the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time of the files under `dir` (0 for a missing folder). */
function newestUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when the built UI in `rendererDir` is missing or older than any source it is built from. */
export function uiBuildIsStale(rendererDir: string, sourceDirs: string[]): boolean {
  const index = path.join(rendererDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return sourceDirs.some((dir) => newestUnder(dir) > built);
}
