// Gzip for pre-serialized catalog bodies: each body is compressed once, the first time a client that
// accepts gzip asks for it, and reused for every later request (no compression per request). A
// 400-seat map shrinks from ~76 kB to ~14 kB. Level 1: a map is recompressed after every change a
// gzip reader sees, so speed (~0.4 ms) matters more than the last 10 % of size.
import { constants, gzipSync } from 'node:zlib';

const compressed = new WeakMap<Buffer, Buffer>();

/** The gzip of `body`, computed once per body buffer. */
export function gzipOnce(body: Buffer): Buffer {
  let z = compressed.get(body);
  if (z === undefined) {
    z = gzipSync(body, { level: constants.Z_BEST_SPEED });
    compressed.set(body, z);
  }
  return z;
}

/** Whether an Accept-Encoding header allows gzip (RFC 9110 §12.5.3: q=0 refuses; `*` stands for the rest). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let star: boolean | null = null;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') return allowed;
    if (coding === '*') star = allowed;
  }
  return star === true;
}
