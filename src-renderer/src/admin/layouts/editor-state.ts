// The layout editor's state: the draft, undo and redo, painting with a tool (one cell, a drag, a
// rectangle), rows and columns added or taken away. Pure: the component only calls these.
import type {
  LayoutCategory,
  LayoutCell,
  LayoutDraft,
} from '../../../../common/api/admin-layouts.js';
import { LAYOUT_MAX_COLUMNS, LAYOUT_MAX_ROWS } from '../../../../common/api/admin-layouts.js';

/** What painting does: a category's seat, floor (aisle or gap), a pillar, a kind, or the flag. */
export type Tool =
  | { t: 'category'; code: string }
  | { t: 'floor' }
  | { t: 'pillar' }
  | { t: 'wheelchair' }
  | { t: 'companion' }
  | { t: 'standard' }
  | { t: 'restricted' };

export type Cell = { r: number; c: number };

export type EditorState = {
  draft: LayoutDraft;
  past: LayoutDraft[];
  future: LayoutDraft[];
  /** The draft as it was when the current drag began (a drag is one undo step). */
  strokeFrom: LayoutDraft | null;
};

const HISTORY = 200;
// Row letters as cinemas use them: no I or O, which read as 1 and 0.
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The label of row `i` counted from the screen: A…Z, then AA, AB… */
export function rowLabel(i: number): string {
  const n = LETTERS.length;
  return i < n
    ? (LETTERS[i] ?? 'A')
    : `${LETTERS[Math.floor(i / n) - 1] ?? 'Z'}${LETTERS[i % n] ?? 'A'}`;
}

/** A new rows × columns room, every cell a seat of the first category. */
export function blankDraft(
  name: string,
  rows: number,
  columns: number,
  categories: LayoutCategory[],
): LayoutDraft {
  const code = categories[0]?.code ?? 'STD';
  return {
    name,
    columns,
    categories,
    rows: Array.from({ length: rows }, (_, r) => ({
      label: rowLabel(r),
      numbering: 'ltr',
      cells: Array.from({ length: columns }, (): LayoutCell => ({
        t: 'seat',
        category: code,
        kind: 'standard',
        restricted: false,
      })),
    })),
  };
}

/** The state of a freshly opened draft. */
export function start(draft: LayoutDraft): EditorState {
  return { draft, past: [], future: [], strokeFrom: null };
}

/** A change as one undo step. */
export function commit(s: EditorState, next: LayoutDraft): EditorState {
  if (next === s.draft) return s;
  return {
    draft: next,
    past: [...s.past.slice(-HISTORY + 1), s.draft],
    future: [],
    strokeFrom: null,
  };
}

export function undo(s: EditorState): EditorState {
  const prev = s.past.at(-1);
  if (!prev) return s;
  return {
    draft: prev,
    past: s.past.slice(0, -1),
    future: [s.draft, ...s.future],
    strokeFrom: null,
  };
}

export function redo(s: EditorState): EditorState {
  const next = s.future[0];
  if (!next) return s;
  return { draft: next, past: [...s.past, s.draft], future: s.future.slice(1), strokeFrom: null };
}

/** What a tool makes of one cell. */
export function paintCell(cell: LayoutCell, tool: Tool, fallbackCategory: string): LayoutCell {
  const seat = cell?.t === 'seat' ? cell : null;
  switch (tool.t) {
    case 'floor':
      return null;
    case 'pillar':
      return { t: 'pillar' };
    case 'category':
      return {
        t: 'seat',
        category: tool.code,
        kind: seat?.kind ?? 'standard',
        restricted: seat?.restricted ?? false,
      };
    case 'wheelchair':
    case 'companion':
    case 'standard':
      return {
        t: 'seat',
        category: seat?.category ?? fallbackCategory,
        kind: tool.t === 'standard' ? 'standard' : tool.t,
        restricted: seat?.restricted ?? false,
      };
    case 'restricted':
      return seat ? { ...seat, restricted: !seat.restricted } : cell;
  }
}

