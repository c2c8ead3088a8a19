// The print queue's public shapes: what a job is laid out from, how a job and the printer look to
// the UI, and the events the queue emits. The implementation is in print-queue.ts.
import type { LocalDb } from '../station/local-db.js';
import type {
  CinemaPrintInfo,
  ReceiptPrintData,
  RefundSlipPrintData,
  TicketPrintData,
  ZReportPrintData,
} from './print-data.js';
import type { PrintLabels } from './print-labels.js';
import type { PaperState } from './printer-driver.js';
import type { PrinterError, PrinterErrorCode, PrinterSettingsInput } from './printer-settings.js';

/** The documents the queue prints, as stored in print_jobs.kind. */
export const printJobKinds = ['ticket', 'receipt', 'zreport', 'test', 'refund'] as const;

/** One of the documents the queue prints. */
export type PrintJobKind = (typeof printJobKinds)[number];

/** What the test page is laid out from; `at` is the instant printed on it (ISO 8601). */
export type TestPagePrintData = { cinema: CinemaPrintInfo; at: string };

/** The print data each kind of job is laid out from at print time (a sale's tickets print as one job). */
export type PrintJobPayloads = {
  ticket: TicketPrintData | readonly TicketPrintData[];
  receipt: ReceiptPrintData;
  zreport: ZReportPrintData;
  test: TestPagePrintData;
  /** The slip of a void or refund. */
  refund: RefundSlipPrintData;
};

/** queued → printing → printed; 'failed' only for a job whose stored data cannot be laid out. */
export type PrintJobStatus = 'queued' | 'printing' | 'printed' | 'failed';

/** Why the last attempt did not print: a printer error, or BO_PRINT_JOB_INVALID for data no layout accepts. */
export type PrintJobErrorCode = PrinterErrorCode | 'BO_PRINT_JOB_INVALID';

/** The error recorded on a job. */
export type PrintJobError = { code: PrintJobErrorCode; message: string };

/** A job as the UI lists it (without its payload). */
export type PrintJob = {
  /** Print order: the worker always takes the lowest queued seq. */
  seq: number;
  id: string;
  kind: PrintJobKind;
  status: PrintJobStatus;
  /** 0 for a first print; n prints "REPRINT n". */
  reprint: number;
  /** Attempts to send it so far, successful one included. */
  attempts: number;
  lastError: PrintJobError | null;
  createdAt: string;
  printedAt: string | null;
};

/** A job with the data it is laid out from (as stored; not validated). */
export type PrintJobDetail = PrintJob & { payload: unknown };

/** What the queue last learned about the printer; `connected` is null until the first attempt or check. */
export type PrinterState = {
  connected: boolean | null;
  paper: PaperState;
  lastError: PrinterError | null;
  /** When this was learned, ISO 8601; null before the first attempt. */
  checkedAt: string | null;
};

/** A job changed status (or attempts/last error), or the printer's state changed. */
export type PrintQueueEvent =
  { type: 'job'; job: PrintJob } | { type: 'printer'; printer: PrinterState };

/** Structured logging, pino-compatible. */
export type PrintQueueLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

/** How the queue is built. */
export type PrintQueueOptions = {
  db: LocalDb;
  /** Read before every attempt so a settings change applies to the next one; null = no printer configured. */
  settings: () => PrinterSettingsInput | null;
  /** The cinema's words for the layouts; read before every attempt. */
  labels?: () => Partial<PrintLabels> | undefined;
  log?: PrintQueueLog;
  /** Backoff between failed attempts: baseMs doubling up to maxMs (defaults 500 ms and 10 s). */
  retry?: { baseMs?: number; maxMs?: number };
};

/** A persistent print queue over print_jobs: one per station database. */
export type PrintQueue = {
  /** Queues a job and returns its id; synchronous, so it joins a surrounding db.transaction(). */
  enqueue<K extends PrintJobKind>(kind: K, payload: PrintJobPayloads[K]): string;
  /**
   * Queues a copy of a job marked "REPRINT n" and returns the new id; throws BO_NOT_FOUND for an
   * unknown job. `keep` picks which tickets of a ticket job the copy prints (all by default).
   */
  reprint(jobId: string, keep?: (ticket: TicketPrintData) => boolean): string;
  /** The most recent jobs, newest first (default 50). */
  jobs(options?: { limit?: number }): PrintJob[];
  /** One job with its payload, or null. */
  job(jobId: string): PrintJobDetail | null;
  /** Subscribes to job and printer events; returns the unsubscribe function. */
  onStatus(listener: (event: PrintQueueEvent) => void): () => void;
  /** The printer's last known state. */
  printerStatus(): PrinterState;
  /** Asks the printer for its status now (for a settings screen) and records the answer. */
  checkPrinter(): Promise<PrinterState>;
  /** Forgets the backoff and tries the oldest queued job now (after fixing paper or settings, or re-queuing a job by hand). */
  retryNow(): void;
  /** Re-queues jobs a crash left 'printing' and starts the worker. */
  start(): void;
  /** Stops the worker; resolves once an attempt in flight has finished and been recorded. */
  stop(): Promise<void>;
};
