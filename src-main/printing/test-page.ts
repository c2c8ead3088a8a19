// A test page a manager prints from settings: proves the connection, the paper width, the code
// page (accented letters and the currency symbol), the styles, the QR and the cutter.
import { chooseCodePage } from './code-pages.js';
import { PrintBuilder, type LayoutPrinter } from './print-builder.js';
import type { CinemaPrintInfo } from './print-data.js';
import { formatPrintedDateTime, formatPrintedMoney } from './print-format.js';
import { labelsWith, type PrintLabels } from './print-labels.js';

/** Builds a test page for a printer; `at` is the instant printed on it (ISO 8601). */
export function buildTestPage(
  printer: LayoutPrinter,
  cinema: CinemaPrintInfo,
  at: string,
  options: { labels?: Partial<PrintLabels> } = {},
): Buffer {
  const b = new PrintBuilder(printer, chooseCodePage(printer.type, cinema.locale, cinema.currency));
  const labels = labelsWith(options.labels);
  b.line(cinema.name, { align: 'center', bold: true, size: 'double-height' });
  b.line(`Marquee ${labels.testPage}`, { align: 'center', bold: true, size: 'double' });
  b.line(formatPrintedDateTime(at, cinema, b.codePage), { align: 'center' });
  b.rule('=');
  b.pair('Printer', `${printer.type.toUpperCase()} ${printer.widthMm} mm`);
  b.pair('Columns', String(b.width));
  b.pair('Code page', b.codePage);
  b.pair('Drawer pin', String(printer.drawerPin ?? 2));
  b.line('1234567890'.repeat(Math.ceil(b.width / 10)).slice(0, b.width));
  b.line('Aa Ää Éé Ññ Øø Çç ß £ € ¥');
  b.pair('Amount', formatPrintedMoney(123456, cinema, b.codePage));
  b.line('Bold', { bold: true });
  b.line('Underline', { underline: true });
  b.line(' Inverted ', { invert: true });
  b.line('Double height', { size: 'double-height' });
  b.line('Double', { size: 'double' });
  b.line('Right', { align: 'right' });
  b.qr('MARQUEE-TEST-PAGE', 6);
  b.cut();
  return b.build();
}
