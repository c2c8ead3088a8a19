import { afterEach, describe, expect, it } from 'vitest';
import {
  openQueueWorld,
  printedSales,
  saleOf,
  ticketOf,
  waitFor,
  type QueueWorld,
} from './print-queue-fixtures.js';

let world: QueueWorld;
afterEach(async () => {
  await world.close();
});

const SALES = ['S-1', 'S-2', 'S-3', 'S-4', 'S-5'];
const statusOf = (id: string): string | undefined => world.queue.job(id)?.status;
const allPrinted = (ids: string[]) => () => ids.every((id) => statusOf(id) === 'printed');
// Attempts count when a job is taken, so wait for it to be back in the queue before asserting.
const retried = (id: string | undefined, attempts: number) => () => {
  const job = world.queue.job(id ?? '');
  return job !== null && job.attempts >= attempts && job.status === 'queued';
};

describe('print queue when the printer misbehaves', () => {
  it('keeps every job while the printer is off and prints them in order, once each, when it is back', async () => {
    world = await openQueueWorld();
    await world.printer.setFault({ kind: 'offline' });
    world.queue.start();
    const ids = SALES.map((sale) => world.queue.enqueue('ticket', ticketOf(sale)));
    await waitFor('retries', retried(ids[0], 3));
    expect(world.queue.job(ids[0] ?? '')).toMatchObject({
      status: 'queued',
      lastError: { code: 'BO_PRINTER_UNREACHABLE' },
    });
    // In order: nothing behind the stuck job was tried.
    expect(ids.slice(1).map((id) => world.queue.job(id)?.attempts)).toEqual([0, 0, 0, 0]);
    expect(world.queue.printerStatus()).toMatchObject({
      connected: false,
      lastError: { code: 'BO_PRINTER_UNREACHABLE' },
    });

    await world.printer.setFault({ kind: 'none' });
    await waitFor('all printed', allPrinted(ids));
    expect(printedSales(world.printer)).toEqual(SALES);
    expect(world.queue.printerStatus()).toMatchObject({ connected: true, lastError: null });
  });

  it('survives a restart while the printer is off: still all five, in order, once', async () => {
    world = await openQueueWorld();
    await world.printer.setFault({ kind: 'offline' });
    world.queue.start();
    const ids = SALES.map((sale) => world.queue.enqueue('ticket', ticketOf(sale)));
    await waitFor('a failed attempt', retried(ids[0], 1));
    await world.restart();
    await world.printer.setFault({ kind: 'none' });
    world.queue.start();
    await waitFor('all printed', allPrinted(ids));
    expect(printedSales(world.printer)).toEqual(SALES);
  });

  it('prints a job a crash left "printing" again after the restart, ahead of later jobs', async () => {
    world = await openQueueWorld();
    const ids = SALES.map((sale) => world.queue.enqueue('ticket', ticketOf(sale)));
    // The station died mid-print: the row says 'printing' and nothing is running.
    world.db.$client
      .prepare("UPDATE print_jobs SET status = 'printing', attempts = 1 WHERE id = ?")
      .run(ids[0]);
    await world.restart();
    world.queue.start();
    await waitFor('all printed', allPrinted(ids));
    expect(printedSales(world.printer)).toEqual(SALES);
    expect(world.queue.job(ids[0] ?? '')?.attempts).toBe(2);
  });

  it('keeps a job queued while the printer is out of paper and prints it when paper is back', async () => {
    world = await openQueueWorld();
    await world.printer.setFault({ kind: 'paper-out' });
    world.queue.start();
    const id = world.queue.enqueue('ticket', ticketOf('S-PAPER'));
    await waitFor(
      'paper-out recorded',
      () => retried(id, 1)() && world.queue.job(id)?.lastError?.code === 'BO_PRINTER_PAPER_OUT',
    );
    expect(world.queue.printerStatus()).toMatchObject({
      connected: true,
      paper: 'out',
      lastError: { code: 'BO_PRINTER_PAPER_OUT' },
    });
    expect(printedSales(world.printer)).toEqual([]);

    await world.printer.setFault({ kind: 'none' });
    await waitFor('printed', () => statusOf(id) === 'printed');
    expect(printedSales(world.printer)).toEqual(['S-PAPER']);
    expect(world.queue.job(id)?.lastError).toBeNull();
    expect(world.queue.printerStatus()).toMatchObject({ paper: 'ok', lastError: null });
  });

  it('retries a printer that answers garbage, without crashing', async () => {
    world = await openQueueWorld();
    await world.printer.setFault({ kind: 'garbage' });
    world.queue.start();
    const id = world.queue.enqueue('ticket', ticketOf('S-GARBAGE'));
    await waitFor('retries', retried(id, 3));
    expect(world.queue.job(id)).toMatchObject({
      status: 'queued',
      lastError: { code: 'BO_PRINTER_FAILED' },
    });
    await world.printer.setFault({ kind: 'none' });
    await waitFor('printed', () => statusOf(id) === 'printed');
    expect(printedSales(world.printer)).toEqual(['S-GARBAGE']);
  });

  it('retries a job the printer cut off mid-way and prints it whole once', async () => {
    world = await openQueueWorld();
    await world.printer.setFault({ kind: 'close-mid-job', closeAfterBytes: 64 });
    world.queue.start();
    const ids = ['S-CUT-1', 'S-CUT-2'].map((sale) => world.queue.enqueue('ticket', ticketOf(sale)));
    await waitFor('retries', retried(ids[0], 2));
    expect(world.queue.job(ids[0] ?? '')).toMatchObject({
      status: 'queued',
      lastError: { code: 'BO_PRINTER_FAILED' },
    });
    expect(world.printer.jobs().every((j) => j.aborted)).toBe(true);
    await world.printer.setFault({ kind: 'none' });
    await waitFor('printed', allPrinted(ids));
    expect(printedSales(world.printer)).toEqual(['S-CUT-1', 'S-CUT-2']);
    expect(
      world.printer
        .jobs()
        .filter((j) => !j.aborted)
        .map(saleOf),
    ).toHaveLength(2);
  });

  it('keeps jobs queued under bad settings, reports BO_PRINTER_SETTINGS_INVALID, and prints once fixed', async () => {
    world = await openQueueWorld();
    const good = world.settings.current;
    world.settings.current = { interface: 'printer-on-the-left', type: 'epson', widthMm: 80 };
    world.queue.start();
    const id = world.queue.enqueue('ticket', ticketOf('S-SETTINGS'));
    await waitFor(
      'settings error recorded',
      () =>
        retried(id, 1)() && world.queue.job(id)?.lastError?.code === 'BO_PRINTER_SETTINGS_INVALID',
    );
    expect(world.queue.job(id)?.lastError?.message).toContain('interface');
    expect(world.queue.printerStatus()).toMatchObject({
      connected: false,
      lastError: { code: 'BO_PRINTER_SETTINGS_INVALID' },
    });

    world.settings.current = null;
    await waitFor(
      'no printer recorded',
      () => world.queue.job(id)?.lastError?.message === 'no printer is configured',
    );
    expect(await world.queue.checkPrinter()).toMatchObject({
      lastError: { code: 'BO_PRINTER_SETTINGS_INVALID' },
    });

    world.settings.current = good;
    world.queue.retryNow();
    await waitFor('printed', () => statusOf(id) === 'printed');
    expect(printedSales(world.printer)).toEqual(['S-SETTINGS']);
    expect(await world.queue.checkPrinter()).toMatchObject({
      connected: true,
      paper: 'ok',
      lastError: null,
    });
  });
});
