import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certifyStationKey,
  generateKeyPair,
  signTicketCode,
  verifyTicketCode,
} from '../../common/ticket-code.js';
import { plainText } from './escpos-decoder.js';
import { buildReceipt, buildTestPage, buildTicket } from './layouts.js';
import { LONDON, sampleReceipt, sampleTicket } from './print-fixtures.js';
import { queryPrinterStatus, sendToPrinter } from './printer-driver.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';

const server = generateKeyPair();
const station = generateKeyPair();
const stationSigner = {
  kind: 'station' as const,
  secretKey: station.secretKey,
  certificate: certifyStationKey('counter-2', station.publicKey, server.secretKey),
};
const payload = {
  ticketId: 'e2b9a1d4-6f1c-4a3b-9d2e-5c7f8a9b0c1d',
  showId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  seatLabel: 'H12',
  issuedAt: Date.UTC(2025, 6, 14, 17, 55),
};

let printer: VirtualPrinter;
let dir: string;
const settings = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  interface: `tcp://127.0.0.1:${printer.port}`,
  type: 'epson',
  widthMm: 80,
  drawerPin: 2,
  timeoutMs: 1000,
  ...overrides,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-printer-'));
  printer = await startVirtualPrinter({ port: 0, outDir: dir });
});
afterAll(async () => {
  await printer.close();
  await rm(dir, { recursive: true, force: true });
});

describe('printing through the driver to the virtual printer', () => {
  it('prints an EPSON 80 mm ticket whose every field and QR survive the trip', async () => {
    const code = signTicketCode(payload, stationSigner);
    const job = printer.nextJob();
    expect(
      await sendToPrinter(
        settings(),
        buildTicket(sampleTicket({ ticketCode: code, reprintCount: 1 }), {
          type: 'epson',
          widthMm: 80,
        }),
      ),
    ).toEqual({ ok: true });
    const { document, bytes, files, text } = await job;
    expect(document.warnings).toEqual([]);
    const printed = plainText(document);
    for (const expected of [
      'Marquee Leicester Square',
      'The Grand Budapest Hotel',
      'Rated 15 | IMAX',
      'Screen 3',
      'Mon, 14 Jul 2025',
      '19:30',
      'Row H  Seat 12',
      'Adult',
      '£12.50',
      '£2.08',
      'S-000123',
      'REPRINT 1',
    ]) {
      expect(printed).toContain(expected);
    }
    const qr = document.items.find((i) => i.kind === 'qr');
    const data = qr?.kind === 'qr' ? qr.data : '';
    expect(verifyTicketCode(data, server.publicKey)).toEqual({
      ok: true,
      payload: { ...payload, kid: 'counter-2' },
    });

    // One byte of the QR payload changed on the wire (to another base64url character) must not verify.
    const at = bytes.indexOf(Buffer.from(data, 'latin1')) + 40;
    const tampered = Buffer.from(bytes);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    const tamperedData = tampered.subarray(at - 40, at - 40 + data.length).toString('latin1');
    expect(tamperedData).not.toBe(data);
    expect(verifyTicketCode(tamperedData, server.publicKey).ok).toBe(false);

    expect(files).not.toBeNull();
    expect(await readFile(files?.bin ?? '')).toEqual(bytes);
    const txt = await readFile(files?.txt ?? '', 'utf8');
    expect(txt).toBe(text);
    expect(txt).toContain(`[QR: ${data}]`);
    expect(txt).toContain('[CUT]');
  });

  it('prints a STAR 58 mm ticket', async () => {
    const code = signTicketCode(payload, { kind: 'server', secretKey: server.secretKey });
    const job = printer.nextJob();
    const result = await sendToPrinter(
      settings({ type: 'star', widthMm: 58 }),
      buildTicket(sampleTicket({ ticketCode: code }), { type: 'star', widthMm: 58 }),
    );
    expect(result).toEqual({ ok: true });
    const { document } = await job;
    expect(document.dialect).toBe('star');
    expect(document.warnings).toEqual([]);
    expect(plainText(document)).toContain('Row H  Seat 12');
    const qr = document.items.find((i) => i.kind === 'qr');
    expect(verifyTicketCode(qr?.kind === 'qr' ? qr.data : '', server.publicKey).ok).toBe(true);
  });

  it('kicks the drawer for a cash receipt and not for a card receipt', async () => {
    const target = { type: 'epson' as const, widthMm: 80 as const, drawerPin: 5 as const };
    let job = printer.nextJob();
    expect(
      (await sendToPrinter(settings({ drawerPin: 5 }), buildReceipt(sampleReceipt('cash'), target)))
        .ok,
    ).toBe(true);
    expect((await job).text).toContain('[DRAWER pin 5]');
    job = printer.nextJob();
    expect((await sendToPrinter(settings(), buildReceipt(sampleReceipt('card'), target))).ok).toBe(
      true,
    );
    expect((await job).document.items.some((i) => i.kind === 'drawer')).toBe(false);
  });

  // The latency goal is benchmark P6 (`npm run bench`); here every ticket must arrive whole, in order.
  it('prints 40 signed tickets back to back, each whole and in order (sale-to-bytes latency logged)', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const job = printer.nextJob();
      const t0 = performance.now();
      const code = signTicketCode({ ...payload, issuedAt: Date.now() }, stationSigner);
      const result = await sendToPrinter(
        settings(),
        buildTicket(sampleTicket({ ticketCode: code }), { type: 'epson', widthMm: 80 }),
      );
      const received = await job;
      samples.push(received.receivedHr - t0);
      expect(result.ok).toBe(true);
      expect(received.text).toContain(`[QR: ${code}]`);
      expect(received.aborted).toBe(false);
    }
    samples.sort((a, b) => a - b);
    const pick = (q: number): number =>
      samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
    console.log(
      `sale-to-bytes latency over ${samples.length} tickets: p50 ${pick(0.5).toFixed(2)} ms, p95 ${pick(0.95).toFixed(2)} ms, max ${pick(1).toFixed(2)} ms`,
    );
  });
});

