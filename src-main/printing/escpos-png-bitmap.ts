// The paper of the PNG rendering: a strip of fixed width in printer dots that grows as the job
// prints, one grey byte per dot, and its PNG encoding.
import { PNG } from 'pngjs';

/** Paper white. */
export const PAPER = 255;
/** What the print head burns. */
export const INK = 0;
/** Marks that are not on the paper (cut lines, drawer kicks): grey so nobody mistakes them for print. */
export const NOTE = 150;

/** A 1-bit glyph or symbol: `data[y * width + x]` is 1 where a dot prints. */
export type DotMask = { width: number; height: number; data: Uint8Array };

/** A paper strip `width` dots wide, at most `maxHeight` dots long. */
export class PaperStrip {
  /** Dots printed so far, from the top. */
  height = 0;
  private pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly maxHeight: number,
  ) {
    this.pixels = new Uint8Array(width * 256).fill(PAPER);
  }

  /** Makes room for `rows` more dots below `y`; false once the strip would pass its maximum. */
  reserve(y: number, rows: number): boolean {
    const needed = y + rows;
    if (needed > this.maxHeight) return false;
    if (needed * this.width > this.pixels.length) {
      // Doubling keeps a long receipt at a few reallocations.
      const grown = new Uint8Array(
        Math.min(this.maxHeight, Math.max(needed, (this.pixels.length / this.width) * 2)) *
          this.width,
      ).fill(PAPER);
      grown.set(this.pixels);
      this.pixels = grown;
    }
    this.height = Math.max(this.height, needed);
    return true;
  }

  /** Fills a rectangle, clipped to the paper. */
  fill(x: number, y: number, w: number, h: number, shade: number): void {
    const x0 = Math.max(0, x);
    const x1 = Math.min(this.width, x + w);
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      this.pixels.fill(shade, row * this.width + x0, row * this.width + Math.max(x0, x1));
    }
  }

  /** Draws a mask magnified by whole dots per axis, as a printer enlarges its font. */
  stamp(mask: DotMask, x: number, y: number, scaleX: number, scaleY: number, shade: number): void {
    for (let my = 0; my < mask.height; my++) {
      for (let mx = 0; mx < mask.width; mx++) {
        if (mask.data[my * mask.width + mx] === 1)
          this.fill(x + mx * scaleX, y + my * scaleY, scaleX, scaleY, shade);
      }
    }
  }

  /** Rotates a full-width band by 180°, for upside-down printing. */
  rotateBand(y: number, h: number): void {
    const band = this.pixels.subarray(y * this.width, Math.min(this.height, y + h) * this.width);
    band.reverse();
  }

  /** The strip as a greyscale PNG, cut after the last dot printed. */
  toPng(): Buffer {
    const png = new PNG({
      width: this.width,
      height: Math.max(1, this.height),
      colorType: 0,
      inputColorType: 0,
      bitDepth: 8,
    });
    png.data = Buffer.from(
      this.pixels.buffer,
      this.pixels.byteOffset,
      this.width * Math.max(1, this.height),
    );
    return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
  }
}
