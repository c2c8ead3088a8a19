// The persistent print queue (DESIGN §8). Jobs live in print_jobs, so a sale's tickets survive a
// printer that is down, out of paper or misconfigured, and a station restart. One worker prints
// them strictly in seq order: when the oldest job cannot print, it stays queued with its error
// and the worker retries it with exponential backoff instead of skipping ahead, so tickets never
// come out of order. The queue is separate from sales: a print failure never touches a sale row.
//
// Exactly once, with one trade-off: a job is marked 'printing' before it is sent and 'printed'
// after the printer confirmed it. If the station dies in between, start() re-queues it and it
// prints again: a duplicate ticket (it carries the same signed code as the first) is better
// than a lost one. The same holds when a printer took the whole job but broke the connection
// before confirming it, or cut a job off half-way (the partial copy is waste paper). Enqueue is a
// synchronous insert, so calling it inside a better-sqlite3 db.transaction() queues the print
// with the sale: both commit or neither does. One queue per station database.
import { BoError } from '../../common/errors.js';
import { queryPrinterStatus, sendToPrinter } from './printer-driver.js';
import { parsePrinterSettings, type PrinterError } from './printer-settings.js';
import { buildJobBytes, InvalidPrintJobError } from './print-queue-layout.js';
import {
  printerStateChanged,
  stateAfterError,
  stateAfterPrint,
  stateFromQuery,
  unknownPrinterState,
} from './print-queue-printer.js';
import {
  claimNextJob,
  firstQueuedSeq,
  getPrintJob,
  insertPrintJob,
  insertPartialReprint,
  insertReprint,
  listPrintJobs,
  markFailed,
  markPrinted,
  markRetry,
  requeueInterrupted,
  type PrintJobRow,
} from './print-queue-store.js';
import type { TicketPrintData } from './print-data.js';
import type {
  PrintJobKind,
  PrintJobPayloads,
  PrintQueue,
  PrintQueueEvent,
  PrintQueueLog,
  PrintQueueOptions,
  PrinterState,
} from './print-queue-types.js';

export type * from './print-queue-types.js';

