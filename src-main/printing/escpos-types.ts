// What an ESC/POS byte stream decodes to: the paper, as items in print order.
import type { CodePageName, PrinterDialect } from './code-pages.js';

/** Text alignment of a printed line. */
export type TextAlign = 'left' | 'center' | 'right';

/** Character attributes in effect while text was received. */
export type TextStyle = {
  bold: boolean;
  underline: boolean;
  invert: boolean;
  upsideDown: boolean;
  font: 'A' | 'B';
  /** Character magnification, 1 = normal. */
  widthScale: number;
  heightScale: number;
};

/** A run of text with one style. */
export type TextSegment = { text: string; style: TextStyle };

/** One printed line; `style` is that of its first non-blank run. */
export type TextItem = {
  kind: 'text';
  text: string;
  align: TextAlign;
  style: TextStyle;
  segments: TextSegment[];
};

/** Everything a stream can put on (or do to) the paper. */
export type DecodedItem = (
  | TextItem
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial: boolean }
  | {
      kind: 'qr';
      data: string;
      model: number | null;
      cellSize: number | null;
      correction: string | null;
    }
  | { kind: 'barcode'; symbology: string; data: string }
  | { kind: 'image'; widthDots: number; heightDots: number }
  | { kind: 'drawer'; pin: 2 | 5 }
  | { kind: 'codepage'; selector: number; name: CodePageName | null }
  | { kind: 'beep' }
) & {
  /** Byte offsets [start, end) of the command (or, for text, of the line) in the stream. */
  start: number;
  end: number;
};

/** A decoded stream: the items, and what could not be understood. */
export type DecodedDocument = { dialect: PrinterDialect; items: DecodedItem[]; warnings: string[] };

/** The initial style after power-on or ESC @. */
export function defaultStyle(): TextStyle {
  return {
    bold: false,
    underline: false,
    invert: false,
    upsideDown: false,
    font: 'A',
    widthScale: 1,
    heightScale: 1,
  };
}