describe('printer faults', () => {
  const ticket = (): Buffer =>
    buildTicket(sampleTicket({ ticketCode: 'CODE' }), { type: 'epson', widthMm: 80 });

  it('reports an offline printer as unreachable quickly', async () => {
    await printer.setFault({ kind: 'offline' });
    try {
      // A refused connection is reported at once, not after the (long) connect timeout.
      const t0 = performance.now();
      const result = await sendToPrinter(settings({ timeoutMs: 20_000 }), ticket());
      expect(result).toMatchObject({ ok: false, error: { code: 'BO_PRINTER_UNREACHABLE' } });
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(await queryPrinterStatus(settings())).toEqual({
        ok: true,
        value: { connected: false, online: null, paper: 'unknown' },
      });
    } finally {
      await printer.setFault({ kind: 'none' });
    }
    expect((await sendToPrinter(settings(), ticket())).ok).toBe(true);
  });

  it('gives up on a host that never answers within the timeout', async () => {
    const t0 = performance.now();
    const result = await sendToPrinter(
      settings({ interface: 'tcp://192.0.2.1:9100', timeoutMs: 300 }),
      ticket(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'BO_PRINTER_UNREACHABLE' } });
    // Gives up at the timeout instead of waiting for the operating system's (minutes).
    expect(performance.now() - t0).toBeLessThan(4000);
  });

  it.each([
    ['answers garbage', { kind: 'garbage' }, 'BO_PRINTER_FAILED'],
    ['closes mid-job', { kind: 'close-mid-job', closeAfterBytes: 200 }, 'BO_PRINTER_FAILED'],
    [
      'closes mid-job without answering status',
      { kind: 'close-mid-job', closeAfterBytes: 1 },
      'BO_PRINTER_FAILED',
    ],
    // A printer busy with another station resets new connections; the queue retries like offline.
    ['resets on connect', { kind: 'reset' }, 'BO_PRINTER_UNREACHABLE'],
  ] as const)('fails cleanly when the printer %s', async (_name, fault, code) => {
    await printer.setFault(fault);
    try {
      const result = await sendToPrinter(settings(), ticket());
      expect(result).toMatchObject({ ok: false, error: { code } });
    } finally {
      await printer.setFault({ kind: 'none' });
    }
  });

  it('reports paper out without losing the job to an empty printer', async () => {
    await printer.setFault({ kind: 'paper-out' });
    const before = printer.jobs().length;
    try {
      expect(await sendToPrinter(settings(), ticket())).toMatchObject({
        ok: false,
        error: { code: 'BO_PRINTER_PAPER_OUT' },
      });
      expect(await queryPrinterStatus(settings())).toEqual({
        ok: true,
        value: { connected: true, online: false, paper: 'out' },
      });
    } finally {
      await printer.setFault({ kind: 'none' });
    }
    expect(printer.jobs().length).toBe(before);
    expect(await queryPrinterStatus(settings())).toEqual({
      ok: true,
      value: { connected: true, online: true, paper: 'ok' },
    });
  });

  it('prints on a printer that does not answer status requests', async () => {
    await printer.setFault({ kind: 'no-status' });
    try {
      const job = printer.nextJob();
      expect(await sendToPrinter(settings({ statusTimeoutMs: 50 }), ticket())).toEqual({
        ok: true,
      });
      expect((await job).text).toContain('[QR: CODE]');
      expect(await queryPrinterStatus(settings({ statusTimeoutMs: 50 }))).toEqual({
        ok: true,
        value: { connected: true, online: null, paper: 'unknown' },
      });
    } finally {
      await printer.setFault({ kind: 'none' });
    }
  });
});

