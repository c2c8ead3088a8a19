// Turns a Z-report into print data for the receipt printer.
import type { CinemaInfo, ZReport } from '../../common/contract/station.js';
import { TENDER_LABELS } from '../../common/tenders.js';
import { saleNumberLabel } from '../../common/sale-number.js';
import type { ZReportPrintData } from '../printing/print-data.js';
import { cinemaPrintInfo } from './sale-prints.js';

const label = (tender: string): string =>
  (TENDER_LABELS as Partial<Record<string, string>>)[tender] ?? tender;

/** The Z-report as printed: the till's owner, money, per tender and per staff member, the count. */
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
    grossMinor: r.totals.grossMinor,
    discountsMinor: r.totals.discountsMinor,
    netMinor: r.totals.netMinor,
    tenders: r.perTender.map((t) => ({
      label: label(t.tender),
      count: t.salesCount,
      amountMinor: t.sales,
    })),
    givenBack: r.perTender
      .filter((t) => t.refunds !== 0)
      .map((t) => ({ label: label(t.tender), count: t.refundsCount, amountMinor: t.refunds })),
    staff: r.perStaff.map((s) => ({
      label: s.name,
      salesCount: s.salesCount,
      salesMinor: s.salesMinor,
      voidsMinor: s.voidsMinor,
      refundsMinor: s.refundsMinor,
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
    floatMinor: r.totals.floatMinor,
    dropsMinor: r.totals.dropsMinor,
    counted: r.perTender.map((t) => ({
      label: label(t.tender),
      expectedMinor: t.expected ?? 0,
      countedMinor: t.counted ?? 0,
    })),
    training: r.training,
    ...(r.closedByName === null || r.closedByName === r.staffName
      ? {}
      : { closedBy: r.closedByName }),
    ...(r.varianceApproval === null
      ? {}
      : {
          varianceApproval: {
            by: r.varianceApproval.approvedByName,
            note: r.varianceApproval.note,
          },
        }),
  };
}
