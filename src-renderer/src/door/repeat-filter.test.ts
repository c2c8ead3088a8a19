import { describe, expect, it } from 'vitest';
import { createRepeatFilter } from './repeat-filter.js';

describe('camera repeat filter', () => {
  it('passes a code once while it stays in view, and again after it was away', () => {
    let t = 1_000;
    const f = createRepeatFilter(2000, () => t);
    expect(f.fresh('A')).toBe(true);
    // Held in front of the camera: read every 200 ms for 5 s, never passed on again.
    for (let i = 0; i < 25; i++) {
      t += 200;
      expect(f.fresh('A')).toBe(false);
    }
    // Another ticket meanwhile is its own scan.
    expect(f.fresh('B')).toBe(true);
    t += 2000;
    expect(f.fresh('A')).toBe(true);
    expect(f.fresh('B')).toBe(true);
  });
});
