import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { BoError } from '../../../common/errors.js';
import { readPdfPages } from '../../../test/support/pdf-qr.js';
import { makeFacts } from './test-facts.js';
import { ticketsPdf } from './ticket-pdf.js';

type Rendered = { text: string; qr: string | null; widthMm: number };

/** Each page's text and decoded QR (test/support/pdf-qr.ts), and the QR symbol's printed width. */
function readPages(pdf: Buffer): Rendered[] {
  return readPdfPages(pdf).map(({ text, qr, found }) => {
    let widthMm = 0;
    if (found !== null) {
      // The finder-pattern centres are (size − 7) modules apart; size = 17 + 4·version. Pixels at
      // 2× scale → points → mm.
      const size = 17 + 4 * found.version;
      const spanPx = found.location.topRightFinderPattern.x - found.location.topLeftFinderPattern.x;
      widthMm = ((spanPx * size) / (size - 7) / 2) * (25.4 / 72);
    }
    return { text, qr, widthMm };
  });
}

describe('ticketsPdf', () => {
  it('prints one page per valid ticket, each with its QR code and the facts the door needs', async () => {
    const facts = makeFacts();
    const pages = readPages(await ticketsPdf(facts));
    expect(pages).toHaveLength(2);
    const valid = facts.tickets.filter((t) => t.code !== null);
    pages.forEach((page, i) => {
      const ticket = valid[i];
      expect(page.qr).toBe(ticket?.code);
      expect(page.widthMm).toBeGreaterThanOrEqual(55);
      for (const needed of [
        'Marquee Riverside',
        '12 Bankside, London SE1 9TG',
        'The Long Goodbye',
        '12A',
        '2D · English',
        'Screen 3',
        ticket?.seatLabel ?? '?',
        ticket?.ticketTypeName ?? '?',
        'MQ7K2P',
        '4 December 2026',
        '19:30',
      ]) {
        expect(page.text).toContain(needed);
      }
    });
    expect(pages[0]?.text).toContain('£9.50 incl. £1.58 tax');
    expect(pages[1]?.text).toContain('£6.50 incl. £1.08 tax');
  });

  it('shows the local time in the cinema zone and prints any script', async () => {
    const facts = makeFacts({
      cinema: { timeZone: 'America/New_York', locale: 'en-US' },
      show: { movieTitle: 'Сталкер — Στάλκερ' },
      currency: 'USD',
    });
    const [first] = readPages(await ticketsPdf(facts));
    expect(first?.text).toContain('2:30 PM');
    expect(first?.text).toContain('Сталкер — Στάλκερ');
    expect(first?.text).toContain('$9.50 incl. $1.58 tax');
  });

  it('makes the same bytes for the same booking, with Marquee as author', async () => {
    const facts = makeFacts();
    const a = await ticketsPdf(facts);
    // Concurrent renders too: async image handling inside pdfkit once made the bytes vary.
    const more = await Promise.all([ticketsPdf(facts), ticketsPdf(facts), ticketsPdf(facts)]);
    for (const b of more) expect(a.equals(b)).toBe(true);
    const doc = mupdf.Document.openDocument(a, 'application/pdf');
    expect(doc.getMetaData('info:Author')).toBe('Marquee');
    expect(doc.getMetaData('info:Title')).toContain('MQ7K2P');
  });

  it('refuses a booking without a valid ticket and bad facts', async () => {
    const none = makeFacts({
      tickets: makeFacts().tickets.map((t) => ({ ...t, status: 'refunded', code: null })),
    });
    await expect(ticketsPdf(none)).rejects.toMatchObject({ code: 'BO_TICKET_NOT_VALID' });
    const badZone = makeFacts({ cinema: { timeZone: 'Mars/Olympus' } });
    await expect(ticketsPdf(badZone)).rejects.toBeInstanceOf(BoError);
    await expect(ticketsPdf(badZone)).rejects.toMatchObject({ code: 'BO_VALIDATION' });
  });
});
