// Best-available (DESIGN §3): N adjacent seats in one row, near the middle-back "sweet spot" and the
// row centre, never stranding a single empty seat when any other choice avoids it. It runs for every
// "best available" click and every kiosk quick-buy, so the layout is prepared once (rows, aisles,
// pitch) and each call is one linear pass over the seats.
import {
  KIND_CODE,
  cachedLayout,
  type BestAvailableSeat,
  type PreparedLayout,
} from './best-available-layout.js';

export {
  prepareLayout,
  type BestAvailableSeat,
  type PreparedLayout,
} from './best-available-layout.js';

/** Which seats are free for this buyer: a set of ids or a predicate. */
export type SeatAvailability = ReadonlySet<string> | ((seatId: string) => boolean);

/** What the buyer asked for. */
export type BestAvailableRequest = {
  count: number;
  categoryId?: string;
  /** Choose wheelchair spaces plus companion seats; otherwise those are never chosen. */
  accessible?: boolean;
  /** Wheelchair spaces wanted when accessible (default 1); the rest are companions or standard. */
  wheelchairs?: number;
};

// Where the best rows are, as a fraction of the rows counted from the screen.
const SWEET_SPOT = 0.65;
// Rows in front of the sweet spot are worse than as many rows behind it (neck strain).
const FRONT_WEIGHT = 1.5;
// One row away from the sweet spot weighs as much as two seats away from the centre.
const SEAT_WEIGHT = 0.5;
// Accessible picks prefer companion seats next to the wheelchair space over standard ones.
const STANDARD_IN_ACCESSIBLE = 2;
// Any pick that strands a seat loses to every pick that does not.
const ORPHAN_COST = 1e6;

/** Picks `count` adjacent seats by the rules above; seat ids left to right, or null if none fit. */
export function pickBestAvailable(
  layout: PreparedLayout | readonly BestAvailableSeat[],
  available: SeatAvailability,
  request: BestAvailableRequest,
): string[] | null {
  const prepared = isPrepared(layout) ? layout : cachedLayout(layout);
  const n = request.count;
  const accessible = request.accessible === true;
  const wheelchairs = accessible ? (request.wheelchairs ?? 1) : 0;
  if (!Number.isInteger(n) || n < 1 || n > prepared.ids.length) return null;
  if (accessible && (!Number.isInteger(wheelchairs) || wheelchairs < 1 || wheelchairs > n))
    return null;

  const free = freeFlags(prepared, available);
  const ctx: ScanContext = { layout: prepared, free, request, wheelchairs };
  const single = bestWindow(ctx, n, -1);
  if (single) return seatIds(prepared, [single]);
  // Splitting a wheelchair party across rows defeats the point, so accessible picks do not fall back.
  return accessible ? null : splitAcrossRows(ctx, n);
}

type Window = { start: number; cost: number; size: number };
type ScanContext = {
  layout: PreparedLayout;
  free: Uint8Array;
  request: BestAvailableRequest;
  wheelchairs: number;
};

/** The cheapest window of `size` seats, in one row (`onlyRow` ≥ 0) or anywhere (−1). */
function bestWindow(ctx: ScanContext, size: number, onlyRow: number): Window | null {
  const { layout, free, request } = ctx;
  const { categoryIds, kinds } = layout;
  const wantCategory = request.categoryId;
  const accessible = request.accessible === true;
  // Without a category a party still sits in one category, except a wheelchair party whose spaces
  // and companion seats are often categorised apart.
  const oneCategory = wantCategory === undefined && !accessible;
  const sweet = (layout.rowCount - 1) * SWEET_SPOT;
  let best: Window | null = null;

  for (const block of layout.blocks) {
    if (onlyRow >= 0 && block.row !== onlyRow) continue;
    const rowGap = block.row - sweet;
    const rowCost = rowGap < 0 ? -rowGap * FRONT_WEIGHT : rowGap;
    let i = block.start;
    while (i < block.end) {
      if (free[i] === 0) {
        i++;
        continue;
      }
      const freeStart = i;
      while (i < block.end && free[i] === 1) i++;
      const freeEnd = i;
      if (freeEnd - freeStart < size) continue;
      let j = freeStart;
      while (j < freeEnd) {
        if (!eligible(kinds, categoryIds, j, wantCategory, accessible)) {
          j++;
          continue;
        }
        const runStart = j;
        const category = categoryIds[j];
        j++;
        while (
          j < freeEnd &&
          eligible(kinds, categoryIds, j, wantCategory, accessible) &&
          (!oneCategory || categoryIds[j] === category)
        ) {
          j++;
        }
        for (let s = runStart; s + size <= j; s++) {
          const cost = windowCost(ctx, s, size, freeStart, freeEnd, rowCost);
          if (cost !== null && (best === null || cost < best.cost)) best = { start: s, cost, size };
        }
      }
    }
  }
  return best;
}

