// Stations of one cinema asking for a snapshot together cost one read, not one each.
import { describe, expect, it } from 'vitest';
import { createSnapshotCache } from './snapshot-cache.js';
import type { SnapshotData } from './snapshot.js';

const data = (seq: number): SnapshotData => ({
  pos: { txId: String(seq), seq },
  messages: [Buffer.from(`{"seq":${String(seq)}}`)],
  bytes: 10,
});

describe('snapshot cache', () => {
  it('shares an in-flight or fresh read of a cinema, and reads each cinema on its own', async () => {
    const reads: string[] = [];
    const cache = createSnapshotCache(
      (cinemaId) => {
        reads.push(cinemaId);
        return Promise.resolve(data(reads.length));
      },
      { maxAgeMs: 60_000 },
    );
    const [a, b] = await Promise.all([cache.get('c1'), cache.get('c1')]);
    expect(a).toBe(b);
    expect(await cache.get('c1')).toBe(a);
    await cache.get('c2');
    expect(reads).toEqual(['c1', 'c2']);
    expect(cache.size()).toBe(2);
  });

  it('reads again once the reuse window has passed, and never keeps a failed read', async () => {
    let n = 0;
    const cache = createSnapshotCache(
      () => {
        n += 1;
        return n === 1 ? Promise.reject(new Error('db down')) : Promise.resolve(data(n));
      },
      { maxAgeMs: 20 },
    );
    await expect(cache.get('c1')).rejects.toThrow('db down');
    const second = await cache.get('c1');
    expect(second.pos.seq).toBe(2);
    await expect.poll(() => cache.size()).toBe(0);
    expect((await cache.get('c1')).pos.seq).toBe(3);
  });
});
