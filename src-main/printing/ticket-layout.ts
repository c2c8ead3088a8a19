// The admission ticket: what the usher reads at a glance (film, screen, time, seat) large, the
// rest small, and the signed QR the door scanner checks offline.
import { chooseCodePage } from './code-pages.js';
import { PrintBuilder, type LayoutPrinter } from './print-builder.js';
import type { TicketPrintData } from './print-data.js';
import { formatPrintedDate, formatPrintedMoney, formatPrintedTime } from './print-format.js';
import { labelsWith, type PrintLabels } from './print-labels.js';

/** Layout options shared by every document. */
export type LayoutOptions = { labels?: Partial<PrintLabels> };

/** Builds the bytes of one ticket, ending in a cut. */
export function buildTicket(
  ticket: TicketPrintData,
  printer: LayoutPrinter,
  options: LayoutOptions = {},
): Buffer {
  return buildTickets([ticket], printer, options);
}

/** Builds the bytes of several tickets (one sale) in one job, each ending in a cut. */
export function buildTickets(
  tickets: readonly TicketPrintData[],
  printer: LayoutPrinter,
  options: LayoutOptions = {},
): Buffer {
  const first = tickets[0];
  if (!first) return Buffer.alloc(0);
  const b = new PrintBuilder(
    printer,
    chooseCodePage(printer.type, first.cinema.locale, first.cinema.currency),
  );
  const labels = labelsWith(options.labels);
  for (const ticket of tickets) addTicket(b, ticket, printer, labels);
  return b.build();
}

function addTicket(
  b: PrintBuilder,
  t: TicketPrintData,
  printer: LayoutPrinter,
  labels: PrintLabels,
): void {
  const page = b.codePage;
  b.line(t.cinema.name, { align: 'center', bold: true, size: 'double-height' });
  for (const header of t.cinema.headerLines ?? []) b.line(header, { align: 'center' });
  if (t.reprintCount > 0)
    b.line(` ${labels.reprint} ${t.reprintCount} `, { align: 'center', bold: true, invert: true });
  b.rule();
  b.line(t.movieTitle, { align: 'center', bold: true, size: 'double' });
  const rating =
    `${labels.rated} ${t.certification}` +
    (t.format !== undefined && t.format !== '' ? ` | ${t.format}` : '');
  b.line(rating, { align: 'center' });
  b.rule();
  b.pair(labels.screen, t.screenName, { bold: true });
  b.pair(labels.date, formatPrintedDate(t.startsAt, t.cinema, page));
  b.pair(labels.time, formatPrintedTime(t.startsAt, t.cinema, page), { bold: true });
  if (t.seat)
    b.line(`${labels.row} ${t.seat.row}  ${labels.seat} ${t.seat.number}`, {
      align: 'center',
      bold: true,
      size: 'double',
    });
  else b.line(labels.unreservedSeating, { align: 'center', bold: true });
  b.pair(labels.ticketType, t.ticketType);
  b.pair(labels.price, formatPrintedMoney(t.priceMinor, t.cinema, page), { bold: true });
  for (const tax of t.taxes ?? [])
    b.pair(
      `  ${labels.included} ${tax.label}`,
      formatPrintedMoney(tax.amountMinor, t.cinema, page),
    );
  b.pair(labels.sale, t.saleNumber);
  // Cell size: a station-signed code is QR version 13 (69 modules); 5 dots stays inside 58 mm's 384 dots.
  b.qr(t.ticketCode, printer.widthMm === 80 ? 6 : 5);
  b.cut();
}
