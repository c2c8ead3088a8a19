// What the paper of a decoded job looks like, as a PNG at the printer's own resolution (one pixel per
// dot, 203 dpi): text in the printer's cells, real QR codes, and grey marks for what is not print
// (cuts, drawer kicks). The virtual printer writes it next to the .txt so a person can see the demo's
// tickets. Its output depends on the decoded document alone (the font is read once, on first use).
import { create as createQr, type BitMatrix, type QRCodeErrorCorrectionLevel } from 'qrcode';
import { INK, NOTE, PaperStrip } from './escpos-png-bitmap.js';
import { FONT_CELLS, symbolMask } from './escpos-png-font.js';
import { LINE_SPACING_DOTS, printNote, printTextLine } from './escpos-png-text.js';
import type { DecodedDocument, DecodedItem } from './escpos-types.js';
import { CHARS_PER_LINE } from './print-builder.js';

/** PNG options: the paper's columns (font A) and a bound on its length in dots. */
export type PngOptions = { widthChars?: number; maxHeightDots?: number };

// About 5 m of paper: a stream of garbage must not become a gigabyte of pixels.
const DEFAULT_MAX_HEIGHT = 40_000;
const MARGIN = 12;
const IMAGE_SHADE = 215;
// What printers assume before GS ( k sets it: Epson and Star both default to 3-dot cells and level L.
const DEFAULT_QR_CELL = 3;
const DEFAULT_QR_CORRECTION = 'L';
const QR_LEVELS: readonly QRCodeErrorCorrectionLevel[] = ['L', 'M', 'Q', 'H'];

/**
 * Paper width in dots: `widthChars` font-A cells of 12 dots (48 → 576 on 80 mm, 32 → 384 on 58 mm),
 * or else the narrowest paper the layouts use whose columns hold the widest line.
 */
export function paperWidthDots(doc: DecodedDocument, widthChars?: number): number {
  const cell = FONT_CELLS.A.width;
  if (widthChars !== undefined) return Math.max(1, Math.round(widthChars)) * cell;
  let widest = 0;
  for (const item of doc.items)
    if (item.kind === 'text') widest = Math.max(widest, item.text.length * item.style.widthScale);
  const papers = Object.values(CHARS_PER_LINE).sort((a, b) => a - b);
  return (papers.find((cols) => cols >= widest) ?? papers[papers.length - 1] ?? 48) * cell;
}

/** Renders a decoded document as the printer would print it, as PNG bytes (greyscale, one pixel per dot). */
export function renderDocumentPng(doc: DecodedDocument, options: PngOptions = {}): Buffer {
  const width = paperWidthDots(doc, options.widthChars);
  const limit = options.maxHeightDots ?? DEFAULT_MAX_HEIGHT;
  // Room below the limit for the note that says the job was longer.
  const strip = new PaperStrip(width, limit + 2 * LINE_SPACING_DOTS);
  let y = MARGIN;
  for (const item of doc.items) {
    const next = printItem(strip, y, item, limit);
    if (next === null) {
      y =
        printNote(
          strip,
          y,
          '[… the job continues beyond this image]',
          'center',
          NOTE,
          strip.maxHeight,
        ) ?? y;
      break;
    }
    y = next;
  }
  if (doc.warnings.length > 0)
    y =
      printNote(
        strip,
        y,
        `[${doc.warnings.length} decoder warning(s): see the .txt]`,
        'left',
        NOTE,
        strip.maxHeight,
      ) ?? y;
  strip.reserve(y, Math.min(MARGIN, strip.maxHeight - y));
  return strip.toPng();
}

