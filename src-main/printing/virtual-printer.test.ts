import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildReceipt, buildTickets } from './layouts.js';
import { sampleReceipt, sampleTicket } from './print-fixtures.js';
import { queryPrinterStatus, sendToPrinter } from './printer-driver.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';

const running: VirtualPrinter[] = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.splice(0).map((p) => p.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start(
  options: Parameters<typeof startVirtualPrinter>[0] = {},
): Promise<VirtualPrinter> {
  const printer = await startVirtualPrinter({ port: 0, outDir: null, ...options });
  running.push(printer);
  return printer;
}

/** Sends raw bytes on one connection and waits until the printer closes it. */
function rawSend(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const answers: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('data', (d: Buffer) => answers.push(d));
    socket.on('close', () => resolve(Buffer.concat(answers)));
    socket.on('error', reject);
  });
}

describe('virtual printer', () => {
  it('keeps one job per connection and writes .txt, .bin and .png files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-vp-'));
    dirs.push(dir);
    const printer = await start({ outDir: dir });
    const seen: number[] = [];
    const off = printer.onJob((job) => seen.push(job.id));
    const tickets = buildTickets(
      ['1', '2'].map((n) =>
        sampleTicket({ seat: { row: 'A', number: n }, ticketCode: `CODE-${n}` }),
      ),
      { type: 'epson', widthMm: 80 },
    );
    const job = printer.nextJob();
    await rawSend(printer.port, tickets);
    const received = await job;
    expect(received).toMatchObject({ id: 1, aborted: false });
    expect(received.text).toContain('[QR: CODE-1]');
    expect(received.text).toContain('[QR: CODE-2]');
    expect(received.text.match(/\[CUT\]/g)).toHaveLength(2);
    // The picture is drawn after the announcement; settled() waits for it.
    await printer.settled();
    const files = [received.files?.bin, received.files?.txt, received.files?.png].map((f) =>
      path.basename(f ?? ''),
    );
    expect((await readdir(dir)).sort()).toEqual(files.sort());
    expect(received.files?.png).toBe(received.files?.txt.replace(/\.txt$/, '.png'));
    const png = PNG.sync.read(await readFile(received.files?.png ?? ''));
    expect(png.width).toBe(576);
    expect(['CODE-1', 'CODE-2']).toContain(
      jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data,
    );
    expect(seen).toEqual([1]);
    off();
    expect(printer.jobs()).toHaveLength(1);
  });

  it('keeps taking jobs, with their .txt and .bin, when a picture cannot be written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-vp-'));
    dirs.push(dir);
    // A fixed clock makes the first job's file names known, so a folder can squat its .png name.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-07-14T17:55:00.000Z'));
    await mkdir(path.join(dir, '2025-07-14T17-55-00-000Z-job-0001.png'));
    const failures: number[] = [];
    const printer = await start({ outDir: dir, onPngError: (job) => failures.push(job.id) });
    const receipt = buildReceipt(sampleReceipt('card'), { type: 'epson', widthMm: 80 });
    const first = printer.nextJob();
    await rawSend(printer.port, receipt);
    expect((await first).files?.txt).toBe(path.join(dir, '2025-07-14T17-55-00-000Z-job-0001.txt'));
    vi.setSystemTime(new Date('2025-07-14T17:56:00.000Z'));
    const second = printer.nextJob();
    await rawSend(printer.port, receipt);
    expect((await second).id).toBe(2);
    await printer.settled();
    expect(failures).toEqual([1]);
    expect(printer.jobs().map((j) => j.files?.png ?? null)).toEqual([
      null,
      path.join(dir, '2025-07-14T17-56-00-000Z-job-0002.png'),
    ]);
    expect(
      await readFile(path.join(dir, '2025-07-14T17-55-00-000Z-job-0001.txt'), 'utf8'),
    ).toContain('TOTAL');
  });

  it('splits a connection into one job per cut when asked', async () => {
    const printer = await start({ split: 'cut' });
    const tickets = buildTickets(
      ['1', '2', '3'].map((n) =>
        sampleTicket({ seat: { row: 'A', number: n }, ticketCode: `CODE-${n}` }),
      ),
      { type: 'star', widthMm: 58 },
    );
    const three = new Promise<void>((resolve) =>
      printer.onJob(() => printer.jobs().length === 3 && resolve()),
    );
    await rawSend(printer.port, tickets);
    await three;
    expect(printer.jobs().map((j) => j.document.items.find((i) => i.kind === 'qr'))).toMatchObject([
      { data: 'CODE-1' },
      { data: 'CODE-2' },
      { data: 'CODE-3' },
    ]);
    expect(printer.jobs().every((j) => j.document.dialect === 'star')).toBe(true);
  });

  it('answers DLE EOT status requests and records no job for a status-only connection', async () => {
    const printer = await start();
    expect(await rawSend(printer.port, Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]))).toEqual(
      Buffer.from([0x12, 0x12]),
    );
    await printer.setFault({ kind: 'paper-out' });
    expect(
      await rawSend(
        printer.port,
        Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]),
      ),
    ).toEqual(Buffer.from([0x1a, 0x32, 0x72]));
    await expect(printer.nextJob(50)).rejects.toThrow(/no print job/);
    expect(printer.jobs()).toEqual([]);
  });

  it('records a job cut short by a broken connection as aborted', async () => {
    const printer = await start({ fault: { kind: 'close-mid-job', closeAfterBytes: 100 } });
    const job = printer.nextJob();
    await rawSend(
      printer.port,
      buildReceipt(sampleReceipt('cash'), { type: 'epson', widthMm: 80 }),
    ).catch(() => Buffer.alloc(0));
    const received = await job;
    expect(received.aborted).toBe(true);
    expect(received.bytes.length).toBe(100);
    expect(received.text).toContain('[DRAWER pin 2]');
  });

  it('goes offline and comes back on the same port', async () => {
    const printer = await start({ fault: { kind: 'offline' } });
    const s = { interface: `tcp://127.0.0.1:${printer.port}`, type: 'epson', widthMm: 80 };
    expect(await queryPrinterStatus(s)).toMatchObject({ ok: true, value: { connected: false } });
    await printer.setFault({ kind: 'none' });
    expect(await queryPrinterStatus(s)).toEqual({
      ok: true,
      value: { connected: true, online: true, paper: 'ok' },
    });
    const job = printer.nextJob();
    expect(
      await sendToPrinter(s, buildReceipt(sampleReceipt('card'), { type: 'epson', widthMm: 80 })),
    ).toEqual({ ok: true });
    expect((await job).text).toContain('TOTAL');
  });
});
