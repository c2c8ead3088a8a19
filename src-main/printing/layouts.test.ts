import { describe, expect, it } from 'vitest';
import { generateKeyPair, signTicketCode, verifyTicketCode } from '../../common/ticket-code.js';
import { decodeEscPos, plainText, textLines } from './escpos-decoder.js';
import type { DecodedDocument } from './escpos-types.js';
import {
  buildReceipt,
  buildTestPage,
  buildTicket,
  buildTickets,
  buildZReport,
  CHARS_PER_LINE,
  type LayoutPrinter,
} from './layouts.js';
import {
  BERLIN,
  LONDON,
  MUMBAI,
  sampleReceipt,
  sampleTicket,
  sampleZReport,
} from './print-fixtures.js';

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
const EPSON_80: LayoutPrinter = { type: 'epson', widthMm: 80, drawerPin: 2 };
const STAR_58: LayoutPrinter = { type: 'star', widthMm: 58, drawerPin: 5 };

function kinds(
  doc: DecodedDocument,
  kind: DecodedDocument['items'][number]['kind'],
): DecodedDocument['items'] {
  return doc.items.filter((item) => item.kind === kind);
}

function expectFitsPaper(doc: DecodedDocument, printer: LayoutPrinter): void {
  for (const line of textLines(doc))
    expect(line.text.length * line.style.widthScale, line.text).toBeLessThanOrEqual(
      CHARS_PER_LINE[printer.widthMm],
    );
}

