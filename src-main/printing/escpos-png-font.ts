// Printer fonts for the PNG rendering. A thermal printer prints a bitmap font in a fixed cell (Epson
// font A 12×24 dots, font B 9×17); we make those bitmaps once per character from DejaVu Sans Mono
// (it covers every character our code pages decode to) and enlarge them dot by dot like the printer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font, PathCommand } from 'opentype.js';
import type { DotMask } from './escpos-png-bitmap.js';

// opentype.js 1.x is a UMD bundle: Node's ESM loader sees no named exports and its types declare no
// default one, so require() is the one import that is both typed and works under node, tsx and vitest.
const require = createRequire(import.meta.url);
const opentype = require('opentype.js') as typeof import('opentype.js');

/** Cell size of each printer font, in dots. */
export const FONT_CELLS = { A: { width: 12, height: 24 }, B: { width: 9, height: 17 } } as const;

// Sub-samples per dot and axis; a dot prints when this share of them is inside the outline. Thermal
// print is slightly heavier than the outline, hence below one half.
const SUBSAMPLES = 4;
const INK_SHARE = 0.4;

let font: Font | null = null;
const cache = new Map<string, DotMask>();

function loadFont(): Font {
  if (font === null) {
    // Resolved through the package so it works wherever npm installed it; read once, on first use.
    const file = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf');
    const bytes = readFileSync(file);
    font = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  }
  return font;
}

/** The dots of one character in a printer font; emphasized (bold) adds the dot to the right, as Epson does. */
export function glyphMask(char: string, fontName: 'A' | 'B', bold: boolean): DotMask {
  const key = `${fontName}${bold ? 'b' : ''}${char}`;
  let mask = cache.get(key);
  if (!mask) {
    mask = rasterize(char, FONT_CELLS[fontName]);
    if (bold) mask = embolden(mask);
    cache.set(key, mask);
  }
  return mask;
}

/** True when the font has a real glyph for the character (not the empty-box fallback). */
export function hasGlyph(char: string): boolean {
  return loadFont().charToGlyph(char).index !== 0;
}

/** A character drawn in a cell `height` dots high (half as wide), for marks larger than the printer fonts. */
export function symbolMask(char: string, height: number): DotMask {
  const key = `${height}:${char}`;
  let mask = cache.get(key);
  if (!mask) {
    mask = rasterize(char, { width: Math.round(height / 2), height });
    cache.set(key, mask);
  }
  return mask;
}

function rasterize(char: string, cell: { width: number; height: number }): DotMask {
  const f = loadFont();
  const glyph = f.charToGlyph(char);
  const em = f.unitsPerEm;
  const ascent = f.ascender / em;
  const descent = -f.descender / em;
  const advance = (f.charToGlyph('M').advanceWidth ?? em) / em;
  // The largest size whose advance and line height both fit the cell.
  const size = Math.min(cell.width / advance, cell.height / (ascent + descent));
  const top = (cell.height - size * (ascent + descent)) / 2;
  const path = glyph.getPath(0, top + size * ascent, size);
  return fillOutline(flatten(path.commands), cell.width, cell.height);
}

type Edge = { x0: number; y0: number; x1: number; y1: number };

// Quadratic and cubic curves become short lines; 8 steps is finer than a dot at these sizes.
function flatten(commands: PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  const steps = 8;
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const line = (nx: number, ny: number): void => {
    edges.push({ x0: x, y0: y, x1: nx, y1: ny });
    x = nx;
    y = ny;
  };
  for (const c of commands) {
    if (c.type === 'M') {
      x = startX = c.x;
      y = startY = c.y;
    } else if (c.type === 'L') line(c.x, c.y);
    else if (c.type === 'Q') {
      const [px, py] = [x, y];
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        line(
          u * u * px + 2 * u * t * c.x1 + t * t * c.x,
          u * u * py + 2 * u * t * c.y1 + t * t * c.y,
        );
      }
    } else if (c.type === 'C') {
      const [px, py] = [x, y];
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        line(
          u ** 3 * px + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t ** 3 * c.x,
          u ** 3 * py + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t ** 3 * c.y,
        );
      }
    } else line(startX, startY);
  }
  return edges;
}

// Non-zero winding scanline fill at SUBSAMPLES² samples per dot, thresholded to 1 bit.
function fillOutline(edges: Edge[], width: number, height: number): DotMask {
  const hits = new Uint8Array(width * height);
  const crossings: { x: number; dir: number }[] = [];
  for (let sy = 0; sy < height * SUBSAMPLES; sy++) {
    const y = (sy + 0.5) / SUBSAMPLES;
    crossings.length = 0;
    for (const e of edges) {
      if (e.y0 === e.y1 || y < Math.min(e.y0, e.y1) || y >= Math.max(e.y0, e.y1)) continue;
      crossings.push({
        x: e.x0 + ((y - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0),
        dir: e.y1 > e.y0 ? 1 : -1,
      });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]?.dir ?? 0;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil((crossings[i]?.x ?? 0) * SUBSAMPLES - 0.5));
      const to = Math.min(
        width * SUBSAMPLES - 1,
        Math.ceil((crossings[i + 1]?.x ?? 0) * SUBSAMPLES - 0.5) - 1,
      );
      const row = Math.floor(sy / SUBSAMPLES) * width;
      for (let sx = from; sx <= to; sx++) {
        const dot = row + Math.floor(sx / SUBSAMPLES);
        hits[dot] = (hits[dot] ?? 0) + 1;
      }
    }
  }
  const threshold = INK_SHARE * SUBSAMPLES * SUBSAMPLES;
  return { width, height, data: hits.map((n) => (n >= threshold ? 1 : 0)) };
}

function embolden(mask: DotMask): DotMask {
  const data = new Uint8Array(mask.data);
  for (let y = 0; y < mask.height; y++) {
    for (let x = 1; x < mask.width; x++)
      if (mask.data[y * mask.width + x - 1] === 1) data[y * mask.width + x] = 1;
  }
  return { ...mask, data };
}
