// A typed, build-only wrapper around node-thermal-printer: layouts describe lines, this turns them
// into bytes with the library and never opens a connection (printer-driver.ts sends the bytes).
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import {
  dialectHasCodePage,
  toPrintable,
  type CodePageName,
  type PrinterDialect,
} from './code-pages.js';

/** Paper widths we lay out for. */
export type PaperWidthMm = 58 | 80;

/** Cash drawer pin the printer's DK port drives (2 = drawer 1, 5 = drawer 2). */
export type DrawerPin = 2 | 5;

/** What a layout needs to know about the printer. */
export type LayoutPrinter = { type: PrinterDialect; widthMm: PaperWidthMm; drawerPin?: DrawerPin };

/** Characters per line in font A. */
export const CHARS_PER_LINE: Record<PaperWidthMm, number> = { 58: 32, 80: 48 };

/** How one line looks. */
export type LineStyle = {
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  underline?: boolean;
  invert?: boolean;
  size?: 'normal' | 'double-height' | 'double-width' | 'double';
};

const ESC_INIT = Buffer.from([0x1b, 0x40]);

/** Builds one ESC/POS buffer, line by line, for one printer. */
export class PrintBuilder {
  /** Columns of a normal-size line. */
  readonly width: number;
  private readonly printer: ThermalPrinter;
  private align: 'left' | 'center' | 'right' = 'left';

  constructor(
    private readonly target: LayoutPrinter,
    readonly codePage: CodePageName,
  ) {
    this.width = CHARS_PER_LINE[target.widthMm];
    if (!dialectHasCodePage(target.type, codePage)) this.codePage = 'PC858_EURO';
    this.printer = new ThermalPrinter({
      type: target.type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
      // No interface: an empty string makes the library skip creating one, so nothing can connect.
      interface: '',
      width: this.width,
      characterSet: CharacterSet[this.codePage],
      // We wrap ourselves because the library does not know about double-width text.
      breakLine: BreakLine.NONE,
    });
    // Start every job from a known state, then select the page the text is encoded in.
    this.printer.setBuffer(ESC_INIT);
    this.printer.setCharacterSet(CharacterSet[this.codePage]);
  }

  /** Text as it will print in this code page. */
  printable(text: string): string {
    return toPrintable(text, this.codePage);
  }

  /** Prints text, wrapped at word boundaries to the columns its size allows. */
  line(text: string, style: LineStyle = {}): void {
    const size = style.size ?? 'normal';
    const cols =
      size === 'double' || size === 'double-width' ? Math.floor(this.width / 2) : this.width;
    this.setAlign(style.align ?? 'left');
    if (size === 'double') this.printer.setTextQuadArea();
    else if (size === 'double-height') this.printer.setTextDoubleHeight();
    else if (size === 'double-width') this.printer.setTextDoubleWidth();
    if (style.bold === true) this.printer.bold(true);
    if (style.underline === true) this.printer.underline(true);
    if (style.invert === true) this.printer.invert(true);
    for (const part of wrap(this.printable(text), cols)) this.printer.println(part);
    if (style.invert === true) this.printer.invert(false);
    if (style.underline === true) this.printer.underline(false);
    if (style.bold === true) this.printer.bold(false);
    if (size !== 'normal') this.printer.setTextNormal();
  }

  /** Prints a label on the left and a value on the right; the value moves to its own line if both do not fit. */
  pair(left: string, right: string, style: Pick<LineStyle, 'bold'> = {}): void {
    const l = this.printable(left);
    const r = this.printable(right);
    this.setAlign('left');
    if (style.bold === true) this.printer.bold(true);
    if (l.length + 1 + r.length <= this.width) {
      this.printer.println(l + ' '.repeat(this.width - l.length - r.length) + r);
    } else {
      for (const part of wrap(l, this.width)) this.printer.println(part);
      for (const part of wrap(r, this.width)) this.printer.println(part.padStart(this.width));
    }
    if (style.bold === true) this.printer.bold(false);
  }

  /** Prints a full-width rule. */
  rule(char = '-'): void {
    this.setAlign('left');
    this.printer.println(char.repeat(this.width));
  }

  /** Feeds one empty line. */
  blank(): void {
    this.printer.newLine();
  }

  /** Prints a centered QR code of ASCII data. */
  qr(data: string, cellSize: number): void {
    this.setAlign('center');
    if (this.target.type === 'epson') {
      this.printer.printQR(data, { cellSize, correction: 'M', model: 2 });
    } else {
      // node-thermal-printer 4.6.1 omits the "ESC GS y D 1 m" header before Star QR data, so a real
      // Star printer would print the length and data as text; emit the documented sequence.
      const bytes = Buffer.from(data, 'latin1');
      this.printer.add(
        Buffer.concat([
          Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x30, 0x02]), // model 2
          Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x31, 0x01]), // correction M
          Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x32, cellSize]),
          Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00, bytes.length & 0xff, bytes.length >> 8]),
          bytes,
          Buffer.from([0x1b, 0x1d, 0x79, 0x50]), // print
        ]),
      );
    }
    this.printer.newLine();
    this.setAlign('left');
  }

  /** Pulses the cash drawer on a pin (default: the printer's configured pin, else 2). */
  drawerKick(pin: DrawerPin = this.target.drawerPin ?? 2): void {
    // Not openCashDrawer(): for Epson it emits "ESC p 0" and "ESC p 1" without their pulse-time
    // bytes (so a printer swallows the next command) and kicks both pins; for Star always drawer 1.
    if (this.target.type === 'epson') {
      this.printer.add(Buffer.from([0x1b, 0x70, pin === 2 ? 0 : 1, 25, 250]));
    } else {
      this.printer.add(Buffer.from([0x1b, 0x07, 11, 55, pin === 2 ? 0x07 : 0x1a]));
    }
  }

  /** Feeds to the cutter and cuts; the printer resets, so the code page is selected again. */
  cut(partial = false): void {
    if (partial) this.printer.partialCut({ verticalTabAmount: 1 });
    else this.printer.cut({ verticalTabAmount: 1 });
    this.align = 'left';
    this.printer.setCharacterSet(CharacterSet[this.codePage]);
  }

  /** The bytes built so far. */
  build(): Buffer {
    return Buffer.from(this.printer.getBuffer());
  }

  private setAlign(align: 'left' | 'center' | 'right'): void {
    if (align === this.align) return;
    if (align === 'center') this.printer.alignCenter();
    else if (align === 'right') this.printer.alignRight();
    else this.printer.alignLeft();
    this.align = align;
  }
}

/** Splits text into lines of at most `cols` characters, at spaces where possible. */
export function wrap(text: string, cols: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.length <= cols) {
      out.push(paragraph);
      continue;
    }
    let current = '';
    for (const word of paragraph.split(' ')) {
      let w = word;
      while (w.length > cols) {
        if (current !== '') out.push(current);
        out.push(w.slice(0, cols));
        w = w.slice(cols);
        current = '';
      }
      if (current === '') current = w;
      else if (current.length + 1 + w.length <= cols) current += ' ' + w;
      else {
        out.push(current);
        current = w;
      }
    }
    out.push(current);
  }
  return out;
}
