// Pure rules of the seat map: which seats this counter may sell now and why not, best-available
// input, and keyboard movement between seats.
import type { StationSeat, StationSeatMap } from '../../../common/contract/station.js';
import { pickBestAvailable, type BestAvailableSeat } from '../../../common/best-available.js';

/** Whether a seat can go into the basket now, and if not, what to tell the cashier. */
export type Sellability = { sellable: boolean; reason: string | null };

const OFFLINE_REASON =
  'Offline: this counter can sell only the seats set aside for it (marked ◆) until the server is back.';

/** Why a seat can or cannot be sold at this counter right now. */
export function sellability(
  seat: Pick<StationSeat, 'state' | 'mine' | 'pending'>,
  online: boolean,
): Sellability {
  if (seat.pending)
    return {
      sellable: false,
      reason: 'Sold at this counter; the sale is waiting to reach the server.',
    };
  switch (seat.state) {
    case 'sold':
      return { sellable: false, reason: 'Sold.' };
    case 'held':
      return {
        sellable: false,
        reason:
          'Held by a sale in progress (another counter or online). It comes free if that sale is not completed.',
      };
    case 'blocked':
      return { sellable: false, reason: 'Blocked by the manager (house seat or out of order).' };
    case 'allocated':
      if (seat.mine) return { sellable: true, reason: null };
      return { sellable: false, reason: 'Set aside for another counter’s offline sales.' };
    case 'available':
      return online
        ? { sellable: true, reason: null }
        : { sellable: false, reason: OFFLINE_REASON };
  }
}

/** Ids of the seats this counter may sell now. */
export function sellableIds(seats: readonly StationSeat[], online: boolean): Set<string> {
  return new Set(seats.filter((s) => sellability(s, online).sellable).map((s) => s.id));
}

/** Seats in the form best-available reads; build once per map load (it caches by array identity). */
export function bestAvailableInput(map: StationSeatMap): BestAvailableSeat[] {
  const order = new Map(map.rows.map((r, i) => [r.label, i]));
  return map.seats.map((s) => ({
    id: s.id,
    rowLabel: s.rowLabel,
    rowOrder: order.get(s.rowLabel) ?? 0,
    number: s.number,
    x: s.x,
    y: s.y,
    categoryId: s.categoryId,
    kind: s.kind,
  }));
}

/** Best-available N among the sellable seats (accessible: a wheelchair space and companions); null when none fit. */
export function bestAvailable(
  layout: BestAvailableSeat[],
  sellable: Set<string>,
  count: number,
  accessible = false,
): string[] | null {
  return pickBestAvailable(layout, sellable, accessible ? { count, accessible } : { count });
}

/** Seats grouped by row (front to back), each row left to right. */
export function seatRows(map: Pick<StationSeatMap, 'rows' | 'seats'>): StationSeat[][] {
  const byRow = new Map<string, StationSeat[]>();
  for (const s of map.seats) {
    const row = byRow.get(s.rowLabel);
    if (row) row.push(s);
    else byRow.set(s.rowLabel, [s]);
  }
  const rows = map.rows.map((r) => byRow.get(r.label) ?? []).filter((r) => r.length > 0);
  for (const r of rows) r.sort((a, b) => a.x - b.x || a.number - b.number);
  return rows;
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

/** The seat the focus ring moves to from `fromId` (or the first seat of the middle row). */
export function moveFocus(
  rows: StationSeat[][],
  fromId: string | null,
  dir: Direction,
): string | null {
  if (rows.length === 0) return null;
  let ri = -1;
  let si = -1;
  rows.forEach((r, i) => {
    const j = r.findIndex((s) => s.id === fromId);
    if (j >= 0) {
      ri = i;
      si = j;
    }
  });
  if (ri < 0) {
    const mid = rows[Math.floor(rows.length / 2)] ?? [];
    return mid[Math.floor(mid.length / 2)]?.id ?? null;
  }
  const row = rows[ri] ?? [];
  const here = row[si];
  if (!here) return null;
  switch (dir) {
    case 'left':
      return row[Math.max(0, si - 1)]?.id ?? here.id;
    case 'right':
      return row[Math.min(row.length - 1, si + 1)]?.id ?? here.id;
    case 'home':
      return row[0]?.id ?? here.id;
    case 'end':
      return row[row.length - 1]?.id ?? here.id;
    case 'up':
    case 'down': {
      const next = rows[dir === 'up' ? ri - 1 : ri + 1];
      if (!next || next.length === 0) return here.id;
      // The seat straight in front or behind: nearest x, as the eye sees it.
      let best = next[0] ?? here;
      for (const s of next) if (Math.abs(s.x - here.x) < Math.abs(best.x - here.x)) best = s;
      return best.id;
    }
  }
}

/** Median of positive numbers (0 when none). */
export function median(values: number[]): number {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  return v.length === 0 ? 0 : (v[v.length >> 1] ?? 0);
}

const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

/**
 * The seat map's own keys, at the counter and the kiosk alike: arrows, Home and End move the focus
 * ring, Space or Enter takes or frees the focused seat. True when the key was the map's (the caller
 * then keeps it from scrolling the page).
 */
export function seatMapKey(
  key: string,
  rows: StationSeat[][],
  focusId: string | null,
  act: { focus(id: string | null): void; toggle(id: string): void },
): boolean {
  const dir = ARROWS[key];
  if (dir !== undefined) {
    act.focus(moveFocus(rows, focusId, dir));
    return true;
  }
  if ((key === ' ' || key === 'Enter') && focusId !== null) {
    act.toggle(focusId);
    return true;
  }
  return false;
}