function windowCost(
  ctx: ScanContext,
  start: number,
  size: number,
  freeStart: number,
  freeEnd: number,
  rowCost: number,
): number | null {
  const { layout } = ctx;
  let extra = 0;
  if (ctx.request.accessible === true) {
    let chairs = 0;
    let standard = 0;
    for (let k = start; k < start + size; k++) {
      const kind = layout.kinds[k];
      if (kind === KIND_CODE.wheelchair) chairs++;
      else if (kind === KIND_CODE.standard) standard++;
    }
    if (chairs !== ctx.wheelchairs) return null;
    extra = standard * STANDARD_IN_ACCESSIBLE;
  }
  const left = start - freeStart;
  const right = freeEnd - (start + size);
  const orphans = (left === 1 ? 1 : 0) + (right === 1 ? 1 : 0);
  const centre = ((layout.xs[start] ?? 0) + (layout.xs[start + size - 1] ?? 0)) / 2;
  const seatCost = (Math.abs(centre - layout.centreX) / layout.pitch) * SEAT_WEIGHT;
  return orphans * ORPHAN_COST + rowCost + seatCost + extra;
}

/**
 * No row has `n` adjacent seats: split the party over the fewest consecutive rows, choosing how many
 * sit in each row by dynamic programming over the cheapest window per row and size.
 */
function splitAcrossRows(ctx: ScanContext, n: number): string[] | null {
  const rowCount = ctx.layout.rowCount;
  const table: (Window | null)[][] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: (Window | null)[] = [null];
    for (let k = 1; k < n; k++) row.push(bestWindow(ctx, k, r));
    table.push(row);
  }
  for (let m = 2; m <= Math.min(n, rowCount); m++) {
    let best: { cost: number; windows: Window[] } | null = null;
    for (let first = 0; first + m <= rowCount; first++) {
      const plan = cheapestSplit(table, first, m, n);
      if (plan && (best === null || plan.cost < best.cost)) best = plan;
    }
    if (best) return seatIds(ctx.layout, best.windows);
  }
  return null;
}

function cheapestSplit(
  table: (Window | null)[][],
  first: number,
  m: number,
  n: number,
): { cost: number; windows: Window[] } | null {
  // plans[t] = cheapest way to seat t people in the rows handled so far, each row at least one.
  let plans: ({ cost: number; windows: Window[] } | null)[] = [{ cost: 0, windows: [] }];
  for (let r = first; r < first + m; r++) {
    const next: ({ cost: number; windows: Window[] } | null)[] = [];
    for (let t = 0; t <= n; t++) next.push(null);
    plans.forEach((plan, seated) => {
      if (!plan) return;
      for (let k = 1; seated + k <= n && k < n; k++) {
        const w = table[r]?.[k];
        if (!w) continue;
        const cost = plan.cost + w.cost;
        const current = next[seated + k];
        if (!current || cost < current.cost)
          next[seated + k] = { cost, windows: [...plan.windows, w] };
      }
    });
    plans = next;
  }
  return plans[n] ?? null;
}

function eligible(
  kinds: Uint8Array,
  categoryIds: readonly string[],
  i: number,
  category: string | undefined,
  accessible: boolean,
): boolean {
  if (category !== undefined && categoryIds[i] !== category) return false;
  return accessible || kinds[i] === KIND_CODE.standard;
}

function freeFlags(layout: PreparedLayout, available: SeatAvailability): Uint8Array {
  const free = new Uint8Array(layout.ids.length);
  const isFree = typeof available === 'function' ? available : (id: string) => available.has(id);
  layout.ids.forEach((id, i) => (free[i] = isFree(id) ? 1 : 0));
  return free;
}

function seatIds(layout: PreparedLayout, windows: readonly Window[]): string[] {
  const out: string[] = [];
  for (const w of windows)
    for (let k = w.start; k < w.start + w.size; k++) out.push(layout.ids[k] ?? '');
  return out;
}

function isPrepared(
  layout: PreparedLayout | readonly BestAvailableSeat[],
): layout is PreparedLayout {
  return !Array.isArray(layout);
}
