// A drawn layout (common/api/admin-layouts.ts) as seats in layout units, and the rules it must pass
// before shows may use it. The layout editor previews with these functions and the server saves
// with them, so the counter's map is exactly the preview.
import type { FieldErrors } from './api/admin-common.js';
import type { LayoutCell, LayoutDraft } from './api/admin-layouts.js';
import { LAYOUT_MAX_COLUMNS, LAYOUT_MAX_SEATS } from './api/admin-layouts.js';
import type { SeatKind } from './seat-map.js';

/** Grid pitch in layout units (the demo's standard seat), and the room around the seats. */
export const GRID_PITCH_X = 10;
export const GRID_PITCH_Y = 12;
const MARGIN = 20;
/** Space in front of the first row for the screen itself. */
const SCREEN_DEPTH = 40;

/** A seat of a placed draft; `category` is the category's code. */
export type PlacedSeat = {
  rowLabel: string;
  rowOrder: number;
  number: number;
  label: string;
  x: number;
  y: number;
  category: string;
  kind: SeatKind;
  restrictedView: boolean;
  /** Where it was drawn: row index and column. */
  row: number;
  column: number;
};

/** A draft in layout units: what the server stores and the counter draws. */
export type PlacedLayout = {
  width: number;
  height: number;
  rows: { label: string; sortOrder: number; y: number; numbering: 'ltr' | 'rtl' }[];
  seats: PlacedSeat[];
  blocks: { kind: 'pillar'; x: number; y: number }[];
};

const isSeat = (c: LayoutCell): c is Extract<NonNullable<LayoutCell>, { t: 'seat' }> =>
  c !== null && c.t === 'seat';

/** Places a draft: seats numbered along each row in its direction, skipping floor and pillars. */
export function placeDraft(d: LayoutDraft): PlacedLayout {
  const rows: PlacedLayout['rows'] = [];
  const seats: PlacedSeat[] = [];
  const blocks: PlacedLayout['blocks'] = [];
  d.rows.forEach((row, r) => {
    const y = SCREEN_DEPTH + r * GRID_PITCH_Y;
    rows.push({ label: row.label, sortOrder: r, y, numbering: row.numbering });
    const columns = row.cells.map((_, c) => c);
    if (row.numbering === 'rtl') columns.reverse();
    let number = 0;
    for (const c of columns) {
      const cell = row.cells[c] ?? null;
      const x = MARGIN + c * GRID_PITCH_X;
      if (cell?.t === 'pillar') blocks.push({ kind: 'pillar', x, y });
      if (!isSeat(cell)) continue;
      number += 1;
      seats.push({
        rowLabel: row.label,
        rowOrder: r,
        number,
        label: `${row.label}${String(number)}`,
        x,
        y,
        category: cell.category,
        kind: cell.kind,
        restrictedView: cell.restricted,
        row: r,
        column: c,
      });
    }
  });
  return {
    width: 2 * MARGIN + Math.max(0, d.columns - 1) * GRID_PITCH_X,
    height: SCREEN_DEPTH + Math.max(0, d.rows.length - 1) * GRID_PITCH_Y + MARGIN,
    rows,
    seats,
    blocks,
  };
}

/** How many seats of each sort a draft has. */
export function draftCounts(d: LayoutDraft): {
  seats: number;
  wheelchair: number;
  companion: number;
  restricted: number;
} {
  const cells = d.rows.flatMap((r) => r.cells).filter(isSeat);
  return {
    seats: cells.length,
    wheelchair: cells.filter((c) => c.kind === 'wheelchair').length,
    companion: cells.filter((c) => c.kind === 'companion').length,
    restricted: cells.filter((c) => c.restricted).length,
  };
}

/**
 * What is wrong with a draft, by JSON pointer into it (empty when it may be saved): rows as wide as
 * `columns`, unique row labels (so seat labels are unique), unique category codes, every seat's
 * category listed, at least one seat and at most LAYOUT_MAX_SEATS, and every wheelchair place with a
 * companion seat of its own right beside it in the row.
 */
