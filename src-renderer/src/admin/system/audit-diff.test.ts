import { describe, expect, it } from 'vitest';
import { auditDiff, hasBeforeAfter } from './audit-diff.js';

describe('auditDiff', () => {
  it('lists only the fields that changed, nested ones by dotted path', () => {
    expect(
      auditDiff(
        { name: 'VAT', rateBp: 2000, prices: { STD: 1000, PRM: 1500 }, id: 'x' },
        { name: 'VAT', rateBp: 500, prices: { STD: 1000, PRM: 1700 }, id: 'x', note: 'new' },
      ),
    ).toEqual([
      { field: 'rateBp', kind: 'changed', before: '2000', after: '500' },
      { field: 'prices.PRM', kind: 'changed', before: '1500', after: '1700' },
      { field: 'note', kind: 'added', before: null, after: 'new' },
    ]);
  });

  it('shows a creation and a deletion field by field', () => {
    expect(auditDiff(null, { a: 1, b: [1, 2] })).toEqual([
      { field: 'a', kind: 'added', before: null, after: '1' },
      { field: 'b', kind: 'added', before: null, after: '[1,2]' },
    ]);
    expect(auditDiff({ a: null }, null)).toEqual([
      { field: 'a', kind: 'removed', before: 'null', after: null },
    ]);
  });

  it('knows rows that carry before/after from those that do not', () => {
    expect(hasBeforeAfter({ before: null, after: { a: 1 } })).toBe(true);
    expect(hasBeforeAfter({ seatIds: [] })).toBe(false);
    expect(hasBeforeAfter(null)).toBe(false);
  });
});
