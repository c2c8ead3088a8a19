// Reads an ESC/POS byte stream (Epson or Star Line Mode, as node-thermal-printer emits them) back
// into what the paper shows, so tests and the virtual printer can assert on content instead of
// byte offsets. Like a printer, it never gives up on bad input: unknown commands are skipped by
// their documented length and reported as warnings.
import type { PrinterDialect } from './code-pages.js';
import { epsonCommand } from './escpos-epson.js';
import { DecodeState } from './escpos-state.js';
import { starCommand } from './escpos-star.js';
import type { DecodedDocument, TextItem } from './escpos-types.js';

export type * from './escpos-types.js';

/** Decoder options; the dialect is detected when not given. */
export type DecodeOptions = { dialect?: PrinterDialect | 'auto' };

/** Decodes an ESC/POS stream into text lines, cuts, QR codes, drawer kicks and code page changes; never throws. */
export function decodeEscPos(input: Uint8Array, options: DecodeOptions = {}): DecodedDocument {
  const dialect =
    options.dialect === undefined || options.dialect === 'auto'
      ? detectDialect(input)
      : options.dialect;
  const s = new DecodeState(input, dialect);
  const command = dialect === 'star' ? starCommand : epsonCommand;
  while (s.pos < input.length) {
    const start = s.pos;
    const byte = input[start] ?? 0;
    try {
      if (byte === 0x0a) {
        s.pos++;
        s.endLine(start);
      } else if (byte >= 0x20) {
        s.pos++;
        s.char(byte, start);
      } else if (byte === 0x09) {
        s.pos++;
        s.tab(start);
      } else if (byte === 0x0d || byte === 0x00) {
        s.pos++;
      } else if (!command(s, byte)) {
        s.pos++;
        s.warn(`unknown control byte 0x${byte.toString(16).padStart(2, '0')} at byte ${start}`);
      }
    } catch (err) {
      // A decoder bug must not take the virtual printer down; note it and move on.
      s.warn(`decoder error at byte ${start}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (s.pos <= start) s.pos = start + 1;
  }
  return s.document();
}

/** Guesses the dialect: Star Line Mode prefixes alignment, code page and QR commands with ESC GS. */
export function detectDialect(input: Uint8Array): PrinterDialect {
  for (let i = 0; i + 2 < input.length; i++) {
    if (
      input[i] === 0x1b &&
      input[i + 1] === 0x1d &&
      [0x61, 0x74, 0x79, 0x78].includes(input[i + 2] ?? 0)
    )
      return 'star';
  }
  return 'epson';
}

/** The printed text lines of a document, in order. */
export function textLines(doc: DecodedDocument): TextItem[] {
  return doc.items.filter(
    (item): item is Extract<typeof item, { kind: 'text' }> => item.kind === 'text',
  );
}

/** All printed text joined by newlines, trimmed per line; handy for "contains" assertions. */
export function plainText(doc: DecodedDocument): string {
  return textLines(doc)
    .map((line) => line.text.trim())
    .join('\n');
}
