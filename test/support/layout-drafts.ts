// Drawn layouts for tests: the acceptance room, 120 seats in two categories with a centre
// aisle, two wheelchair places with their companions, and a pillar.
import type { LayoutCell, LayoutDraft } from '../../common/api/admin-layouts.js';

const seat = (
  category: string,
  kind: 'standard' | 'wheelchair' | 'companion' = 'standard',
): LayoutCell => ({ t: 'seat', category, kind, restricted: false });

/**
 * 10 rows (A–K, no I) × 13 columns with column 6 the aisle: 12 seats a row, 120 in all. Rows A–H are
 * standard, J–K premium; row A has wheelchair places either side of the aisle with a companion seat
 * beside each; a pillar stands in the aisle at the back.
 */
export function acceptanceDraft(name = 'Main room'): LayoutDraft {
  const labels = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'];
  const rows = labels.map((label, r) => {
    const category = r >= 8 ? 'PRM' : 'STD';
    const cells: LayoutCell[] = Array.from({ length: 13 }, (_, c) =>
      c === 6 ? null : seat(category),
    );
    if (r === 0) {
      cells[4] = seat('STD', 'companion');
      cells[5] = seat('STD', 'wheelchair');
      cells[7] = seat('STD', 'wheelchair');
      cells[8] = seat('STD', 'companion');
    }
    if (r === labels.length - 1) cells[6] = { t: 'pillar' };
    return { label, numbering: 'ltr' as const, cells };
  });
  return {
    name,
    columns: 13,
    categories: [
      { code: 'STD', name: 'Standard', rank: 1, color: '#4F7CAC' },
      { code: 'PRM', name: 'Premium', rank: 2, color: '#D9A441' },
    ],
    rows,
  };
}
