// Receipts and Z-reports with food and drink: the receipt adds up on paper (lines, discount, added
// taxes, total) and the Z-report has a section for the food sold.
import { describe, expect, it } from 'vitest';
import { decodeEscPos, plainText, textLines } from './escpos-decoder.js';
import { buildReceipt, buildZReport, CHARS_PER_LINE, type LayoutPrinter } from './layouts.js';
import { sampleFoodReceipt, sampleReceipt, sampleZReport } from './print-fixtures.js';

const EPSON_80: LayoutPrinter = { type: 'epson', widthMm: 80, drawerPin: 2 };
const STAR_58: LayoutPrinter = { type: 'star', widthMm: 58, drawerPin: 5 };

describe('receipt with food, a promo code and added taxes', () => {
  it.each([EPSON_80, STAR_58])(
    'prints lines, subtotal, discount, each added tax and the total in that order on $type $widthMm mm',
    (printer) => {
      const doc = decodeEscPos(buildReceipt(sampleFoodReceipt(), printer));
      expect(doc.warnings).toEqual([]);
      const lines = textLines(doc).map((l) => l.text);
      const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
      expect(lines).toContain('Salted Popcorn (Regular)');
      expect(lines.find((l) => l.startsWith('  2 x'))).toMatch(
        /^ {2}2 x INR\s?290\.00\s+INR\s?580\.00$/,
      );
      expect(lines.find((l) => l.startsWith('Discount FLAT100'))).toMatch(/-INR\s?100\.00$/);
      const order = [
        'Salted Popcorn',
        'Subtotal',
        'Discount FLAT100',
        'Tax CGST 9%',
        'Tax SGST 9%',
        'Tax CGST 2.5%',
        'Tax SGST 2.5%',
        'TOTAL',
      ].map(at);
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(plainText(doc)).toMatch(/TOTAL\s+INR\s?1,346\.40/);
      for (const line of textLines(doc))
        expect(line.text.length * line.style.widthScale, line.text).toBeLessThanOrEqual(
          CHARS_PER_LINE[printer.widthMm],
        );
    },
  );

  it('leaves the subtotal out when nothing stands between it and the total', () => {
    const text = plainText(
      decodeEscPos(buildReceipt(sampleReceipt('cash', { subtotalMinor: 3150 }), EPSON_80)),
    );
    expect(text).not.toContain('Subtotal');
    expect(text).not.toContain('Discount');
  });
});

describe('Z-report with food and drink', () => {
  it('prints a section per item, and none when no food was sold', () => {
    const text = plainText(decodeEscPos(buildZReport(sampleZReport(), EPSON_80)));
    for (const expected of [
      'Food and drink',
      'Popcorn large (4)',
      '£26.00',
      'Soft drink (2)',
      '£9.00',
    ])
      expect(text).toContain(expected);
    expect(
      plainText(decodeEscPos(buildZReport(sampleZReport({ concessions: [] }), EPSON_80))),
    ).not.toContain('Food and drink');
  });
});