export function draftProblems(d: LayoutDraft): FieldErrors {
  const out: FieldErrors = {};
  const codes = new Set<string>();
  d.categories.forEach((c, i) => {
    if (codes.has(c.code)) out[`/categories/${String(i)}/code`] = 'is used by another category';
    codes.add(c.code);
  });
  const labels = new Set<string>();
  d.rows.forEach((row, r) => {
    if (labels.has(row.label)) out[`/rows/${String(r)}/label`] = 'is the label of another row';
    labels.add(row.label);
    if (row.cells.length !== d.columns)
      out[`/rows/${String(r)}/cells`] =
        `has ${String(row.cells.length)} cells; the layout is ${String(d.columns)} wide`;
    row.cells.forEach((cell, c) => {
      if (isSeat(cell) && !codes.has(cell.category))
        out[`/rows/${String(r)}/cells/${String(c)}`] =
          `is in category ${cell.category}, which is not listed`;
    });
    // Each wheelchair place takes one companion seat beside it that no other place has taken.
    const taken = new Set<number>();
    row.cells.forEach((cell, c) => {
      if (!isSeat(cell) || cell.kind !== 'wheelchair') return;
      const mate = [c - 1, c + 1].find((n) => {
        const other = row.cells[n] ?? null;
        return !taken.has(n) && isSeat(other) && other.kind === 'companion';
      });
      if (mate === undefined)
        out[`/rows/${String(r)}/cells/${String(c)}`] =
          'is a wheelchair place without a companion seat beside it';
      else taken.add(mate);
    });
  });
  const { seats } = draftCounts(d);
  if (seats === 0) out['/rows'] = 'has no seats: a layout needs at least one';
  if (seats > LAYOUT_MAX_SEATS)
    out['/rows'] = `has ${String(seats)} seats; at most ${String(LAYOUT_MAX_SEATS)}`;
  return out;
}

/** A stored layout's seats, as the database has them, for drawing it again in the editor. */
export type StoredLayout = {
  name: string;
  /** The layout's width in layout units: keeps floor on the right that an editor drew. */
  width: number;
  categories: LayoutDraft['categories'];
  rows: { label: string; sortOrder: number; y: number; numbering: 'ltr' | 'rtl' }[];
  seats: {
    rowLabel: string;
    x: number;
    category: string;
    kind: SeatKind;
    restrictedView: boolean;
  }[];
  blocks: { x: number; y: number }[];
};

/**
 * The grid of a stored layout. Layouts saved by the editor come back exactly; others (the demo's
 * curved rows, wider recliners) are snapped to the grid, keeping each row's seats in order.
 */
export function draftOfStored(s: StoredLayout): LayoutDraft {
  const rows = [...s.rows].sort((a, b) => a.sortOrder - b.sortOrder);
  const xs = [...s.seats.map((x) => x.x), ...s.blocks.map((b) => b.x)];
  // Column 0 sits at MARGIN (placeDraft); nothing is ever drawn left of it.
  const minX = Math.min(MARGIN, ...xs);
  const grid = rows.map((row) => {
    const cells = new Map<number, LayoutCell>();
    const inRow = s.seats.filter((x) => x.rowLabel === row.label).sort((a, b) => a.x - b.x);
    let next = 0;
    for (const seat of inRow) {
      const col = Math.max(next, Math.round((seat.x - minX) / GRID_PITCH_X));
      cells.set(col, {
        t: 'seat',
        category: seat.category,
        kind: seat.kind,
        restricted: seat.restrictedView,
      });
      next = col + 1;
    }
    for (const b of s.blocks.filter((x) => x.y === row.y)) {
      const col = Math.round((b.x - minX) / GRID_PITCH_X);
      if (!cells.has(col)) cells.set(col, { t: 'pillar' });
    }
    return { row, cells };
  });
  const columns = Math.min(
    LAYOUT_MAX_COLUMNS,
    Math.max(
      1,
      Math.round((s.width - 2 * MARGIN) / GRID_PITCH_X) + 1,
      ...grid.flatMap((g) => [...g.cells.keys()].map((c) => c + 1)),
    ),
  );
  return {
    name: s.name,
    columns,
    categories: s.categories,
    rows: grid.map(({ row, cells }) => ({
      label: row.label,
      numbering: row.numbering,
      cells: Array.from({ length: columns }, (_, c) => cells.get(c) ?? null),
    })),
  };
}