/** Paints cells of a draft with a tool (a new draft; the same one when nothing changed). */
export function paint(d: LayoutDraft, cells: readonly Cell[], tool: Tool): LayoutDraft {
  const fallback = d.categories[0]?.code ?? 'STD';
  const flag = { changed: false };
  const rows = d.rows.map((row, r) => {
    const mine = cells.filter((x) => x.r === r);
    if (mine.length === 0) return row;
    const next = row.cells.map((cell, c) => {
      if (!mine.some((x) => x.c === c)) return cell;
      const out = paintCell(cell, tool, fallback);
      if (JSON.stringify(out) !== JSON.stringify(cell)) flag.changed = true;
      return out;
    });
    return { ...row, cells: next };
  });
  return flag.changed ? { ...d, rows } : d;
}

/** The cells of the rectangle between two corners. */
export function rect(a: Cell, b: Cell): Cell[] {
  const out: Cell[] = [];
  for (let r = Math.min(a.r, b.r); r <= Math.max(a.r, b.r); r++)
    for (let c = Math.min(a.c, b.c); c <= Math.max(a.c, b.c); c++) out.push({ r, c });
  return out;
}

/** Starts a drag: the draft before it is what one undo goes back to. */
export function beginStroke(s: EditorState): EditorState {
  return { ...s, strokeFrom: s.draft };
}

/** Paints during a drag without a new undo step per cell. */
export function strokeTo(s: EditorState, cells: readonly Cell[], tool: Tool): EditorState {
  if (!s.strokeFrom) return commit(s, paint(s.draft, cells, tool));
  return { ...s, draft: paint(s.draft, cells, tool) };
}

/** Ends a drag as one undo step. */
export function endStroke(s: EditorState): EditorState {
  const from = s.strokeFrom;
  if (!from) return s;
  if (from === s.draft) return { ...s, strokeFrom: null };
  return {
    draft: s.draft,
    past: [...s.past.slice(-HISTORY + 1), from],
    future: [],
    strokeFrom: null,
  };
}

/** A row added at the back, a copy of the last row's shape. */
export function addRow(d: LayoutDraft): LayoutDraft {
  if (d.rows.length >= LAYOUT_MAX_ROWS) return d;
  const last = d.rows.at(-1);
  const used = new Set(d.rows.map((r) => r.label));
  let i = d.rows.length;
  while (used.has(rowLabel(i))) i++;
  return {
    ...d,
    rows: [
      ...d.rows,
      {
        label: rowLabel(i),
        numbering: last?.numbering ?? 'ltr',
        cells: last ? [...last.cells] : Array.from({ length: d.columns }, () => null),
      },
    ],
  };
}

export function removeRow(d: LayoutDraft): LayoutDraft {
  return d.rows.length <= 1 ? d : { ...d, rows: d.rows.slice(0, -1) };
}

/** A column added on the right, floor in every row. */
export function addColumn(d: LayoutDraft): LayoutDraft {
  if (d.columns >= LAYOUT_MAX_COLUMNS) return d;
  return {
    ...d,
    columns: d.columns + 1,
    rows: d.rows.map((r) => ({ ...r, cells: [...r.cells, null] })),
  };
}

export function removeColumn(d: LayoutDraft): LayoutDraft {
  if (d.columns <= 1) return d;
  return {
    ...d,
    columns: d.columns - 1,
    rows: d.rows.map((r) => ({ ...r, cells: r.cells.slice(0, -1) })),
  };
}

/** Sets one row's label or numbering direction. */
export function setRow(
  d: LayoutDraft,
  r: number,
  patch: Partial<{ label: string; numbering: 'ltr' | 'rtl' }>,
): LayoutDraft {
  return { ...d, rows: d.rows.map((row, i) => (i === r ? { ...row, ...patch } : row)) };
}

/** True when a seat of the draft is in category `code`. */
export function categoryUsed(d: LayoutDraft, code: string): boolean {
  return d.rows.some((r) => r.cells.some((c) => c?.t === 'seat' && c.category === code));
}

/** Adds or replaces a category (by code); removing one that seats use is refused (same draft back). */
export function upsertCategory(d: LayoutDraft, c: LayoutCategory): LayoutDraft {
  const i = d.categories.findIndex((x) => x.code === c.code);
  const categories = i < 0 ? [...d.categories, c] : d.categories.map((x, j) => (j === i ? c : x));
  return { ...d, categories };
}

export function removeCategory(d: LayoutDraft, code: string): LayoutDraft {
  if (categoryUsed(d, code) || d.categories.length <= 1) return d;
  return { ...d, categories: d.categories.filter((c) => c.code !== code) };
}
