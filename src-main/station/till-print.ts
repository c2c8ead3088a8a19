// Turns a Z-report into print data for the receipt printer.
import type { CinemaInfo, ZReport } from '../../common/contract/station.js';
import { saleNumberLabel } from '../../common/sale-number.js';
import type { ZReportPrintData } from '../printing/print-data.js';
import { cinemaPrintInfo } from './sale-prints.js';

const LABEL: Record<string, string> = { cash: 'Cash', card: 'Card', voucher: 'Voucher' };

/** The Z-report as printed. */
export function zReportPrint(
  cinema: CinemaInfo,
  r: ZReport,
  stationName: string,
): ZReportPrintData {
  return {
    cinema: cinemaPrintInfo(cinema),
    reportNumber: r.tillId.slice(0, 8).toUpperCase(),
    tillName: stationName.slice(0, 8),
    cashier: r.staffName,
    openedAt: r.openedAt,
    closedAt: r.closedAt ?? new Date().toISOString(),
    firstSaleNumber:
      r.sales.firstSaleNumber === null
        ? null
        : saleNumberLabel(r.sales.firstSaleNumber, r.training),
    lastSaleNumber:
      r.sales.lastSaleNumber === null ? null : saleNumberLabel(r.sales.lastSaleNumber, r.training),
    salesCount: r.sales.count,
    grossMinor: r.sales.amountMinor,
    tenders: r.perTender.map((t) => ({
      label: LABEL[t.tender] ?? t.tender,
      count: t.salesCount,
      amountMinor: t.sales,
    })),
    ticketTypes: r.perTicketType.map((t) => ({
      label: t.ticketType,
      count: t.count,
      amountMinor: t.amountMinor,
    })),
    concessions: r.perConcession.map((c) => ({
      label: c.item,
      count: c.count,
      amountMinor: c.amountMinor,
    })),
    taxes: r.taxes.map((t) => ({ label: t.name, amountMinor: t.amountMinor })),
    voids: r.voids,
    refunds: r.refunds,
    floatMinor: r.perTender.reduce((a, t) => a + t.float, 0),
    counted: r.perTender.map((t) => ({
      label: LABEL[t.tender] ?? t.tender,
      expectedMinor: t.expected,
      countedMinor: t.counted ?? 0,
    })),
    training: r.training,
  };
}