describe.each([EPSON_80, STAR_58])('ticket on $type $widthMm mm', (printer) => {
  const doc = decodeEscPos(buildTicket(sampleTicket({ ticketCode: code }), printer));

  it('decodes to every field, in the cinema time zone and currency', () => {
    expect(doc.dialect).toBe(printer.type);
    expect(doc.warnings).toEqual([]);
    // Joined so that a title wrapped on 58 mm paper still reads as one phrase.
    const text = plainText(doc).replace(/\s*\n\s*/g, ' ');
    for (const expected of [
      'Marquee Leicester Square',
      'The Grand Budapest Hotel',
      'Rated 15 | IMAX',
      'Screen 3',
      'Mon, 14 Jul 2025',
      '19:30',
      'Row H  Seat 12',
      'Adult',
      '£12.50',
      'incl. VAT 20%',
      '£2.08',
      'S-000123',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('REPRINT');
  });

  it('prints the film and seat large and centered', () => {
    const title = textLines(doc).find((l) => l.text.includes('Budapest'));
    expect(title).toMatchObject({
      align: 'center',
      style: { bold: true, widthScale: 2, heightScale: 2 },
    });
    const seat = textLines(doc).find((l) => l.text.includes('Seat 12'));
    expect(seat).toMatchObject({ align: 'center', style: { bold: true, widthScale: 2 } });
    expectFitsPaper(doc, printer);
  });

  it('carries a verifiable QR and ends with a cut', () => {
    const [qr] = kinds(doc, 'qr');
    expect(qr).toMatchObject({ kind: 'qr', data: code, model: 2, correction: 'M' });
    const verified = verifyTicketCode(qr?.kind === 'qr' ? qr.data : '', server.publicKey);
    expect(verified).toMatchObject({ ok: true, payload: { seatLabel: 'H12', kid: 'srv' } });
    const content = doc.items.filter((i) => i.kind !== 'codepage');
    expect(content[content.length - 1]).toMatchObject({ kind: 'cut', partial: false });
    expect(kinds(doc, 'drawer')).toEqual([]);
  });
});

describe('ticket details', () => {
  it('marks reprints', () => {
    const doc = decodeEscPos(
      buildTicket(sampleTicket({ reprintCount: 2, ticketCode: code }), EPSON_80),
    );
    const mark = textLines(doc).find((l) => l.text.includes('REPRINT'));
    expect(mark).toMatchObject({ text: ' REPRINT 2 ', style: { invert: true, bold: true } });
  });

  it('prints unreserved seating and euro amounts in PC858', () => {
    const doc = decodeEscPos(
      buildTicket(
        sampleTicket({ cinema: BERLIN, seat: null, priceMinor: 1190, taxes: [], ticketCode: code }),
        EPSON_80,
      ),
    );
    expect(kinds(doc, 'codepage')[0]).toMatchObject({ name: 'PC858_EURO' });
    const text = plainText(doc);
    expect(text).toContain('Unreserved seating');
    expect(text).toContain('11,90 €');
    expect(text).toContain('Marquee Kino Köpenick');
    expect(text).toContain('Mo., 14. Juli 2025');
    expect(text).toContain('20:30');
  });

  it('spells out currencies the code page cannot print', () => {
    const doc = decodeEscPos(
      buildTicket(
        sampleTicket({
          cinema: MUMBAI,
          movieTitle: 'Dil Se ₹',
          priceMinor: 35000,
          ticketCode: code,
        }),
        STAR_58,
      ),
    );
    const text = plainText(doc);
    expect(text).toContain('INR 350.00');
    expect(text).toContain('Dil Se Rs.');
    expect(text).not.toContain('?');
    expect(text).toContain('12:00 am');
  });

  it('puts a sale in one job with a cut per ticket and the code page selected after each reset', () => {
    const tickets = ['11', '12', '13'].map((n) =>
      sampleTicket({ seat: { row: 'H', number: n }, ticketCode: code }),
    );
    const doc = decodeEscPos(buildTickets(tickets, EPSON_80));
    expect(kinds(doc, 'cut')).toHaveLength(3);
    expect(kinds(doc, 'qr')).toHaveLength(3);
    const prices = textLines(doc).filter((l) => l.text.includes('£12.50'));
    expect(prices).toHaveLength(3);
    expect(buildTickets([], EPSON_80)).toHaveLength(0);
  });

  it('wraps long titles to the paper', () => {
    const doc = decodeEscPos(
      buildTicket(
        sampleTicket({
          movieTitle: 'Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb',
          ticketCode: code,
        }),
        STAR_58,
      ),
    );
    expectFitsPaper(doc, STAR_58);
    expect(plainText(doc).replace(/\n/g, ' ')).toContain('How I Learned to Stop Worrying');
  });
});

describe('receipt', () => {
  it('kicks the drawer on the configured pin for cash, before printing', () => {
    for (const printer of [EPSON_80, STAR_58]) {
      const doc = decodeEscPos(buildReceipt(sampleReceipt('cash'), printer));
      expect(doc.warnings).toEqual([]);
      const drawers = kinds(doc, 'drawer');
      expect(drawers).toEqual([
        expect.objectContaining({ kind: 'drawer', pin: printer.drawerPin }),
      ]);
      expect(doc.items.findIndex((i) => i.kind === 'drawer')).toBeLessThan(
        doc.items.findIndex((i) => i.kind === 'text'),
      );
      const text = plainText(doc);
      for (const expected of [
        'RECEIPT',
        'S-000123',
        'Priya',
        '2 x £12.50',
        '£25.00',
        'Popcorn large',
        '£6.50',
        'TOTAL',
        '£31.50',
        'incl. VAT 20%',
        '£5.25',
        'Cash',
        '£40.00',
        'Change',
        '£8.50',
      ]) {
        expect(text).toContain(expected);
      }
      expectFitsPaper(doc, printer);
    }
  });

  it('does not kick the drawer for card', () => {
    const doc = decodeEscPos(buildReceipt(sampleReceipt('card'), EPSON_80));
    expect(kinds(doc, 'drawer')).toEqual([]);
    expect(plainText(doc)).toContain('Auth 083412');
    expect(plainText(doc)).not.toContain('Change');
  });

  it('marks training sales', () => {
    const doc = decodeEscPos(buildReceipt(sampleReceipt('card', { training: true }), EPSON_80));
    expect(textLines(doc).filter((l) => l.text === 'TRAINING - NOT A SALE')).toHaveLength(2);
  });
});

describe('Z-report', () => {
  it('prints totals per tender and ticket type, taxes, voids, sale range and counted vs expected', () => {
    const doc = decodeEscPos(buildZReport(sampleZReport(), EPSON_80));
    expect(doc.warnings).toEqual([]);
    const text = plainText(doc);
    for (const expected of [
      'Z-REPORT Z-0042',
      'S-000101',
      'S-000123',
      '£412.50',
      'Cash (9)',
      '£152.50',
      'Card (14)',
      '£260.00',
      'Adult (25)',
      'Child (10)',
      'VAT 20%',
      '£68.75',
      'Voids (2)',
      '£25.00',
      'Refunds (1)',
      'Expected',
      '£252.50',
      'Counted',
      '£250.00',
      'Difference',
      '-£2.50',
    ]) {
      expect(text).toContain(expected);
    }
    expectFitsPaper(doc, EPSON_80);
  });

  it('handles a session without sales', () => {
    const doc = decodeEscPos(
      buildZReport(
        sampleZReport({
          firstSaleNumber: null,
          lastSaleNumber: null,
          tenders: [],
          ticketTypes: [],
          taxes: [],
        }),
        STAR_58,
      ),
    );
    expect(textLines(doc).find((l) => l.text.startsWith('First sale'))?.text).toMatch(/-$/);
    expectFitsPaper(doc, STAR_58);
  });
});

describe('test page', () => {
  it('shows the printer, code page, accents and a QR', () => {
    const doc = decodeEscPos(
      buildTestPage({ type: 'star', widthMm: 80 }, LONDON, '2025-07-14T12:00:00Z'),
    );
    expect(doc.warnings).toEqual([]);
    const text = plainText(doc);
    expect(text).toContain('STAR 80 mm');
    expect(text).toContain('PC858_EURO');
    expect(text).toContain('Aa Ää Éé Ññ Øø Çç ß £ € ¥');
    expect(kinds(doc, 'qr')).toMatchObject([{ data: 'MARQUEE-TEST-PAGE' }]);
  });
});
