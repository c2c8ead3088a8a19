// The Z-report printed when a till closes: everything a manager reconciles against the bank.
import { chooseCodePage } from './code-pages.js';
import { PrintBuilder, type LayoutPrinter } from './print-builder.js';
import type { CountAmount, ZReportPrintData } from './print-data.js';
import { formatPrintedDateTime, formatPrintedMoney } from './print-format.js';
import { labelsWith } from './print-labels.js';
import type { LayoutOptions } from './ticket-layout.js';

/** Builds the bytes of a Z-report. */
export function buildZReport(
  z: ZReportPrintData,
  printer: LayoutPrinter,
  options: LayoutOptions = {},
): Buffer {
  const b = new PrintBuilder(
    printer,
    chooseCodePage(printer.type, z.cinema.locale, z.cinema.currency),
  );
  const labels = labelsWith(options.labels);
  const page = b.codePage;
  const money = (minor: number): string => formatPrintedMoney(minor, z.cinema, page);
  const section = (title: string, rows: readonly CountAmount[]): void => {
    b.line(title, { bold: true, underline: true });
    if (rows.length === 0) b.line(`  ${labels.none}`);
    for (const row of rows) b.pair(`  ${row.label} (${row.count})`, money(row.amountMinor));
  };

  b.line(z.cinema.name, { align: 'center', bold: true, size: 'double-height' });
  b.line(`${labels.zReport} ${z.reportNumber}`, { align: 'center', bold: true, size: 'double' });
  if (z.training === true) b.line(labels.training, { align: 'center', bold: true, invert: true });
  b.pair(labels.till, z.tillName);
  if (z.cashier !== undefined) b.pair(labels.cashier, z.cashier);
  b.pair(labels.opened, formatPrintedDateTime(z.openedAt, z.cinema, page));
  b.pair(labels.closed, formatPrintedDateTime(z.closedAt, z.cinema, page));
  b.pair(labels.firstSale, z.firstSaleNumber ?? labels.none);
  b.pair(labels.lastSale, z.lastSaleNumber ?? labels.none);
  b.pair(labels.sales, String(z.salesCount));
  b.pair(labels.gross, money(z.grossMinor), { bold: true });
  if (z.discountsMinor !== undefined) b.pair(`  ${labels.discounts}`, money(z.discountsMinor));
  b.pair(`${labels.voids} (${String(z.voids.count)})`, `-${money(z.voids.amountMinor)}`);
  b.pair(`${labels.refunds} (${String(z.refunds.count)})`, `-${money(z.refunds.amountMinor)}`);
  if (z.netMinor !== undefined) b.pair(labels.net, money(z.netMinor), { bold: true });
  b.rule();
  section(labels.tenders, z.tenders);
  if (z.givenBack !== undefined && z.givenBack.length > 0) section(labels.givenBack, z.givenBack);
  if (z.staff !== undefined && z.staff.length > 0) {
    b.line(labels.byStaff, { bold: true, underline: true });
    for (const s of z.staff) {
      b.pair(`  ${s.label} (${String(s.salesCount)})`, money(s.salesMinor));
      if (s.voidsMinor !== 0) b.pair(`    ${labels.voids}`, `-${money(s.voidsMinor)}`);
      if (s.refundsMinor !== 0) b.pair(`    ${labels.refunds}`, `-${money(s.refundsMinor)}`);
    }
  }
  section(labels.ticketTypes, z.ticketTypes);
  if (z.concessions !== undefined && z.concessions.length > 0)
    section(labels.concessions, z.concessions);
  b.line(labels.taxes, { bold: true, underline: true });
  if (z.taxes.length === 0) b.line(`  ${labels.none}`);
  for (const tax of z.taxes) b.pair(`  ${tax.label}`, money(tax.amountMinor));
  b.pair(labels.float, money(z.floatMinor));
  if (z.dropsMinor !== undefined) b.pair(labels.drops, money(z.dropsMinor));
  b.rule();
  for (const c of z.counted) {
    b.line(c.label, { bold: true });
    b.pair(`  ${labels.expected}`, money(c.expectedMinor));
    b.pair(`  ${labels.counted}`, money(c.countedMinor));
    const diff = c.countedMinor - c.expectedMinor;
    b.pair(`  ${labels.difference}`, (diff > 0 ? '+' : '') + money(diff), { bold: diff !== 0 });
  }
  if (z.closedBy !== undefined) b.pair(labels.closedBy, z.closedBy);
  if (z.varianceApproval !== undefined) {
    b.pair(labels.varianceApprovedBy, z.varianceApproval.by, { bold: true });
    b.line(`${labels.note}: ${z.varianceApproval.note}`);
  }
  if (z.training === true) b.line(labels.training, { align: 'center', bold: true, invert: true });
  b.cut();
  return b.build();
}