// While someone holds a transaction open on the connection the worker waits: it would see (and
// print) rows that may still roll back.
const TRANSACTION_WAIT_MS = 20;
const silent: PrintQueueLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Creates the station's print queue over `db`; call start() to print. */
export function createPrintQueue(options: PrintQueueOptions): PrintQueue {
  const { db } = options;
  const log = options.log ?? silent;
  const baseMs = Math.max(1, options.retry?.baseMs ?? 500);
  const maxMs = Math.max(baseMs, options.retry?.maxMs ?? 10_000);
  const listeners = new Set<(event: PrintQueueEvent) => void>();
  let printer: PrinterState = unknownPrinterState;
  let started = false;
  let draining: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let wokenWhileDraining = false;
  // No job below this seq is queued: jobs are taken oldest first and new ones get higher seqs.
  // Rebuilt by a full scan in start() and retryNow(), the only ways an older job comes back.
  let cursor = 0;

  const emit = (event: PrintQueueEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        // A broken listener (a closed window) must not stop printing.
        log.warn({ err: errorText(err) }, 'print queue listener failed');
      }
    }
  };
  const emitJob = (id: string): void => {
    const job = getPrintJob(db, id);
    if (job) {
      const { payload: _payload, ...rest } = job;
      emit({ type: 'job', job: rest });
    }
  };
  const setPrinter = (next: PrinterState): void => {
    const changed = printerStateChanged(printer, next);
    printer = next;
    if (changed) emit({ type: 'printer', printer: { ...next } });
  };

  const schedule = (delayMs: number): void => {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run();
    }, delayMs);
  };
  const backoff = (): number =>
    Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));

  const run = (): void => {
    if (!started) return;
    if (draining) {
      wokenWhileDraining = true;
      return;
    }
    draining = drain()
      .catch((err: unknown) => {
        // A database error (disk full, closed handle): keep the jobs and try again later.
        failures++;
        log.error({ err: errorText(err) }, 'print queue worker failed');
        schedule(backoff());
      })
      .finally(() => {
        draining = null;
        const again = wokenWhileDraining;
        wokenWhileDraining = false;
        // A wake during an attempt that then failed does not cut the backoff short.
        if (again && timer === null) run();
      });
  };
  const wake = (): void => {
    if (!started) return;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    run();
  };
  // Deferred: enqueue may run inside a transaction that has not committed yet, and a job that
  // rolls back with its sale must be neither announced nor printed.
  const announce = (id: string): void => {
    setImmediate(() => {
      try {
        emitJob(id);
      } catch (err) {
        log.warn({ jobId: id, err: errorText(err) }, 'print job event failed');
      }
      wake();
    });
  };
  const readSettings = (): { ok: true; raw: unknown } | { ok: false; error: PrinterError } => {
    try {
      const raw = options.settings();
      if (raw === null)
        return {
          ok: false,
          error: { code: 'BO_PRINTER_SETTINGS_INVALID', message: 'no printer is configured' },
        };
      return { ok: true, raw };
    } catch (err) {
      return {
        ok: false,
        error: {
          code: 'BO_PRINTER_SETTINGS_INVALID',
          message: `printer settings could not be read: ${errorText(err)}`,
        },
      };
    }
  };

  const drain = async (): Promise<void> => {
    while (started) {
      if (db.$client.inTransaction) {
        schedule(TRANSACTION_WAIT_MS);
        return;
      }
      const job = claimNextJob(db, cursor);
      if (!job) return;
      cursor = job.seq;
      emitJob(job.id);
      if (!(await printOne(job))) {
        schedule(backoff());
        return;
      }
    }
  };

  /** Prints one claimed job; false when it stays queued for a retry. */
  const printOne = async (job: PrintJobRow): Promise<boolean> => {
    const settings = readSettings();
    if (!settings.ok) return retryLater(job, settings.error);
    const raw = settings.raw;
    const parsed = parsePrinterSettings(raw);
    if (!parsed.ok) return retryLater(job, parsed.error);
    let bytes: Buffer;
    try {
      const { type, widthMm, drawerPin } = parsed.value;
      bytes = buildJobBytes(
        job.kind,
        job.payload,
        { type, widthMm, drawerPin },
        job.reprint,
        options.labels?.(),
      );
    } catch (err) {
      // Bad data never gets better: fail this job so the ones behind it still print.
      const message =
        err instanceof InvalidPrintJobError ? err.message : `layout failed: ${errorText(err)}`;
      markFailed(db, job.id, { code: 'BO_PRINT_JOB_INVALID', message });
      log.error(
        { jobId: job.id, kind: job.kind, err: message },
        'print job cannot be laid out; marked failed',
      );
      emitJob(job.id);
      return true;
    }
    const sent = await sendToPrinter(raw, bytes);
    if (!sent.ok) return retryLater(job, sent.error);
    markPrinted(db, job.id);
    failures = 0;
    log.info(
      { jobId: job.id, kind: job.kind, reprint: job.reprint, attempts: job.attempts },
      'print job printed',
    );
    emitJob(job.id);
    setPrinter(stateAfterPrint(new Date()));
    return true;
  };

  const retryLater = (job: PrintJobRow, error: PrinterError): false => {
    markRetry(db, job.id, error);
    failures++;
    log.warn(
      { jobId: job.id, attempts: job.attempts, code: error.code, err: error.message },
      'print job not printed; will retry',
    );
    emitJob(job.id);
    setPrinter(stateAfterError(error, new Date()));
    return false;
  };

  return {
    enqueue<K extends PrintJobKind>(kind: K, payload: PrintJobPayloads[K]): string {
      const id = insertPrintJob(db, kind, payload);
      announce(id);
      return id;
    },
    reprint(jobId, keep) {
      const id =
        keep === undefined
          ? insertReprint(db, jobId)
          : insertPartialReprint(db, jobId, (t) => keep(t as TicketPrintData));
      if (id === null)
        throw new BoError('BO_NOT_FOUND', `There is no print job ${jobId} to reprint.`);
      announce(id);
      return id;
    },
    jobs: ({ limit = 50 } = {}) =>
      listPrintJobs(db, Math.max(1, Math.min(1000, Math.trunc(limit)))),
    job: (jobId) => getPrintJob(db, jobId),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    printerStatus: () => ({ ...printer }),
    async checkPrinter() {
      const settings = readSettings();
      const result = settings.ok ? await queryPrinterStatus(settings.raw) : settings;
      setPrinter(
        result.ok
          ? stateFromQuery(result.value, new Date())
          : stateAfterError(result.error, new Date()),
      );
      return { ...printer };
    },
    retryNow() {
      failures = 0;
      cursor = firstQueuedSeq(db);
      wake();
    },
    start() {
      if (started) return;
      const requeued = requeueInterrupted(db);
      if (requeued > 0)
        log.warn(
          { requeued },
          'print jobs interrupted by a restart are queued again and may print twice',
        );
      cursor = firstQueuedSeq(db);
      started = true;
      wake();
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await draining;
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
