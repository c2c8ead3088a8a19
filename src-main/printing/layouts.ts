// The documents the station prints, one small file each; import them from here.
export { buildTicket, buildTickets, type LayoutOptions } from './ticket-layout.js';
export { buildReceipt } from './receipt-layout.js';
export { buildRefundSlip } from './refund-slip-layout.js';
export { buildZReport } from './z-report-layout.js';
export { buildTestPage } from './test-page.js';
export {
  CHARS_PER_LINE,
  type DrawerPin,
  type LayoutPrinter,
  type PaperWidthMm,
} from './print-builder.js';
export type * from './print-data.js';
