import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, detectDialect, plainText, textLines } from './escpos-decoder.js';
import { renderDocumentText } from './escpos-render.js';
import { buildReceipt, buildTicket } from './layouts.js';
import { sampleReceipt, sampleTicket } from './print-fixtures.js';

function libraryPrinter(type: 'epson' | 'star'): ThermalPrinter {
  return new ThermalPrinter({
    type: type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    interface: '',
    width: 48,
  });
}

/** A small deterministic PRNG so fuzz failures reproduce. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

describe.each(['epson', 'star'] as const)(
  'decoding what node-thermal-printer emits (%s)',
  (type) => {
    it('reads styles and alignment per line', () => {
      const p = libraryPrinter(type);
      p.alignCenter();
      p.bold(true);
      p.println('Bold centered');
      p.bold(false);
      p.alignRight();
      p.underline(true);
      p.println('Underlined right');
      p.underline(false);
      p.alignLeft();
      p.invert(true);
      p.println('Inverted');
      p.invert(false);
      p.setTextQuadArea();
      p.println('Big');
      p.setTextDoubleHeight();
      p.println('Tall');
      p.setTextNormal();
      p.print('Plain ');
      p.bold(true);
      p.println('mixed');
      p.bold(false);
      p.partialCut();
      const doc = decodeEscPos(p.getBuffer());
      expect(doc.dialect).toBe(type);
      expect(doc.warnings).toEqual([]);
      const lines = textLines(doc);
      expect(lines.map((l) => l.text)).toEqual([
        'Bold centered',
        'Underlined right',
        'Inverted',
        'Big',
        'Tall',
        'Plain mixed',
      ]);
      expect(lines[0]).toMatchObject({ align: 'center', style: { bold: true } });
      expect(lines[1]).toMatchObject({ align: 'right', style: { underline: true, bold: false } });
      expect(lines[2]).toMatchObject({ align: 'left', style: { invert: true } });
      expect(lines[3]?.style).toMatchObject({ widthScale: 2, heightScale: 2 });
      expect(lines[4]?.style).toMatchObject({ widthScale: 1, heightScale: 2 });
      expect(lines[5]?.segments.map((s) => [s.text, s.style.bold])).toEqual([
        ['Plain ', false],
        ['mixed', true],
      ]);
      expect(doc.items.filter((i) => i.kind === 'cut')).toMatchObject([{ partial: true }]);
    });

    it('reads barcodes and keeps going after them', () => {
      const p = libraryPrinter(type);
      p.code128('TKT-42');
      p.println('after');
      const doc = decodeEscPos(p.getBuffer(), { dialect: type });
      expect(doc.items.find((i) => i.kind === 'barcode')).toMatchObject({
        data: expect.stringContaining('TKT-42') as unknown,
      });
      expect(textLines(doc).map((l) => l.text)).toContain('after');
    });
  },
);

describe('library quirks the layouts avoid', () => {
  it('Epson openCashDrawer omits pulse times, so a printer swallows the next kick', () => {
    const p = libraryPrinter('epson');
    p.openCashDrawer();
    p.println('after');
    const doc = decodeEscPos(p.getBuffer());
    expect(doc.items.filter((i) => i.kind === 'drawer')).toHaveLength(1);
    expect(doc.warnings.join()).toMatch(/unknown control byte 0x01/);
  });

  it('Star printQR omits the data header, so the data prints as text', () => {
    const p = libraryPrinter('star');
    p.printQR('HELLO');
    const doc = decodeEscPos(p.getBuffer());
    expect(doc.items.some((i) => i.kind === 'qr')).toBe(false);
    expect(plainText(doc)).toContain('HELLO');
    expect(doc.warnings.join()).toMatch(/QR print .* without stored data/);
  });
});

describe('robustness', () => {
  it('never throws on random bytes and caps warnings', () => {
    const rand = prng(7);
    for (let i = 0; i < 1500; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rand() * 600) }, () => {
        const r = rand();
        // Bias towards command prefixes so that command parsers, not only text, get exercised.
        return r < 0.15
          ? 0x1b
          : r < 0.25
            ? 0x1d
            : r < 0.3
              ? 0x10
              : r < 0.35
                ? 0x1c
                : Math.floor(rand() * 256);
      });
      for (const dialect of ['epson', 'star'] as const) {
        const doc = decodeEscPos(bytes, { dialect });
        expect(doc.warnings.length).toBeLessThanOrEqual(51);
        renderDocumentText(doc);
      }
    }
  });

  it('decodes every truncation of a real ticket without throwing', () => {
    const bytes = buildTicket(sampleTicket({ ticketCode: 'A'.repeat(290) }), {
      type: 'star',
      widthMm: 58,
    });
    for (let cut = 0; cut < bytes.length; cut++) {
      const doc = decodeEscPos(bytes.subarray(0, cut), { dialect: 'star' });
      expect(doc.items.filter((i) => i.kind === 'qr').length).toBeLessThanOrEqual(1);
    }
  });

  it('skips unknown and length-prefixed commands and decodes what follows', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x1b, 0x01]),
      Buffer.from('one\n'),
      Buffer.from([0x1d, 0x28, 0x4c, 0x04, 0x00, 1, 2, 3, 4]),
      Buffer.from('two\n'),
      Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xff, 0x0a, 0x1b, 0x40]),
      Buffer.from('three\n'),
      Buffer.from([0x10, 0x04, 0x04, 0x10, 0x14, 0x01, 0x01, 0x05]),
      Buffer.from('four\n'),
      Buffer.from([0x1d, 0x56, 0x41, 0x03, 0x1d, 0x56, 0x42, 0x00, 0x1d, 0x56, 0x31]),
    ]);
    const doc = decodeEscPos(bytes, { dialect: 'epson' });
    expect(textLines(doc).map((l) => l.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(doc.items.filter((i) => i.kind === 'image')).toMatchObject([
      { widthDots: 16, heightDots: 2 },
    ]);
    expect(doc.items.filter((i) => i.kind === 'drawer')).toMatchObject([{ pin: 5 }]);
    expect(doc.items.filter((i) => i.kind === 'cut').map((i) => i.partial)).toEqual([
      false,
      true,
      true,
    ]);
    expect(doc.warnings).toEqual(['unknown command ESC 0x01 at byte 0']);
  });

  it('reports a length that runs past the end', () => {
    const doc = decodeEscPos(Buffer.from([0x1d, 0x28, 0x6b, 0xff, 0xff, 0x31, 0x50, 0x30, 0x41]));
    expect(doc.warnings[0]).toMatch(/truncated/);
  });
});

describe('detection and rendering', () => {
  it('detects the dialect of layouts and renders markers', () => {
    const star = buildReceipt(sampleReceipt('cash'), { type: 'star', widthMm: 58, drawerPin: 2 });
    const epson = buildTicket(sampleTicket({ ticketCode: 'CODE' }), { type: 'epson', widthMm: 80 });
    expect(detectDialect(star)).toBe('star');
    expect(detectDialect(epson)).toBe('epson');
    const receipt = renderDocumentText(decodeEscPos(star));
    expect(receipt).toContain('[DRAWER pin 2]');
    expect(receipt).toContain('[CUT]');
    const ticket = renderDocumentText(decodeEscPos(epson));
    expect(ticket).toContain('[QR: CODE]');
    expect(ticket.split('\n').find((l) => l.includes('Screen 3'))).toBe(
      `Screen${' '.repeat(34)}Screen 3`,
    );
  });
});
