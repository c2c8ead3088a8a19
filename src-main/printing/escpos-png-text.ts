// Text as a thermal printer puts it on paper: fixed cells per font, magnified dot by dot, emphasized,
// underlined or reversed per run, aligned within the paper, and wrapped when a line overflows.
import { INK, PAPER, type PaperStrip } from './escpos-png-bitmap.js';
import { FONT_CELLS, glyphMask } from './escpos-png-font.js';
import type { TextAlign, TextItem, TextStyle } from './escpos-types.js';

/** Epson's default line spacing, 1/6 inch at 203 dpi; a taller character stretches its line. */
export const LINE_SPACING_DOTS = 34;

type Cell = { char: string; style: TextStyle; width: number; height: number };

/** Prints one decoded line from `y` and returns where the next line starts; null once past `limit`. */
export function printTextLine(
  strip: PaperStrip,
  y: number,
  item: TextItem,
  limit: number,
): number | null {
  const cells: Cell[] = item.segments.flatMap((s) =>
    Array.from(s.text, (char) => ({
      char,
      style: s.style,
      width: FONT_CELLS[s.style.font].width * s.style.widthScale,
      height: FONT_CELLS[s.style.font].height * s.style.heightScale,
    })),
  );
  if (cells.length === 0)
    return fits(strip, y, LINE_SPACING_DOTS, limit) ? y + LINE_SPACING_DOTS : null;
  let next: number | null = y;
  for (const row of wrapCells(cells, strip.width)) {
    next = printRow(strip, next, row, item.align, item.style.upsideDown, limit);
    if (next === null) return null;
  }
  return next;
}

/** Prints a short left/center/right note in font B, in `shade`; returns where the next line starts. */
export function printNote(
  strip: PaperStrip,
  y: number,
  text: string,
  align: TextAlign,
  shade: number,
  limit: number,
): number | null {
  const cell = FONT_CELLS.B;
  const chars = Array.from(text).slice(0, Math.floor(strip.width / cell.width));
  const pitch = cell.height + 6;
  if (!fits(strip, y, pitch, limit)) return null;
  let x = offset(align, strip.width, chars.length * cell.width);
  for (const char of chars) {
    strip.stamp(glyphMask(char, 'B', false), x, y + 3, 1, 1, shade);
    x += cell.width;
  }
  return y + pitch;
}

function fits(strip: PaperStrip, y: number, rows: number, limit: number): boolean {
  return y + rows <= limit && strip.reserve(y, rows);
}

// A printer prints its line buffer when the next character would not fit and carries on below.
function wrapCells(cells: Cell[], width: number): Cell[][] {
  const rows: Cell[][] = [[]];
  let used = 0;
  for (const cell of cells) {
    const row = rows[rows.length - 1] ?? [];
    if (used + cell.width > width && row.length > 0) {
      rows.push([cell]);
      used = cell.width;
    } else {
      row.push(cell);
      used += cell.width;
    }
  }
  return rows;
}

function printRow(
  strip: PaperStrip,
  y: number,
  row: Cell[],
  align: TextAlign,
  upsideDown: boolean,
  limit: number,
): number | null {
  const charHeight = Math.max(...row.map((c) => c.height));
  const pitch = Math.max(LINE_SPACING_DOTS, charHeight);
  if (!fits(strip, y, pitch, limit)) return null;
  let x = offset(
    align,
    strip.width,
    row.reduce((n, c) => n + c.width, 0),
  );
  for (const cell of row) {
    const { style } = cell;
    // Characters of different heights on one line share their bottom edge.
    const top = y + charHeight - cell.height;
    const mask = glyphMask(cell.char, style.font, style.bold);
    if (style.invert) strip.fill(x, top, cell.width, cell.height, INK);
    strip.stamp(mask, x, top, style.widthScale, style.heightScale, style.invert ? PAPER : INK);
    // The underline is one dot thick whatever the magnification, and reverse mode suppresses it.
    if (style.underline && !style.invert) strip.fill(x, top + cell.height - 1, cell.width, 1, INK);
    x += cell.width;
  }
  if (upsideDown) strip.rotateBand(y, pitch);
  return y + pitch;
}

function offset(align: TextAlign, paper: number, used: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paper - used) / 2));
  if (align === 'right') return Math.max(0, paper - used);
  return 0;
}
