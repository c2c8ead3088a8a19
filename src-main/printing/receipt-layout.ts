// The sales receipt: what was bought, taxes, how it was paid, and the drawer kick for cash.
import { chooseCodePage } from './code-pages.js';
import { PrintBuilder, type LayoutPrinter } from './print-builder.js';
import type { ReceiptPrintData } from './print-data.js';
import { formatPrintedDateTime, formatPrintedMoney } from './print-format.js';
import { labelsWith } from './print-labels.js';
import type { LayoutOptions } from './ticket-layout.js';

/** Builds the bytes of a receipt; kicks the drawer on the printer's pin first when `openDrawer` is set. */
export function buildReceipt(
  r: ReceiptPrintData,
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
  // Kick first: the drawer is open by the time the receipt is torn off. Never for training: no money moved.
  if (r.openDrawer && r.training !== true) b.drawerKick();
  b.line(r.cinema.name, { align: 'center', bold: true, size: 'double-height' });
  for (const header of r.cinema.headerLines ?? []) b.line(header, { align: 'center' });
  if (r.training === true) b.line(labels.training, { align: 'center', bold: true, invert: true });
  b.line(labels.receipt, { align: 'center', bold: true });
  if ((r.reprintCount ?? 0) > 0)
    b.line(` ${labels.reprint} ${r.reprintCount ?? 0} `, {
      align: 'center',
      bold: true,
      invert: true,
    });
  b.pair(labels.sale, r.saleNumber);
  b.pair(labels.date, formatPrintedDateTime(r.soldAt, r.cinema, page));
  if (r.cashier !== undefined) b.pair(labels.cashier, r.cashier);
  if (r.stationName !== undefined) b.pair(labels.station, r.stationName);
  b.rule();
  for (const line of r.lines) {
    if (line.quantity === 1) b.pair(line.description, money(line.totalMinor));
    else {
      b.line(line.description);
      b.pair(`  ${line.quantity} x ${money(line.unitPriceMinor)}`, money(line.totalMinor));
    }
  }
  b.rule();
  const added = r.taxes.filter((t) => !t.included);
  // The subtotal only earns its line when something stands between it and the total.
  if (r.subtotalMinor !== undefined && (r.discount !== undefined || added.length > 0))
    b.pair(labels.subtotal, money(r.subtotalMinor));
  if (r.discount !== undefined)
    b.pair(`${labels.discount} ${r.discount.label}`, money(-r.discount.amountMinor));
  for (const tax of added) b.pair(`${labels.tax} ${tax.label}`, money(tax.amountMinor));
  b.pair(labels.total, money(r.totalMinor), { bold: true });
  for (const tax of r.taxes.filter((t) => t.included))
    b.pair(`  ${labels.included} ${tax.label}`, money(tax.amountMinor));
  b.rule();
  for (const tender of r.tenders) {
    b.pair(tender.label, money(tender.amountMinor));
    if (tender.reference !== undefined)
      b.line(
        `  ${tender.kind === 'voucher' ? labels.voucherCode : labels.reference} ${tender.reference}`,
      );
  }
  if (r.changeMinor !== 0) b.pair(labels.change, money(r.changeMinor), { bold: true });
  if (r.training === true) b.line(labels.training, { align: 'center', bold: true, invert: true });
  for (const footer of r.footerLines ?? []) b.line(footer, { align: 'center' });
  b.cut();
  return b.build();
}
