// E-tickets: one A5 page per valid ticket, everything the door and the customer need, and a large
// QR code of the signed ticket code. DejaVu Sans is embedded so any title (accents, Cyrillic, Greek)
// prints; the PDF's dates come from the facts so the same booking gives the same bytes.
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
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

// Parsed once per process and shared by every PDF: handed a path, pdfkit would read and parse each
// font again for every document (half of what a PDF cost). pdfkit subsets a shared font per
// document, so sharing it changes no byte.
let fonts: { regular: fontkit.Font; bold: fontkit.Font } | null = null;
function loadFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  const open = (file: string) => {
    const f = fontkit.openSync(file);
    if (!('layout' in f)) throw new Error(`${file} is a font collection, not a font`);
    return f;
  };
  fonts ??= { regular: open(FONT_REGULAR), bold: open(FONT_BOLD) };
  return fonts;
}

/**
 * The QR of a ticket code drawn as vector modules (one rectangle per run of dark modules in a row):
 * sharp at any zoom or print size, and far cheaper than compressing a picture. No margin is drawn:
 * the white page around it (at least 8 mm, more than 4 modules) is the quiet zone.
 */
function drawQr(doc: PDFKit.PDFDocument, code: string, x: number, y: number, size: number): void {
  // Medium error correction, as the tickets answer draws it: a creased print or a phone still scans.
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / n;
  // Runs overlap their neighbours by a hair, so no viewer shows seams between modules.
  const bleed = unit * 0.02;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const from = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + from * unit, y + row * unit, (col - from) * unit + bleed, unit + bleed);
    }
  }
  doc.fillColor('#000000').fill();
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
  drawQr(doc, ticket.code, (PAGE.width - QR_SIZE) / 2, qrY, QR_SIZE);

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
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No standard font is loaded (its metrics would be parsed for nothing): ours come below.
    font: null as unknown as string,
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
  // pdfkit takes a parsed fontkit font where its types only name paths and buffers.
  doc.registerFont('regular', regular as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  tickets.forEach((ticket, i) => {
    drawTicket(doc, facts, place, ticket, { n: i + 1, of: tickets.length });
  });
  doc.end();
  return done;
}
