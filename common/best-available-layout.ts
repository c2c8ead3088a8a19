// Layout preparation for best-available: rows from the screen backwards, seats left to right, aisles
// found from the seat pitch. Done once per layout so each pick is a single pass over flat arrays.
import type { LayoutSeat } from './seat-map.js';

/** The seat fields best-available reads. */
export type BestAvailableSeat = Pick<
  LayoutSeat,
  'id' | 'rowLabel' | 'rowOrder' | 'number' | 'x' | 'y' | 'categoryId' | 'kind'
>;

/** A layout prepared once for many picks: seats flattened by row, aisle block and x. */
export type PreparedLayout = {
  readonly ids: readonly string[];
  readonly categoryIds: readonly string[];
  readonly kinds: Uint8Array;
  readonly xs: Float64Array;
  /** Aisle-free blocks as [start, end) into the seat arrays, with their row's index from the screen. */
  readonly blocks: readonly { start: number; end: number; row: number }[];
  readonly rowCount: number;
  readonly pitch: number;
  readonly centreX: number;
};

// Beyond this distance between neighbours there is an aisle (or a missing seat) between them.
const AISLE_FACTOR = 1.5;

/** Numeric seat kinds, so the hot loop compares small integers. */
export const KIND_CODE = { standard: 0, wheelchair: 1, companion: 2 } as const;

const cache = new WeakMap<readonly BestAvailableSeat[], PreparedLayout>();

/** Prepares a layout's seats for repeated best-available picks. */
export function prepareLayout(seats: readonly BestAvailableSeat[]): PreparedLayout {
  const rowsByOrder = new Map<number, BestAvailableSeat[]>();
  for (const s of seats) {
    const row = rowsByOrder.get(s.rowOrder);
    if (row) row.push(s);
    else rowsByOrder.set(s.rowOrder, [s]);
  }
  const rows = [...rowsByOrder.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  for (const r of rows) r.sort((a, b) => a.x - b.x || a.number - b.number);

  const gaps: number[] = [];
  for (const r of rows) for (let i = 1; i < r.length; i++) gaps.push(at(r, i).x - at(r, i - 1).x);
  const positive = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  // The median gap is the seat pitch; aisles are rare enough not to move it.
  const pitch = positive.length > 0 ? at(positive, positive.length >> 1) : 0;

  const ids: string[] = [];
  const categoryIds: string[] = [];
  const kinds = new Uint8Array(seats.length);
  const xs = new Float64Array(seats.length);
  const blocks: { start: number; end: number; row: number }[] = [];
  // Rows with no x spread at all were sorted by number above, which is all there is to go on.
  rows.forEach((r, rowIndex) => {
    let start = ids.length;
    r.forEach((s, i) => {
      // Without x coordinates, a jump in seat numbers is the only sign of an aisle.
      const aisle =
        i > 0 &&
        (pitch > 0
          ? s.x - at(r, i - 1).x > AISLE_FACTOR * pitch
          : s.number - at(r, i - 1).number > 1);
      if (aisle) {
        blocks.push({ start, end: ids.length, row: rowIndex });
        start = ids.length;
      }
      kinds[ids.length] = KIND_CODE[s.kind];
      xs[ids.length] = pitch > 0 ? s.x : s.number;
      ids.push(s.id);
      categoryIds.push(s.categoryId);
    });
    blocks.push({ start, end: ids.length, row: rowIndex });
  });
  // The screen's centre line: halfway between the leftmost and rightmost seat of the whole hall.
  const centreX = xs.length > 0 ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0;
  return { ids, categoryIds, kinds, xs, blocks, rowCount: rows.length, pitch: pitch || 1, centreX };
}

/** The prepared form of a seat list, prepared once per array identity. */
export function cachedLayout(seats: readonly BestAvailableSeat[]): PreparedLayout {
  let prepared = cache.get(seats);
  if (!prepared) {
    prepared = prepareLayout(seats);
    cache.set(seats, prepared);
  }
  return prepared;
}

function at<T>(xs: readonly T[], i: number): T {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`best-available: index ${i} out of range`);
  return v;
}
