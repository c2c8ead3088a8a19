// Shared set-up of the print queue tests: a real station database in a temp folder, the real
// virtual printer on a free port, and a queue with short retries.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openLocalDb, type LocalDb } from '../station/local-db.js';
import { plainText } from './escpos-decoder.js';
import { sampleTicket } from './print-fixtures.js';
import type { TicketPrintData } from './print-data.js';
import { createPrintQueue } from './print-queue.js';
import type { PrintQueue, PrintQueueOptions } from './print-queue-types.js';
import type { PrinterSettingsInput } from './printer-settings.js';
import {
  startVirtualPrinter,
  type VirtualPrinter,
  type VirtualPrinterJob,
} from './virtual-printer.js';

/** One test's world; `restart()` closes queue and database and opens both again on the same folder. */
export type QueueWorld = {
  dir: string;
  db: LocalDb;
  queue: PrintQueue;
  printer: VirtualPrinter;
  /** Mutable: the queue reads it before every attempt. */
  settings: { current: PrinterSettingsInput | null };
  restart(): Promise<void>;
  close(): Promise<void>;
};

/** Settings pointing at a virtual printer; short timeouts keep fault tests quick. */
export function settingsFor(printer: VirtualPrinter): PrinterSettingsInput {
  return {
    interface: `tcp://127.0.0.1:${printer.port}`,
    type: 'epson',
    widthMm: 80,
    drawerPin: 2,
    timeoutMs: 1000,
    statusTimeoutMs: 300,
  };
}

/** Opens a database and a virtual printer, and a started queue with 20–100 ms backoff. */
export async function openQueueWorld(extra: Partial<PrintQueueOptions> = {}): Promise<QueueWorld> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-print-queue-'));
  const printer = await startVirtualPrinter({ port: 0, outDir: null });
  const settings = { current: settingsFor(printer) as PrinterSettingsInput | null };
  const open = async (): Promise<{ db: LocalDb; queue: PrintQueue }> => {
    const db = await openLocalDb(dir);
    const queue = createPrintQueue({
      db,
      settings: () => settings.current,
      retry: { baseMs: 20, maxMs: 100 },
      ...extra,
    });
    return { db, queue };
  };
  const world: QueueWorld = {
    dir,
    printer,
    settings,
    ...(await open()),
    async restart() {
      await world.queue.stop();
      world.db.$client.close();
      Object.assign(world, await open());
    },
    async close() {
      await world.queue.stop();
      world.db.$client.close();
      await printer.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** A ticket of sale `saleNumber` with a recognisable code. */
export function ticketOf(
  saleNumber: string,
  overrides: Partial<TicketPrintData> = {},
): TicketPrintData {
  return sampleTicket({ saleNumber, ticketCode: `CODE-${saleNumber}`, ...overrides });
}

/** The sale numbers on the complete (not aborted) jobs the printer received, in order. */
export function printedSales(printer: VirtualPrinter): string[] {
  return printer
    .jobs()
    .filter((j) => !j.aborted)
    .map(saleOf);
}

/** The sale number printed on a job, or '' when it has none. */
export function saleOf(job: VirtualPrinterJob): string {
  return /S-[\w-]+/.exec(plainText(job.document))?.[0] ?? '';
}

/** Polls `check` every 10 ms until it is true; rejects with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
