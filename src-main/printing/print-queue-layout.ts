// Turns a stored job into the bytes the printer gets. Shared by the queue's worker and the UI's
// preview so the preview is exactly what prints. Layouts run at print time, not at enqueue time,
// so a job queued before a settings change prints for the printer that is configured now.
import { buildReceipt, buildTestPage, buildTickets, type LayoutPrinter } from './layouts.js';
import type {
  ReceiptPrintData,
  RefundSlipPrintData,
  TicketPrintData,
  ZReportPrintData,
} from './print-data.js';
import type { PrintLabels } from './print-labels.js';
import type { PrintJobKind, TestPagePrintData } from './print-queue-types.js';
import { printJobKinds } from './print-queue-types.js';
import { buildRefundSlip } from './refund-slip-layout.js';
import { buildZReport } from './z-report-layout.js';

/** Stored data that no layout accepts; the queue marks such a job 'failed' instead of retrying it. */
export class InvalidPrintJobError extends Error {
  override readonly name = 'InvalidPrintJobError';
}

/**
 * Builds the bytes of a job. `reprint` comes from the job row and overrides whatever reprint count
 * the payload carries, so a copy can never print without its "REPRINT n". Throws
 * InvalidPrintJobError (or whatever a layout throws) when the data cannot be laid out.
 */
export function buildJobBytes(
  kind: string,
  payload: unknown,
  printer: LayoutPrinter,
  reprint: number,
  labels?: Partial<PrintLabels>,
): Buffer {
  if (!isKind(kind)) throw new InvalidPrintJobError(`unknown print job kind "${kind}"`);
  const options = labels === undefined ? {} : { labels };
  switch (kind) {
    case 'ticket': {
      const tickets = (Array.isArray(payload) ? (payload as unknown[]) : [payload]).map((t) => {
        requireFields(t, ['cinema', 'movieTitle', 'ticketCode'], 'ticket');
        return { ...(t as TicketPrintData), reprintCount: reprint };
      });
      if (tickets.length === 0) throw new InvalidPrintJobError('ticket job without tickets');
      return buildTickets(tickets, printer, options);
    }
    case 'receipt':
      requireFields(payload, ['cinema', 'saleNumber', 'lines', 'taxes', 'tenders'], 'receipt');
      return buildReceipt(
        { ...(payload as ReceiptPrintData), reprintCount: reprint },
        printer,
        options,
      );
    case 'zreport':
      // The Z-report layout has no reprint line; a reprint is told apart by its job row only.
      requireFields(
        payload,
        ['cinema', 'reportNumber', 'tenders', 'ticketTypes', 'taxes', 'counted'],
        'Z-report',
      );
      return buildZReport(payload as ZReportPrintData, printer, options);
    case 'refund':
      // Like the Z-report, a reprint of a slip is told apart by its job row only.
      requireFields(payload, ['cinema', 'kind', 'saleNumber', 'lines', 'giveBack'], 'refund slip');
      return buildRefundSlip(payload as RefundSlipPrintData, printer, options);
    case 'test': {
      requireFields(payload, ['cinema', 'at'], 'test page');
      const page = payload as TestPagePrintData;
      return buildTestPage(printer, page.cinema, page.at, options);
    }
  }
}

function isKind(kind: string): kind is PrintJobKind {
  return (printJobKinds as readonly string[]).includes(kind);
}

// A cheap shape check: the payload was typed when queued, but a row may predate a layout change.
function requireFields(value: unknown, fields: readonly string[], what: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidPrintJobError(`${what} data is not an object`);
  const missing = fields.filter(
    (f) => !(f in value) || (value as Record<string, unknown>)[f] === undefined,
  );
  if (missing.length > 0)
    throw new InvalidPrintJobError(`${what} data lacks ${missing.join(', ')}`);
}
