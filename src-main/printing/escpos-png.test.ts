import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create as createQr } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, signTicketCode } from '../../common/ticket-code.js';
import { CODE_PAGE_UPPER_HALVES } from './code-page-tables.js';
import { decodeEscPos } from './escpos-decoder.js';
import { NOTE } from './escpos-png-bitmap.js';
import { hasGlyph } from './escpos-png-font.js';
import { paperWidthDots, renderDocumentPng } from './escpos-png.js';
import { defaultStyle, type DecodedDocument, type TextStyle } from './escpos-types.js';
import { buildReceipt, buildTicket, buildZReport, type LayoutPrinter } from './layouts.js';
import { BERLIN, sampleReceipt, sampleTicket, sampleZReport } from './print-fixtures.js';

const server = generateKeyPair();
const code = signTicketCode(
  {
    ticketId: 'e2b9a1d4-6f1c-4a3b-9d2e-5c7f8a9b0c1d',
    showId: 'show-77',
    seatLabel: 'H12',
    issuedAt: Date.UTC(2025, 6, 14, 17, 55),
  },
  { kind: 'server', secretKey: server.secretKey },
);

function picture(bytes: Buffer, options: Parameters<typeof renderDocumentPng>[1] = {}): PNG {
  return PNG.sync.read(renderDocumentPng(decodeEscPos(bytes), options));
}

/** Shades of the rows [from, to) of a decoded PNG (RGBA; the renderer writes grey). */
function shades(png: PNG, from = 0, to = png.height): number[] {
  const out: number[] = [];
  for (let i = from * png.width * 4; i < to * png.width * 4; i += 4) out.push(png.data[i] ?? 255);
  return out;
}

const inked = (values: number[]): number => values.filter((v) => v === 0).length;

function textDoc(text: string, style: Partial<TextStyle> = {}): DecodedDocument {
  const s = { ...defaultStyle(), ...style };
  return {
    dialect: 'epson',
    warnings: [],
    items: [
      {
        kind: 'text',
        text,
        align: 'left',
        style: s,
        segments: [{ text, style: s }],
        start: 0,
        end: 0,
      },
    ],
  };
}

const EPSON_80: LayoutPrinter = { type: 'epson', widthMm: 80 };
const EPSON_58: LayoutPrinter = { type: 'epson', widthMm: 58 };

describe.each([
  { printer: EPSON_80, dots: 576, cell: 6 },
  { printer: EPSON_58, dots: 384, cell: 5 },
])('ticket on EPSON $printer.widthMm mm as a picture', ({ printer, dots, cell }) => {
  const png = picture(buildTicket(sampleTicket({ ticketCode: code }), printer));

  it('is as wide as the paper in dots and has print on it', () => {
    expect(png.width).toBe(dots);
    expect(png.width).toBe(
      paperWidthDots(decodeEscPos(buildTicket(sampleTicket({ ticketCode: code }), printer))),
    );
    const all = shades(png);
    // Text and a QR code: far more than a few stray dots, far less than a black page.
    expect(inked(all) / all.length).toBeGreaterThan(0.05);
    expect(inked(all) / all.length).toBeLessThan(0.5);
  });

  it('carries a QR code that a reader decodes to the exact signed ticket code, at the cell size sent', () => {
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(found?.data).toBe(code);
    const modules = createQr([{ data: Buffer.from(code, 'latin1'), mode: 'byte' }], {
      errorCorrectionLevel: 'M',
    }).modules.size;
    const side = (found?.location.topRightCorner.x ?? 0) - (found?.location.topLeftCorner.x ?? 0);
    expect(Math.round(side)).toBe(modules * cell);
  });
});

describe('documents as pictures', () => {
  it('marks the drawer kick of a cash receipt and not of a card receipt', () => {
    // The kick comes first, so its mark is in the first lines; print is black, marks are grey.
    const top = (tender: 'cash' | 'card'): number[] =>
      shades(picture(buildReceipt(sampleReceipt(tender), EPSON_80)), 0, 30);
    expect(top('cash')).toContain(NOTE);
    expect(top('card')).not.toContain(NOTE);
  });

  it('renders a Star Z-report and a euro ticket on 80 mm', () => {
    const z = picture(buildZReport(sampleZReport(), { type: 'star', widthMm: 80 }));
    expect(z.width).toBe(576);
    expect(inked(shades(z))).toBeGreaterThan(5000);
    const euro = picture(buildTicket(sampleTicket({ cinema: BERLIN, ticketCode: code }), EPSON_80));
    expect(jsQR(new Uint8ClampedArray(euro.data), euro.width, euro.height)?.data).toBe(code);
  });

  it('has a glyph for every character a supported code page decodes to', () => {
    const missing = Object.values(CODE_PAGE_UPPER_HALVES)
      .flatMap((page) => Array.from(page))
      .filter((c) => !hasGlyph(c));
    expect(missing).toEqual([]);
    for (const c of ['£', '€', '₹', 'Ж', 'Ω', '░', '\ufffd']) expect(hasGlyph(c), c).toBe(true);
  });

  it('prints emphasized, reversed and magnified text the way a printer does', () => {
    const ink = (doc: DecodedDocument): number =>
      inked(shades(PNG.sync.read(renderDocumentPng(doc, { widthChars: 48 }))));
    const plain = ink(textDoc('Screen 3'));
    expect(ink(textDoc('Screen 3', { bold: true }))).toBeGreaterThan(plain * 1.2);
    expect(ink(textDoc('Screen 3', { widthScale: 2, heightScale: 2 }))).toBe(plain * 4);
    // Reversed: the cells are black and the letters white.
    expect(ink(textDoc('Screen 3', { invert: true }))).toBe(8 * 12 * 24 - plain);
  });

  it('takes the paper width from the columns, and bounds the length of a runaway job', () => {
    const doc = textDoc('x'.repeat(20));
    expect(PNG.sync.read(renderDocumentPng(doc, { widthChars: 32 })).width).toBe(384);
    expect(paperWidthDots(doc)).toBe(384);
    expect(paperWidthDots(textDoc('x'.repeat(40)))).toBe(576);
    const long: DecodedDocument = {
      dialect: 'epson',
      warnings: [],
      items: Array.from({ length: 5000 }, () => textDoc('line').items).flat(),
    };
    const png = PNG.sync.read(renderDocumentPng(long, { maxHeightDots: 2000 }));
    expect(png.height).toBeLessThanOrEqual(2000 + 2 * 34);
    expect(shades(png, png.height - 40)).toContain(NOTE);
  });
});