function printItem(strip: PaperStrip, y: number, item: DecodedItem, limit: number): number | null {
  switch (item.kind) {
    case 'text':
      return printTextLine(strip, y, item, limit);
    case 'feed':
      return blank(strip, y, item.lines * LINE_SPACING_DOTS, limit);
    case 'qr':
      return printQr(strip, y, item, limit);
    case 'cut':
      return printCut(strip, y, item.partial, limit);
    case 'drawer':
      return printNote(strip, y, `[cash drawer kick, pin ${item.pin}]`, 'right', NOTE, limit);
    case 'beep':
      return printNote(strip, y, '[beep]', 'right', NOTE, limit);
    // 1D barcodes and PDF417 are not drawn (nothing we print uses them); say where they would be.
    case 'barcode':
      return printNote(
        strip,
        y,
        `[${item.symbology} barcode${item.data === '' ? '' : `: ${item.data}`}]`,
        'center',
        NOTE,
        limit,
      );
    // The decoder keeps an image's size, not its dots: a light block shows where it prints.
    case 'image': {
      if (!fits(strip, y, item.heightDots, limit)) return null;
      strip.fill(0, y, Math.min(item.widthDots, strip.width), item.heightDots, IMAGE_SHADE);
      return y + item.heightDots;
    }
    case 'codepage':
      return y;
  }
}

function fits(strip: PaperStrip, y: number, rows: number, limit: number): boolean {
  return y + rows <= limit && strip.reserve(y, rows);
}

function blank(strip: PaperStrip, y: number, rows: number, limit: number): number | null {
  return fits(strip, y, rows, limit) ? y + rows : null;
}

function printQr(
  strip: PaperStrip,
  y: number,
  item: Extract<DecodedItem, { kind: 'qr' }>,
  limit: number,
): number | null {
  const cell = item.cellSize ?? DEFAULT_QR_CELL;
  const correction = QR_LEVELS.find((level) => level === item.correction) ?? DEFAULT_QR_CORRECTION;
  let modules: BitMatrix;
  try {
    // Byte mode on the exact bytes received: the symbol a printer builds from the same data.
    // Model 1 (obsolete) is drawn as model 2; qrcode only makes model 2.
    modules = createQr([{ data: Buffer.from(item.data, 'latin1'), mode: 'byte' }], {
      errorCorrectionLevel: correction,
    }).modules;
  } catch {
    return printNote(strip, y, '[QR code: data too long for a QR symbol]', 'center', NOTE, limit);
  }
  const size = modules.size * cell;
  // A printer skips a symbol wider than its print area.
  if (size > strip.width)
    return printNote(
      strip,
      y,
      `[QR code ${size} dots wide: does not fit the paper]`,
      'center',
      NOTE,
      limit,
    );
  if (!fits(strip, y, size, limit)) return null;
  // ESC a centres every layout's QR; the decoder does not report alignment for symbols.
  const x = Math.floor((strip.width - size) / 2);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) strip.fill(x + col * cell, y + row * cell, cell, cell, INK);
  }
  return y + size;
}

// A dashed line with scissors where the knife cuts; a partial cut leaves a bridge in the middle.
function printCut(strip: PaperStrip, y: number, partial: boolean, limit: number): number | null {
  // Font-A scissors are x-height small; drawn from the outline at twice the size they read at a glance.
  const scissors = symbolMask('✂', 2 * FONT_CELLS.A.height);
  const height = scissors.height + MARGIN;
  if (!fits(strip, y, height, limit)) return null;
  strip.stamp(scissors, 0, y + MARGIN / 2, 1, 1, NOTE);
  const inked = [...Array(scissors.height).keys()].filter((row) =>
    scissors.data.subarray(row * scissors.width, (row + 1) * scissors.width).includes(1),
  );
  const middle =
    y +
    MARGIN / 2 +
    Math.round(((inked[0] ?? 0) + (inked[inked.length - 1] ?? scissors.height - 1) + 1) / 2);
  const bridge = partial ? [strip.width / 2 - 24, strip.width / 2 + 24] : [0, 0];
  for (let x = scissors.width + 6; x < strip.width; x += 12) {
    if (x + 8 > (bridge[0] ?? 0) && x < (bridge[1] ?? 0)) continue;
    strip.fill(x, middle - 1, 8, 2, NOTE);
  }
  return y + height;
}
