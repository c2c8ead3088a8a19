// The code field forgives case, spaces and dashes, and shows the code in its usual groups of four.
import { describe, expect, it } from 'vitest';
import { tidyCode } from './Enroll.js';

describe('tidyCode', () => {
  it.each([
    ['7kq2m9xd4tpa', '7KQ2-M9XD-4TPA'],
    ['7KQ2 m9xd-4tpa', '7KQ2-M9XD-4TPA'],
    ['  7kq2--m9', '7KQ2-M9'],
    ['', ''],
  ])('%j → %j', (typed, shown) => {
    expect(tidyCode(typed)).toBe(shown);
  });
});
