import { afterEach, describe, expect, it } from 'vitest';
import { BoError } from '../../common/errors.js';
import { plainText } from './escpos-decoder.js';
import { LONDON, sampleReceipt, sampleZReport } from './print-fixtures.js';
import {
  openQueueWorld,
  printedSales,
  ticketOf,
  waitFor,
  type QueueWorld,
} from './print-queue-fixtures.js';
import type { PrintQueueEvent } from './print-queue-types.js';

let world: QueueWorld;
afterEach(async () => {
  await world.close();
});

const statusOf = (id: string): string | undefined => world.queue.job(id)?.status;

describe('print queue', () => {
  it('prints a queued ticket at the printer, where it decodes with its QR', async () => {
    world = await openQueueWorld();
    world.queue.start();
    const next = world.printer.nextJob();
    const id = world.queue.enqueue('ticket', ticketOf('S-1'));
    const job = await next;
    expect(job.document.warnings).toEqual([]);
    const text = plainText(job.document);
    for (const expected of [
      'Marquee Leicester Square',
      'The Grand Budapest Hotel',
      'Row H  Seat 12',
      'S-1',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('REPRINT');
    expect(job.document.items.filter((i) => i.kind === 'qr')).toMatchObject([{ data: 'CODE-S-1' }]);
    await waitFor('printed', () => statusOf(id) === 'printed');
    expect(world.queue.job(id)).toMatchObject({
      kind: 'ticket',
      reprint: 0,
      attempts: 1,
      lastError: null,
      printedAt: expect.any(String) as unknown,
    });
    expect(world.queue.printerStatus()).toMatchObject({
      connected: true,
      paper: 'ok',
      lastError: null,
    });
  });

  it('prints a sale of several tickets as one job, and receipts, Z-reports and test pages', async () => {
    world = await openQueueWorld();
    world.queue.start();
    const ids = [
      world.queue.enqueue('ticket', [
        ticketOf('S-2', { seat: { row: 'A', number: '1' } }),
        ticketOf('S-2', { seat: { row: 'A', number: '2' } }),
      ]),
      world.queue.enqueue('receipt', sampleReceipt('cash', { saleNumber: 'S-2' })),
      world.queue.enqueue('zreport', sampleZReport()),
      world.queue.enqueue('test', { cinema: LONDON, at: '2025-07-14T12:00:00Z' }),
    ];
    await waitFor('all printed', () => ids.every((id) => statusOf(id) === 'printed'));
    const [tickets, receipt, zreport, test] = world.printer
      .jobs()
      .map((j) => ({ raw: j.text, text: plainText(j.document) }));
    expect(tickets?.raw.match(/\[CUT\]/g)).toHaveLength(2);
    expect(tickets?.text).toContain('Row A  Seat 2');
    expect(receipt?.text).toContain('RECEIPT');
    expect(receipt?.raw).toContain('[DRAWER pin 2]');
    expect(zreport?.text).toContain('Z-REPORT Z-0042');
    expect(test?.text).toContain('TEST PAGE');
  });

  it('queues inside the sale transaction: a rolled-back sale prints nothing', async () => {
    world = await openQueueWorld();
    world.queue.start();
    expect(() =>
      world.db.transaction(() => {
        world.queue.enqueue('ticket', ticketOf('S-ROLLED-BACK'));
        throw new Error('payment declined');
      }),
    ).toThrow('payment declined');
    const id = world.db.transaction(() => world.queue.enqueue('ticket', ticketOf('S-COMMITTED')));
    await waitFor('printed', () => statusOf(id) === 'printed');
    expect(printedSales(world.printer)).toEqual(['S-COMMITTED']);
    expect(world.queue.jobs().map((j) => j.id)).toEqual([id]);
  });

  it('marks reprints "REPRINT n", counting every earlier copy of the document', async () => {
    world = await openQueueWorld();
    world.queue.start();
    const original = world.queue.enqueue('ticket', ticketOf('S-3'));
    await waitFor('original printed', () => statusOf(original) === 'printed');
    const first = world.queue.reprint(original);
    await waitFor('first reprint', () => statusOf(first) === 'printed');
    const second = world.queue.reprint(original);
    await waitFor('second reprint', () => statusOf(second) === 'printed');
    // Reprinting a reprint continues the count of the same ticket.
    const third = world.queue.reprint(second);
    await waitFor('third reprint', () => statusOf(third) === 'printed');
    const texts = world.printer.jobs().map((j) => plainText(j.document));
    expect(texts).toHaveLength(4);
    expect(texts[0]).not.toContain('REPRINT');
    expect(texts[1]).toContain('REPRINT 1');
    expect(texts[2]).toContain('REPRINT 2');
    expect(texts[3]).toContain('REPRINT 3');
    expect(texts.every((t) => t.includes('S-3'))).toBe(true);
    expect(world.queue.job(second)?.reprint).toBe(2);
    // Another sale's ticket starts its own count.
    const other = world.queue.reprint(world.queue.enqueue('ticket', ticketOf('S-4')));
    expect(world.queue.job(other)?.reprint).toBe(1);
  });

  it('reprints receipts with their number and refuses an unknown job', async () => {
    world = await openQueueWorld();
    world.queue.start();
    const receipt = world.queue.enqueue('receipt', sampleReceipt('card'));
    const copy = world.queue.reprint(receipt);
    await waitFor('both printed', () => statusOf(copy) === 'printed');
    expect(world.printer.jobs()[1]?.text).toContain('REPRINT 1');
    expect(() => world.queue.reprint('no-such-job')).toThrow(BoError);
    expect(() => world.queue.reprint('no-such-job')).toThrow(/no print job no-such-job/);
  });

  it('fails a job whose data cannot be laid out without holding up the jobs behind it', async () => {
    world = await openQueueWorld();
    world.queue.start();
    const broken = world.queue.enqueue('receipt', { saleNumber: 'S-5' } as unknown as ReturnType<
      typeof sampleReceipt
    >);
    const fine = world.queue.enqueue('ticket', ticketOf('S-6'));
    await waitFor('next job printed', () => statusOf(fine) === 'printed');
    expect(world.queue.job(broken)).toMatchObject({
      status: 'failed',
      lastError: { code: 'BO_PRINT_JOB_INVALID' },
    });
    expect(world.queue.job(broken)?.lastError?.message).toContain('cinema');
    expect(printedSales(world.printer)).toEqual(['S-6']);
    // Repaired and re-queued by hand behind the queue's back: retryNow() picks it up.
    world.db.$client
      .prepare("UPDATE print_jobs SET status = 'queued', payload = ? WHERE id = ?")
      .run(JSON.stringify(sampleReceipt('card', { saleNumber: 'S-5' })), broken);
    world.queue.retryNow();
    await waitFor('repaired job printed', () => statusOf(broken) === 'printed');
    expect(printedSales(world.printer)).toEqual(['S-6', 'S-5']);
  });

  it('emits job status changes and printer state, and lists jobs newest first', async () => {
    world = await openQueueWorld();
    const events: PrintQueueEvent[] = [];
    const off = world.queue.onStatus((e) => events.push(e));
    world.queue.onStatus(() => {
      throw new Error('a listener bug must not stop printing');
    });
    world.queue.start();
    const a = world.queue.enqueue('ticket', ticketOf('S-7'));
    const b = world.queue.enqueue('ticket', ticketOf('S-8'));
    await waitFor('printed', () => statusOf(b) === 'printed');
    off();
    const of = (id: string): string[] =>
      events.flatMap((e) => (e.type === 'job' && e.job.id === id ? [e.job.status] : []));
    expect(of(a)).toEqual(['queued', 'printing', 'printed']);
    expect(of(b)).toEqual(['queued', 'printing', 'printed']);
    expect(events.filter((e) => e.type === 'printer')).toMatchObject([
      { printer: { connected: true, paper: 'ok' } },
    ]);
    expect(world.queue.jobs({ limit: 1 }).map((j) => j.id)).toEqual([b]);
    expect(world.queue.jobs().map((j) => j.id)).toEqual([b, a]);
  });
});
