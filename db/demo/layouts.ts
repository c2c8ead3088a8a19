// Realistic seat layouts: row groups per category, aisles as gaps in x, optional curve, wheelchair spaces.
import type { DemoData, CategoryCode } from './types.js';
import type { Rng } from './rng.js';

/** Rows of one category, front to back; seats per row grow linearly from `seats[0]` to `seats[1]`. */
export type RowGroup = { category: CategoryCode; rows: number; seats: [number, number] };

/** The shape of a screen's auditorium. */
export type LayoutSpec = {
  groups: RowGroup[];
  /** none: one block between wall aisles; center: one central aisle; sides: two aisles, three blocks. */
  aisles: 'none' | 'center' | 'sides';
  curved: boolean;
  /** Where the accessible entrance is, so wheelchair spaces sit in that row. */
  accessible: 'front' | 'back';
  /** Wheelchair spaces, each with a companion seat beside it. */
  wheelchairs: number;
};

const CATEGORY: Record<
  CategoryCode,
  { name: string; rank: number; color: string; pitchX: number; pitchY: number }
> = {
  STD: { name: 'Standard', rank: 1, color: '#4F7CAC', pitchX: 10, pitchY: 12 },
  PRM: { name: 'Premium', rank: 2, color: '#D9A441', pitchX: 10, pitchY: 12 },
  // Recliners are wider and need legroom to lie back, so they take more room both ways.
  RCL: { name: 'Recliner', rank: 3, color: '#B5484B', pitchX: 15, pitchY: 18 },
};

const AISLE = 12;
const MARGIN = 20;
/** Space in front of row A for the screen itself in the drawn map. */
const SCREEN_DEPTH = 40;
/** How much nearer to the screen the ends of a curved row are than its middle. */
const CURVE_DEPTH = 6;
// "I" is skipped because on a ticket it reads like the number 1.
const ROW_LETTERS = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';

type Built = Pick<DemoData, 'seatCategories' | 'seatLayouts' | 'layoutRows' | 'seats'> & {
  categories: { id: string; code: CategoryCode }[];
};

/** Splits a row of n seats into blocks separated by aisles. */
function blocks(n: number, aisles: LayoutSpec['aisles']): number[] {
  if (aisles === 'none') return [n];
  if (aisles === 'center') return [Math.floor(n / 2), Math.ceil(n / 2)];
  const side = Math.round(n * 0.25);
  return [side, n - 2 * side, side];
}

/** Seat indexes of wheelchair/companion pairs: outer ends of the row first, then the aisle ends. */
function wheelchairPairs(sizes: number[], count: number): [number, number][] {
  const outer: [number, number][] = [];
  const inner: [number, number][] = [];
  let start = 0;
  sizes.forEach((size, b) => {
    const end = start + size - 1;
    (b === 0 ? outer : inner).push([start, start + 1]);
    (b === sizes.length - 1 ? outer : inner).push([end, end - 1]);
    start += size;
  });
  // Inner edges are taken from both sides in turn so the spaces sit symmetrically around the aisles.
  const symmetric = inner.flatMap((_, i) =>
    i < inner.length / 2 ? [inner[i], inner[inner.length - 1 - i]] : [],
  );
  return [...outer, ...symmetric.filter((p): p is [number, number] => p !== undefined)].slice(
    0,
    count,
  );
}

/** The row specs front to back: category and seat count of each row. */
function rowPlan(spec: LayoutSpec): { category: CategoryCode; seats: number }[] {
  return spec.groups.flatMap((g) =>
    Array.from({ length: g.rows }, (_, i) => ({
      category: g.category,
      seats:
        g.rows === 1
          ? g.seats[0]
          : Math.round(g.seats[0] + ((g.seats[1] - g.seats[0]) * i) / (g.rows - 1)),
    })),
  );
}

/** Builds categories, one active layout, its rows and seats for a screen. */
export function buildLayout(
  rng: Rng,
  screenId: string,
  screenName: string,
  spec: LayoutSpec,
): Built {
  const codes = [...new Set(spec.groups.map((g) => g.category))];
  const seatCategories = codes.map((code) => {
    const c = CATEGORY[code];
    return { id: rng.uuid(), screenId, code, name: c.name, rank: c.rank, color: c.color };
  });
  const categoryId = (code: CategoryCode): string =>
    seatCategories.find((c) => c.code === code)?.id ?? '';
  const plan = rowPlan(spec);
  const rowWidth = (r: { category: CategoryCode; seats: number }): number =>
    r.seats * CATEGORY[r.category].pitchX + (blocks(r.seats, spec.aisles).length - 1) * AISLE;
  const width = Math.max(...plan.map(rowWidth)) + 2 * MARGIN;
  const centerX = width / 2;
  const layoutId = rng.uuid();
  const layoutRows: Built['layoutRows'] = [];
  const seats: Built['seats'] = [];
  const accessibleRow = spec.accessible === 'front' ? 0 : plan.length - 1;
  let y = SCREEN_DEPTH;
  plan.forEach((row, r) => {
    const { pitchX, pitchY } = CATEGORY[row.category];
    const label = ROW_LETTERS[r] ?? `R${r + 1}`;
    const rowId = rng.uuid();
    layoutRows.push({ id: rowId, layoutId, label, sortOrder: r, y });
    const sizes = blocks(row.seats, spec.aisles);
    const pairs = r === accessibleRow ? wheelchairPairs(sizes, spec.wheelchairs) : [];
    const half = rowWidth(row) / 2;
    let x = centerX - half + pitchX / 2;
    let index = 0;
    sizes.forEach((size, b) => {
      if (b > 0) x += AISLE;
      for (let i = 0; i < size; i++, index++, x += pitchX) {
        const t = (x - centerX) / half;
        const number = index + 1;
        const kind = pairs.some((p) => p[0] === index)
          ? 'wheelchair'
          : pairs.some((p) => p[1] === index)
            ? 'companion'
            : 'standard';
        seats.push({
          id: rng.uuid(),
          layoutId,
          rowId,
          rowLabel: label,
          number,
          label: `${label}${number}`,
          categoryId: categoryId(row.category),
          kind,
          // x/y is the centre of the seat in layout units; curved rows bow towards the screen at the ends.
          x: Math.round(x),
          y: spec.curved ? y - Math.round(CURVE_DEPTH * t * t) : y,
        });
      }
    });
    y += pitchY;
  });
  const height = y - CATEGORY.STD.pitchY + MARGIN;
  const seatLayouts = [
    { id: layoutId, screenId, name: `${screenName} standard`, width, height, active: true },
  ];
  const categories = seatCategories.map((c) => ({ id: c.id, code: c.code }));
  return { seatCategories, seatLayouts, layoutRows, seats, categories };
}
