import { describe, expect, it } from 'vitest';
import { coalesce } from './catalog-coalesce.js';

/** A load whose calls are counted and released by hand. */
function manualLoad() {
  const calls: { key: string; release: (v: string) => void; fail: (e: Error) => void }[] = [];
  const load = (key: string): Promise<string> =>
    new Promise((resolve, reject) => {
      calls.push({ key, release: resolve, fail: reject });
    });
  return { calls, load };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('coalesce', () => {
  it('starts at once when nothing runs, and callers that arrive meanwhile share the next load', async () => {
    const { calls, load } = manualLoad();
    const get = coalesce(load);
    const first = get('a');
    const late = [get('a'), get('a'), get('a')];
    expect(calls).toHaveLength(1);
    calls[0]?.release('v1');
    expect(await first).toBe('v1');
    await tick();
    // The late callers never get v1: it was read before they asked.
    expect(calls).toHaveLength(2);
    calls[1]?.release('v2');
    expect(await Promise.all(late)).toEqual(['v2', 'v2', 'v2']);
  });

  it('keeps keys apart and starts afresh once idle', async () => {
    const { calls, load } = manualLoad();
    const get = coalesce(load);
    const a = get('a');
    const b = get('b');
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    calls[0]?.release('A');
    calls[1]?.release('B');
    expect([await a, await b]).toEqual(['A', 'B']);
    const again = get('a');
    expect(calls).toHaveLength(3);
    calls[2]?.release('A2');
    expect(await again).toBe('A2');
  });

  it('hands a failure to the callers of that load only, and the waiting callers still get a fresh load', async () => {
    const { calls, load } = manualLoad();
    const get = coalesce(load);
    const first = get('a');
    const late = get('a');
    calls[0]?.fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await tick();
    calls[1]?.release('ok');
    expect(await late).toBe('ok');
  });
});
