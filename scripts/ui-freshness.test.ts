import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uiBuildIsStale } from './ui-freshness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A source tree and a build folder, with the build written at `builtAt` and a source at `srcAt`. */
function tree(builtAt: Date | null, srcAt: Date) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marquee-ui-'));
  dirs.push(root);
  const src = path.join(root, 'src', 'deep');
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, 'a.tsx'), 'x');
  utimesSync(path.join(src, 'a.tsx'), srcAt, srcAt);
  const dist = path.join(root, 'dist');
  if (builtAt !== null) {
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'index.html'), '<html>');
    utimesSync(path.join(dist, 'index.html'), builtAt, builtAt);
  }
  return { dist, src: path.join(root, 'src') };
}

describe('uiBuildIsStale', () => {
  const earlier = new Date(Date.UTC(2026, 0, 1));
  const later = new Date(Date.UTC(2026, 0, 2));
  it('is stale with no build, or a build older than a source file in any subfolder', () => {
    const none = tree(null, earlier);
    expect(uiBuildIsStale(none.dist, [none.src])).toBe(true);
    const old = tree(earlier, later);
    expect(uiBuildIsStale(old.dist, [old.src])).toBe(true);
  });
  it('is fresh when the build is newer than every source, and ignores missing source folders', () => {
    const fresh = tree(later, earlier);
    expect(uiBuildIsStale(fresh.dist, [fresh.src, path.join(fresh.src, 'none')])).toBe(false);
  });
});
