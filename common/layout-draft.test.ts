import { describe, expect, it } from 'vitest';
import { layoutDraft, type LayoutCell, type LayoutDraft } from './api/admin-layouts.js';
import { draftCounts, draftOfStored, draftProblems, placeDraft } from './layout-draft.js';

const S = (
  category = 'STD',
  kind: 'standard' | 'wheelchair' | 'companion' = 'standard',
): LayoutCell => ({
  t: 'seat',
  category,
  kind,
  restricted: false,
});
const P: LayoutCell = { t: 'pillar' };
const _ = null;

const categories = [
  { code: 'STD', name: 'Standard', rank: 1, color: '#4F7CAC' },
  { code: 'PRM', name: 'Premium', rank: 2, color: '#D9A441' },
];

function draft(rows: LayoutCell[][], numbering: ('ltr' | 'rtl')[] = []): LayoutDraft {
  return layoutDraft.parse({
    name: 'Test',
    columns: rows[0]?.length ?? 1,
    categories,
    rows: rows.map((cells, i) => ({
      label: String.fromCharCode(65 + i),
      numbering: numbering[i] ?? 'ltr',
      cells,
    })),
  });
}

describe('placeDraft', () => {
  it('numbers seats along each row in its direction, skipping floor and pillars', () => {
    const d = draft(
      [
        [S(), S(), _, S(), P, S()],
        [S('PRM'), S('PRM'), _, S('PRM'), _, S('PRM')],
      ],
      ['ltr', 'rtl'],
    );
    const placed = placeDraft(d);
    expect(placed.seats.filter((s) => s.rowLabel === 'A').map((s) => [s.label, s.column])).toEqual([
      ['A1', 0],
      ['A2', 1],
      ['A3', 3],
      ['A4', 5],
    ]);
    expect(placed.seats.filter((s) => s.rowLabel === 'B').map((s) => [s.label, s.column])).toEqual([
      ['B1', 5],
      ['B2', 3],
      ['B3', 1],
      ['B4', 0],
    ]);
    expect(placed.blocks).toHaveLength(1);
    // Row A is nearer the screen (smaller y); x grows to the right.
    const a1 = placed.seats.find((s) => s.label === 'A1');
    const b1 = placed.seats.find((s) => s.label === 'B1');
    expect(a1 && b1 && a1.y < b1.y && a1.x < b1.x).toBe(true);
  });

  it('comes back from the stored seats as the same grid', () => {
    const d = draft(
      [
        [_, S(), S('STD', 'wheelchair'), S('STD', 'companion'), _, _],
        [S('PRM'), P, S('PRM'), S('PRM'), S('PRM'), _],
      ],
      ['rtl', 'ltr'],
    );
    const placed = placeDraft(d);
    const back = draftOfStored({
      name: d.name,
      width: placed.width,
      categories: d.categories,
      rows: placed.rows,
      seats: placed.seats,
      blocks: placed.blocks,
    });
    expect(back).toEqual(d);
  });
});

describe('draftProblems', () => {
  it('accepts a valid layout', () => {
    expect(draftProblems(draft([[S(), S('STD', 'wheelchair'), S('STD', 'companion')]]))).toEqual(
      {},
    );
  });

  it('wants a companion beside each wheelchair place, one each', () => {
    const lonely = draft([[S('STD', 'wheelchair'), _, S('STD', 'companion')]]);
    expect(draftProblems(lonely)).toEqual({
      '/rows/0/cells/0': 'is a wheelchair place without a companion seat beside it',
    });
    const shared = draft([[S('STD', 'wheelchair'), S('STD', 'companion'), S('STD', 'wheelchair')]]);
    expect(Object.keys(draftProblems(shared))).toEqual(['/rows/0/cells/2']);
  });

  it('names duplicate row labels, unknown categories, ragged rows and an empty layout', () => {
    const d = draft([
      [S(), S('VIP')],
      [S(), S()],
    ]);
    const twice: LayoutDraft = { ...d, rows: d.rows.map((r) => ({ ...r, label: 'A' })) };
    expect(draftProblems(twice)).toMatchObject({
      '/rows/1/label': 'is the label of another row',
      '/rows/0/cells/1': 'is in category VIP, which is not listed',
    });
    const ragged: LayoutDraft = { ...d, columns: 3 };
    expect(Object.keys(draftProblems(ragged))).toContain('/rows/0/cells');
    expect(draftProblems(draft([[_, P]]))).toEqual({
      '/rows': 'has no seats: a layout needs at least one',
    });
  });

  it('counts seats by sort', () => {
    const d = draft([
      [
        S(),
        S('STD', 'wheelchair'),
        S('STD', 'companion'),
        { ...S(), restricted: true } as LayoutCell,
      ],
    ]);
    expect(draftCounts(d)).toEqual({ seats: 4, wheelchair: 1, companion: 1, restricted: 1 });
  });
});
