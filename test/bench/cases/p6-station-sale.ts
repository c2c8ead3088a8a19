// P6: a local sale at the counter (SQLite commit + print jobs queued) and sale → ESC/POS bytes at
// the virtual printer, measured in a station process of its own through the station contract.
import path from 'node:path';
import { salesResult } from '../proc/proc-io.js';
import { runOnce } from '../procs.js';
import { CASHIER_PIN } from '../seed.js';
import { summarize } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_SALE_P99 = 20;
const GOAL_PRINT_P99 = 50;

/** Runs P6. */
export async function runP6(ctx: CaseContext): Promise<CaseResult> {
  const stationId = ctx.data.p6.stations[0];
  if (stationId === undefined) throw new Error('P6 needs a station');
  ctx.log(`P6: ${String(ctx.cfg.p6.sales)} offline sales at one station`);
  const r = await ctx.phase('P6', () =>
    runOnce(
      'proc/station-sales.ts',
      [
        JSON.stringify({
          dataDir: path.join(ctx.tmpDir, 'p6-station'),
          serverUrl: ctx.servers.urls[0] ?? '',
          stationId,
          secret: ctx.data.secret,
          pin: CASHIER_PIN,
          sales: ctx.cfg.p6.sales,
          perCategory: 20,
          timeoutMs: 100_000,
        }),
      ],
      salesResult,
      120_000,
      { nodeFlags: ctx.stationNodeFlags },
    ),
  );
  const sale = summarize(r.saleMs);
  const ticket = summarize(r.ticketBytesMs);
  const receipt = summarize(r.receiptBytesMs);
  const saleOk = sale.n > 0 && sale.p99 < GOAL_SALE_P99;
  const printOk = ticket.n > 0 && ticket.p99 < GOAL_PRINT_P99;
  return {
    rows: [
      {
        figure: 'P6 local sale p50 / p99',
        value: `${fmt(sale.p50)} / ${fmt(sale.p99)} ms`,
        goal: `p99 < ${String(GOAL_SALE_P99)} ms`,
        met: yesNo(saleOk),
      },
      {
        figure: 'P6 sale → ticket bytes at printer p50 / p99',
        value: `${fmt(ticket.p50)} / ${fmt(ticket.p99)} ms`,
        goal: `p99 < ${String(GOAL_PRINT_P99)} ms`,
        met: yesNo(printOk),
      },
    ],
    json: {
      goal: `local sale p99 < ${String(GOAL_SALE_P99)} ms; sale to ESC/POS bytes at the printer p99 < ${String(GOAL_PRINT_P99)} ms`,
      met: saleOk && printOk && r.failures.length === 0,
      path: 'sales:create through the station contract (dispatch), offline from escrowed seats: recordSale + outbox in one SQLite transaction, then ticket and receipt jobs queued',
      saleMs: sale,
      firstSalesMs: r.firstSalesMs.map((v) => Math.round(v * 100) / 100),
      saleToTicketBytesMs: ticket,
      saleToReceiptBytesMs: receipt,
      sales: r.saleMs.length,
      ticketsPrinted: r.ticketsPrinted,
      bytesPrinted: r.bytesPrinted,
      escrowedSeats: r.escrowedSeats,
      signedTickets: r.certified,
      setupMs: Math.round(r.setupMs),
      failures: r.failures.slice(0, 10),
    },
  };
}
