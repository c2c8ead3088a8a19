// A small seeded PRNG for the demo data: same seed, same data, on every machine (never Math.random).
import { mulberry32 } from '../../common/seeded-random.js';

/** A deterministic random source with helpers for picking, weighting and making ids. */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** A UUID shaped like v4 (version and variant bits set), from this stream. */
  uuid(): string;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
  /** An independent stream named `label`, so adding data in one area never shifts ids in another. */
  fork(label: string): Rng;
};

/** 32-bit FNV-1a of a string, used to derive sub-stream seeds from labels. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Creates a mulberry32 stream: tiny, fast and good enough for demo data (not for secrets of real systems). */
export function createRng(seed: number): Rng {
  const u32 = mulberry32(seed);
  const next = (): number => u32() / 4294967296;
  const hex = (bytes: number): string => {
    let out = '';
    for (let i = 0; i < bytes; i++) out += (u32() & 0xff).toString(16).padStart(2, '0');
    return out;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      const weights = items.map(weight);
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        const item = items[i];
        if (r < 0 && item !== undefined) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error('weighted pick from an empty list');
      return last;
    },
    uuid: () => {
      const h = hex(16).split('');
      h[12] = '4';
      // The variant nibble must be 8, 9, a or b (RFC 4122 "10xx").
      h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    hex,
    fork: (label) => createRng(fnv1a(label, seed ^ 0x811c9dc5)),
  };
}
