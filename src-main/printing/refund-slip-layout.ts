// The slip of a void or refund (a credit note), laid out like the receipt: the sale and show, what
// went back and how, why, who gave it back and the manager who approved it.
import { chooseCodePage } from './code-pages.js';
import { PrintBuilder, type LayoutPrinter } from './print-builder.js';
import type { RefundSlipPrintData } from './print-data.js';
import { formatPrintedDateTime, formatPrintedMoney } from './print-format.js';
import { labelsWith } from './print-labels.js';
import type { LayoutOptions } from './ticket-layout.js';

/** Builds the bytes of a refund slip; kicks the drawer first when cash goes back. */
export function buildRefundSlip(
  r: RefundSlipPrintData,
  printer: LayoutPrinter,
  options: LayoutOptions = {},
): Buffer {
  const b = new PrintBuilder(
    printer,
    chooseCodePage(printer.type, r.cinema.locale, r.cinema.currency),
  );
  const labels = labelsWith(options.labels);
  const page = b.codePage;
  const money = (minor: number): string => formatPrintedMoney(minor, r.cinema, page);
  if (r.openDrawer) b.drawerKick();
  b.line(r.cinema.name, { align: 'center', bold: true, size: 'double-height' });
  for (const header of r.cinema.headerLines ?? []) b.line(header, { align: 'center' });
  if (r.training === true) b.line(labels.training, { align: 'center', bold: true, invert: true });
  b.line(r.kind === 'refund' ? labels.refundSlip : labels.voidSlip, {
    align: 'center',
    bold: true,
  });
  b.pair(labels.sale, r.saleNumber);
  b.pair(labels.date, formatPrintedDateTime(r.at, r.cinema, page));
  b.line(`${labels.show}: ${r.movieTitle}`);
  b.line(`  ${r.screenName} ${formatPrintedDateTime(r.startsAt, r.cinema, page)}`);
  b.rule();
  for (const line of r.lines) {
    if (line.quantity === 1) b.pair(line.description, money(-line.totalMinor));
    else {
      b.line(line.description);
      b.pair(`  ${line.quantity} x ${money(line.unitPriceMinor)}`, money(-line.totalMinor));
    }
  }
  b.rule();
  b.pair(labels.total, money(-r.totalMinor), { bold: true });
  b.line(labels.giveBack, { bold: true });
  for (const g of r.giveBack) {
    b.pair(g.label, money(g.amountMinor));
    b.line(`  ${g.how}`);
    if (g.reference !== undefined) b.line(`  ${g.reference}`);
  }
  b.rule();
  b.line(`${labels.reason}: ${r.reason}`);
  b.pair(labels.cashier, r.cashier);
  if (r.approvedBy !== undefined) b.pair(labels.approvedBy, r.approvedBy);
  if (r.kind === 'refund') {
    b.line('');
    b.line(`${labels.customerSignature}: ____________`);
  }
  if (r.training === true) b.line(labels.training, { align: 'center', bold: true, invert: true });
  b.cut();
  return b.build();
}
