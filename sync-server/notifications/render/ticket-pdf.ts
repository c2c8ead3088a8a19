// E-tickets: one A5 page per valid ticket, everything the door and the customer need, and a large
// QR code of the signed ticket code. DejaVu Sans is embedded so any title (accents, Cyrillic, Greek)
// prints; the PDF's dates come from the facts so the same booking gives the same bytes.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { BoError } from '../../../common/errors.js';
import type { BookingFacts } from '../types.js';
import { checkFacts } from './check.js';
import { dateOnly, formatLine, money, placeOf, timeOnly, type Place } from './format.js';

// Resolved through the package so it works wherever npm installed it (as the printer fonts do).
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MM = 72 / 25.4;
const PAGE = { width: 148 * MM, height: 210 * MM };
const MARGIN = 12 * MM;
const WIDTH = PAGE.width - 2 * MARGIN;
// 60 mm is comfortably above the 55 mm a door scanner reads at arm's length from paper or a phone.
const QR_SIZE = 60 * MM;

type Ticket = BookingFacts['tickets'][number] & { code: string };

// pngjs writes RGBA unless told otherwise; pdfkit then splits the alpha channel off on an async
// zlib stream, which makes the object order (and so the bytes) vary between runs. A grayscale PNG
// has no alpha to split. colorType is a pngjs option that qrcode passes through but does not type.
const QR_PNG_OPTIONS: QRCode.QRCodeToBufferOptions = {
  errorCorrectionLevel: 'M',
  type: 'png',
  // No margin in the image: the symbol itself is QR_SIZE wide, and the white page around it (at
  // least 8 mm, more than 4 modules) is the quiet zone.
  margin: 0,
  scale: 10,
};
const GRAYSCALE = { deflateLevel: 9, colorType: 0 };

/** QR of a ticket code as a PNG, drawn with crisp modules (scaled down by the PDF, not up). */
async function qrPng(code: string): Promise<Buffer> {
  const rendererOpts: QRCode.QRCodeToBufferOptions['rendererOpts'] = GRAYSCALE;
  return QRCode.toBuffer(code, { ...QR_PNG_OPTIONS, rendererOpts });
}

function label(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number): void {
  doc
    .font('regular')
    .fontSize(8)
    .fillColor('#57606a')
    .text(text.toUpperCase(), x, y, { width, lineBreak: false });
}

function value(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  size = 12,
): void {
  doc
    .font('bold')
    .fontSize(size)
    .fillColor('#1f2328')
    .text(text, x, y, { width, height: size * 2.6, ellipsis: true });
}

function drawTicket(
  doc: PDFKit.PDFDocument,
  facts: BookingFacts,
  place: Place,
  ticket: Ticket,
  qr: Buffer,
  index: { n: number; of: number },
): void {
  const show = facts.show;
  doc.addPage({ size: [PAGE.width, PAGE.height], margin: MARGIN });
  // Header band: cinema name and address.
  doc.rect(0, 0, PAGE.width, 26 * MM).fill('#8b1a1a');
  doc
    .font('bold')
    .fontSize(14)
    .fillColor('#ffffff')
    .text(facts.cinema.name, MARGIN, 7 * MM, { width: WIDTH, lineBreak: false, ellipsis: true });
  doc
    .font('regular')
    .fontSize(9)
    .text(facts.cinema.address, MARGIN, 14 * MM, { width: WIDTH, height: 22, ellipsis: true });

  let y = 32 * MM;
  doc
    .font('bold')
    .fontSize(18)
    .fillColor('#1f2328')
    .text(show.movieTitle, MARGIN, y, { width: WIDTH, height: 46, ellipsis: true });
  y = doc.y + 2;
  const sub = [show.certification.trim(), formatLine(show)].filter((s) => s !== '').join(' · ');
  if (sub !== '')
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('#57606a')
      .text(sub, MARGIN, y, { width: WIDTH, lineBreak: false });

  const col = WIDTH / 3;
  y = 56 * MM;
  label(doc, 'Date', MARGIN, y, col * 2);
  label(doc, 'Time', MARGIN + col * 2, y, col);
  value(doc, dateOnly(place, show.startsAt), MARGIN, y + 11, col * 2 - 6);
  value(doc, timeOnly(place, show.startsAt), MARGIN + col * 2, y + 11, col);

  y = 70 * MM;
  label(doc, 'Screen', MARGIN, y, col);
  label(doc, 'Row', MARGIN + col, y, col);
  label(doc, 'Seat', MARGIN + col * 2, y, col);
  value(doc, show.screenName, MARGIN, y + 11, col - 6, 16);
  value(doc, ticket.rowLabel, MARGIN + col, y + 11, col - 6, 16);
  value(doc, ticket.seatLabel, MARGIN + col * 2, y + 11, col, 16);

  y = 86 * MM;
  label(doc, 'Ticket', MARGIN, y, col);
  label(doc, 'Price', MARGIN + col, y, col * 2);
  value(doc, ticket.ticketTypeName, MARGIN, y + 11, col - 6);
  const price = `${money(place, ticket.priceMinor)} incl. ${money(place, ticket.taxMinor)} tax`;
  value(doc, price, MARGIN + col, y + 11, col * 2);

  const qrY = 104 * MM;
  doc.image(qr, (PAGE.width - QR_SIZE) / 2, qrY, { width: QR_SIZE, height: QR_SIZE });

  y = qrY + QR_SIZE + 8 * MM;
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#57606a')
    .text('Booking reference', MARGIN, y, { width: WIDTH, align: 'center' });
  doc
    .font('bold')
    .fontSize(16)
    .fillColor('#1f2328')
    .text(facts.reference, MARGIN, y + 12, { width: WIDTH, align: 'center' });
  doc
    .font('regular')
    .fontSize(8)
    .fillColor('#57606a')
    .text(
      `Ticket ${index.n} of ${index.of} · one admission · show this code at the door`,
      MARGIN,
      PAGE.height - MARGIN - 10,
      {
        width: WIDTH,
        align: 'center',
        lineBreak: false,
      },
    );
}

/** The e-tickets of a booking, one page per valid ticket; BO_TICKET_NOT_VALID when none is valid. */
export async function ticketsPdf(facts: BookingFacts): Promise<Buffer> {
  checkFacts(facts);
  const tickets = facts.tickets.filter((t): t is Ticket => t.status === 'valid' && t.code !== null);
  if (tickets.length === 0) {
    throw new BoError(
      'BO_TICKET_NOT_VALID',
      `Booking ${facts.reference} has no valid ticket to print.`,
    );
  }
  const place = placeOf(facts);
  const qrs = await Promise.all(tickets.map((t) => qrPng(t.code)));
  const doc = new PDFDocument({
    autoFirstPage: false,
    font: FONT_REGULAR,
    lang: facts.cinema.locale,
    info: {
      Title: `Tickets ${facts.reference}: ${facts.show.movieTitle}`,
      Author: 'Marquee',
      Subject: `${facts.cinema.name}, ${facts.show.screenName}`,
      // pdfkit stamps "now" otherwise, and derives the file ID from it: a fixed date from the facts
      // makes a resent confirmation carry byte-identical tickets.
      CreationDate: facts.show.startsAt,
    },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  tickets.forEach((ticket, i) => {
    const qr = qrs[i];
    if (qr !== undefined)
      drawTicket(doc, facts, place, ticket, qr, { n: i + 1, of: tickets.length });
  });
  doc.end();
  return done;
}
