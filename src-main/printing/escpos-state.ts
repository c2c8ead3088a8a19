// Decoder state shared by the Epson and Star command tables: the cursor in the byte stream, the
// modes a printer would be in, the line being assembled and the items found so far.
import {
  DEFAULT_CODE_PAGE,
  codePageBySelector,
  decodeByte,
  type CodePageName,
  type PrinterDialect,
} from './code-pages.js';
import {
  defaultStyle,
  type DecodedDocument,
  type DecodedItem,
  type TextAlign,
  type TextSegment,
  type TextStyle,
} from './escpos-types.js';

const MAX_WARNINGS = 50;

/** Distributes Omit over the item union so `emit` can take any item without offsets. */
type ItemWithoutOffsets = DecodedItem extends infer T
  ? T extends DecodedItem
    ? Omit<T, 'start' | 'end'>
    : never
  : never;

/** QR settings and data stored by the printer until the print command. */
export type QrStore = {
  data: string | null;
  model: number | null;
  cellSize: number | null;
  correction: string | null;
};

/** Mutable state of one decode run. */
export class DecodeState {
  pos = 0;
  style: TextStyle = defaultStyle();
  align: TextAlign = 'left';
  codePage: CodePageName | null = DEFAULT_CODE_PAGE;
  qr: QrStore = { data: null, model: null, cellSize: null, correction: null };
  private readonly items: DecodedItem[] = [];
  private readonly warnings: string[] = [];
  private segments: TextSegment[] = [];
  private lineAlign: TextAlign | null = null;
  private lineStart = -1;

  constructor(
    readonly bytes: Uint8Array,
    readonly dialect: PrinterDialect,
  ) {}

  /** The byte `offset` positions after the cursor. */
  at(offset: number): number | undefined {
    return this.bytes[this.pos + offset];
  }

  /** Consumes `n` bytes and returns them; on a truncated command warns, skips to the end and returns null. */
  take(n: number, what: string): Uint8Array | null {
    if (this.pos + n > this.bytes.length) {
      this.warn(`truncated ${what} at byte ${this.pos}`);
      this.pos = this.bytes.length;
      return null;
    }
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Adds one printable byte to the current line. */
  char(byte: number, start: number): void {
    this.addText(decodeByte(this.codePage, byte), start);
  }

  /** Advances to the next tab stop (every 8 columns). */
  tab(start: number): void {
    const col = this.segments.reduce((n, s) => n + s.text.length, 0);
    this.addText(' '.repeat(8 - (col % 8)), start);
  }

  /** Ends the current line (LF), emitting it even when empty. */
  endLine(start: number): void {
    const segments = mergeSegments(this.segments);
    const text = segments.map((s) => s.text).join('');
    const styled = segments.find((s) => s.text.trim() !== '') ?? segments[0];
    const from = this.lineStart >= 0 ? this.lineStart : start;
    this.items.push({
      kind: 'text',
      text,
      align: this.lineAlign ?? this.align,
      style: styled?.style ?? this.style,
      segments,
      start: from,
      end: this.pos,
    });
    this.segments = [];
    this.lineAlign = null;
    this.lineStart = -1;
  }

  /** Prints a pending partial line, as a printer does before a cut, feed or symbol. */
  flushLine(): void {
    if (this.segments.length > 0) this.endLine(this.lineStart);
  }

  /** Records an item that ends at the cursor. */
  emit(item: ItemWithoutOffsets, start: number): void {
    this.items.push({ ...item, start, end: this.pos });
  }

  /** Updates character attributes. */
  setStyle(patch: Partial<TextStyle>): void {
    this.style = { ...this.style, ...patch };
  }

  /** Selects a code page by its selector number in this dialect. */
  selectCodePage(selector: number, start: number): void {
    const name = codePageBySelector(this.dialect, selector);
    if (name === null)
      this.warn(`code page ${selector} is not known; its upper half decodes as U+FFFD`);
    this.codePage = name;
    this.emit({ kind: 'codepage', selector, name }, start);
  }

  /** ESC @: the printer clears its buffer and modes. */
  reset(): void {
    if (this.segments.some((s) => s.text !== ''))
      this.warn(`ESC @ at byte ${this.pos} discarded unprinted text`);
    this.segments = [];
    this.lineAlign = null;
    this.lineStart = -1;
    this.style = defaultStyle();
    this.align = 'left';
    this.codePage = DEFAULT_CODE_PAGE;
  }

  /** Notes something the decoder could not understand; capped so garbage cannot grow memory. */
  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (this.warnings.length === MAX_WARNINGS)
      this.warnings.push('further warnings suppressed');
  }

  /** The finished document. */
  document(): DecodedDocument {
    this.flushLine();
    return { dialect: this.dialect, items: this.items, warnings: this.warnings };
  }

  private addText(text: string, start: number): void {
    if (this.segments.length === 0) {
      this.lineAlign = this.align;
      this.lineStart = start;
    }
    const last = this.segments[this.segments.length - 1];
    if (last && last.style === this.style) last.text += text;
    else this.segments.push({ text, style: this.style });
  }
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return (Object.keys(a) as (keyof TextStyle)[]).every((k) => a[k] === b[k]);
}

// Style commands that change nothing (bold on, bold off around an empty run) split runs needlessly.
function mergeSegments(segments: TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && sameStyle(last.style, s.style)) last.text += s.text;
    else out.push({ text: s.text, style: s.style });
  }
  return out;
}