describe('settings and device paths', () => {
  it.each([
    [{ interface: 'tcp://bad host:9100', type: 'epson', widthMm: 80 }, 'interface'],
    [{ interface: 'tcp://printer.local:0', type: 'epson', widthMm: 80 }, 'interface'],
    [{ interface: 'tcp://10.0.0.300:9100', type: 'epson', widthMm: 80 }, 'interface'],
    [{ interface: 'tcp://10.0.0.5:70000', type: 'epson', widthMm: 80 }, 'interface'],
    [{ interface: 'http://10.0.0.5', type: 'epson', widthMm: 80 }, 'interface'],
    [{ interface: 'tcp://10.0.0.5', type: 'epson', widthMm: 57 }, 'widthMm'],
    [{ interface: 'tcp://10.0.0.5', type: 'zebra', widthMm: 80 }, 'type'],
    [{ interface: 'tcp://10.0.0.5', type: 'star', widthMm: 58, drawerPin: 3 }, 'drawerPin'],
    [{ type: 'star', widthMm: 58 }, 'interface'],
    [null, 'settings'],
  ])('rejects %j', async (input, field) => {
    const result = await sendToPrinter(input, Buffer.from('x'));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'BO_PRINTER_SETTINGS_INVALID',
        message: expect.stringContaining(field) as unknown,
      },
    });
    expect(await queryPrinterStatus(input)).toMatchObject({
      ok: false,
      error: { code: 'BO_PRINTER_SETTINGS_INVALID' },
    });
  });

  it('accepts host names, IPv6 and the default port', async () => {
    for (const iface of [
      'tcp://printer-2.cinema.local',
      'tcp://[::1]:9100',
      'tcp://192.168.1.50:9100/',
    ]) {
      const r = await sendToPrinter(
        { interface: iface, type: 'epson', widthMm: 80, timeoutMs: 100 },
        Buffer.alloc(0),
      );
      expect(r.ok || r.error.code !== 'BO_PRINTER_SETTINGS_INVALID').toBe(true);
    }
  });

  it('writes to a device path and reports a missing device as unreachable', async () => {
    const device = path.join(dir, 'lp0');
    const page = buildTestPage({ type: 'epson', widthMm: 58 }, LONDON, '2025-07-14T12:00:00Z');
    expect(await sendToPrinter({ interface: device, type: 'epson', widthMm: 58 }, page)).toEqual({
      ok: true,
    });
    expect(await readFile(device)).toEqual(page);
    expect(await queryPrinterStatus({ interface: device, type: 'epson', widthMm: 58 })).toEqual({
      ok: true,
      value: { connected: true, online: null, paper: 'unknown' },
    });
    const missing = { interface: path.join(dir, 'no', 'lp9'), type: 'epson', widthMm: 58 };
    expect(await sendToPrinter(missing, page)).toMatchObject({
      ok: false,
      error: { code: 'BO_PRINTER_UNREACHABLE' },
    });
  });
});
