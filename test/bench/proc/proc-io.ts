// What the station processes of P5 and P6 take as their one argument and send back as their one
// message, as zod schemas shared with the orchestrator.
import { z } from 'zod';

export const catchUpArgs = z.object({
  mode: z.enum(['cold', 'delta']),
  dataDir: z.string(),
  serverUrl: z.string(),
  stationId: z.string(),
  secret: z.string(),
  /** Delta: done when the station's cursor reaches this seq (the cinema's last change). */
  targetCursor: z.number().int().nonnegative(),
  timeoutMs: z.number().int().positive(),
});
export type CatchUpArgs = z.infer<typeof catchUpArgs>;

export const catchUpResult = z.object({
  ms: z.number(),
  /** Time to the server's welcome (connect + hello + station auth). */
  welcomeMs: z.number(),
  cursor: z.number(),
  baselineRssMb: z.number(),
  peakRssMb: z.number(),
  maxRssMb: z.number(),
  peakHeapMb: z.number(),
  counts: z.record(z.string(), z.number()),
  snapshot: z.record(z.string(), z.unknown()).nullable(),
});
export type CatchUpResult = z.infer<typeof catchUpResult>;

export const salesArgs = z.object({
  dataDir: z.string(),
  serverUrl: z.string(),
  stationId: z.string(),
  secret: z.string(),
  pin: z.string(),
  sales: z.number().int().positive(),
  /** Escrowed seats per category per show (the protocol's maximum is 20). */
  perCategory: z.number().int().positive(),
  timeoutMs: z.number().int().positive(),
});
export type SalesArgs = z.infer<typeof salesArgs>;

export const salesResult = z.object({
  setupMs: z.number(),
  escrowedSeats: z.number(),
  certified: z.boolean(),
  /** sales:create through the station contract, offline from escrow (SQLite commit + print jobs queued). */
  /** The first few sales (code paths still compiling), kept out of the percentiles. */
  firstSalesMs: z.array(z.number()),
  saleMs: z.array(z.number()),
  /** From the start of the sale to the last byte of its tickets at the virtual printer. */
  ticketBytesMs: z.array(z.number()),
  /** From the start of the sale to the last byte of its receipt. */
  receiptBytesMs: z.array(z.number()),
  ticketsPrinted: z.number(),
  bytesPrinted: z.number(),
  failures: z.array(z.string()),
});
export type SalesResult = z.infer<typeof salesResult>;

/** The virtual printer process's messages: its port once listening, then one line per job. */
export const printerMsg = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), port: z.number().int() }),
  z.object({
    type: z.literal('job'),
    id: z.number().int(),
    receivedAt: z.number(),
    bytes: z.number().int(),
    text: z.string(),
  }),
]);
export type PrinterMsg = z.infer<typeof printerMsg>;
