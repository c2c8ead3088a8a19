// Sends built ESC/POS bytes to a printer and asks it for its status. Every outcome is a value: the
// print queue decides on retries from the error code, and nothing a printer does can throw.
import { access, constants, writeFile } from 'node:fs/promises';
import {
  parsePrinterSettings,
  type PrinterError,
  type PrinterSettings,
  type PrinterTarget,
} from './printer-settings.js';
import { TcpLink, type ReadOutcome } from './tcp-link.js';

/** Outcome of sending one job. */
export type SendResult = { ok: true } | { ok: false; error: PrinterError };

/** Paper as the roll sensor reports it; 'unknown' when the printer does not answer status requests. */
export type PaperState = 'ok' | 'near-end' | 'out' | 'unknown';

/** What a status query learned. */
export type PrinterStatus = { connected: boolean; online: boolean | null; paper: PaperState };

/** Outcome of a status query. */
export type StatusResult = { ok: true; value: PrinterStatus } | { ok: false; error: PrinterError };

// DLE EOT n: real-time status, answered even while the printer is busy. n = 1 printer, 4 paper sensor.
const DLE_EOT = (n: 1 | 4): Buffer => Buffer.from([0x10, 0x04, n]);

/** Sends bytes to the printer the settings describe; never throws. */
export async function sendToPrinter(settings: unknown, bytes: Uint8Array): Promise<SendResult> {
  const parsed = parsePrinterSettings(settings);
  if (!parsed.ok) return parsed;
  try {
    return parsed.target.kind === 'tcp'
      ? await sendTcp(parsed.target, parsed.value, bytes)
      : await sendDevice(parsed.target.path, parsed.value, bytes);
  } catch (err) {
    return failed('BO_PRINTER_FAILED', `unexpected printing error: ${errorText(err)}`);
  }
}

/** Asks the printer whether it is reachable, online and has paper; never throws. */
export async function queryPrinterStatus(settings: unknown): Promise<StatusResult> {
  const parsed = parsePrinterSettings(settings);
  if (!parsed.ok) return parsed;
  try {
    return await queryStatus(parsed.target, parsed.value);
  } catch (err) {
    return failed('BO_PRINTER_FAILED', `unexpected status error: ${errorText(err)}`);
  }
}

async function sendTcp(
  target: Extract<PrinterTarget, { kind: 'tcp' }>,
  s: PrinterSettings,
  bytes: Uint8Array,
): Promise<SendResult> {
  const link = await TcpLink.connect(target.host, target.port, s.timeoutMs);
  if (link instanceof Error)
    return failed(
      'BO_PRINTER_UNREACHABLE',
      `printer ${target.host}:${target.port} unreachable: ${link.message}`,
    );
  try {
    // Ask for the paper sensor first: printing into an empty printer would lose the job silently.
    let answersStatus = false;
    if (s.statusTimeoutMs > 0) {
      const before = await askPaper(link, s.statusTimeoutMs);
      if (before === 'closed')
        return failed('BO_PRINTER_FAILED', 'printer closed the connection before the job');
      if (before !== 'timeout' && !before.ok) return before;
      answersStatus = before !== 'timeout';
    }
    const writeError = await link.write(bytes, s.timeoutMs);
    if (writeError)
      return failed(
        'BO_PRINTER_FAILED',
        `printer connection failed while sending: ${writeError.message}`,
      );
    if (answersStatus) {
      // Real-time status is answered in stream order, so an answer proves every job byte arrived.
      const after = await askPaper(link, s.timeoutMs);
      if (after === 'closed')
        return failed('BO_PRINTER_FAILED', 'printer closed the connection mid-job');
      if (after === 'timeout')
        return failed('BO_PRINTER_FAILED', 'printer stopped answering mid-job');
      if (!after.ok) return after;
    }
    await link.end(s.timeoutMs);
    const broken = link.error();
    if (broken) return failed('BO_PRINTER_FAILED', `printer connection broke: ${broken.message}`);
    return { ok: true };
  } finally {
    link.destroy();
  }
}

async function askPaper(
  link: TcpLink,
  timeoutMs: number,
): Promise<SendResult | 'timeout' | 'closed'> {
  const err = await link.write(DLE_EOT(4), timeoutMs);
  if (err) return 'closed';
  const answer = await link.readByte(timeoutMs);
  if (answer === 'timeout' || answer === 'closed') return answer;
  const paper = paperFrom(answer);
  if (paper === null)
    return failed(
      'BO_PRINTER_FAILED',
      `printer answered 0x${answer.toString(16)}, which is not a status byte`,
    );
  if (paper === 'out') return failed('BO_PRINTER_PAPER_OUT', 'printer is out of paper');
  return { ok: true };
}

async function queryStatus(target: PrinterTarget, s: PrinterSettings): Promise<StatusResult> {
  if (target.kind === 'device') {
    const connected = await access(target.path, constants.W_OK).then(
      () => true,
      () => false,
    );
    return { ok: true, value: { connected, online: null, paper: 'unknown' } };
  }
  const link = await TcpLink.connect(target.host, target.port, s.timeoutMs);
  if (link instanceof Error)
    return { ok: true, value: { connected: false, online: null, paper: 'unknown' } };
  try {
    const wait = Math.max(s.statusTimeoutMs, 100);
    const printer = await ask(link, DLE_EOT(1), wait);
    const sensor = typeof printer === 'number' ? await ask(link, DLE_EOT(4), wait) : printer;
    if (typeof printer !== 'number' || typeof sensor !== 'number') {
      if (printer === 'closed' || sensor === 'closed')
        return failed('BO_PRINTER_FAILED', 'printer closed the connection during a status query');
      return { ok: true, value: { connected: true, online: null, paper: 'unknown' } };
    }
    const paper = paperFrom(sensor);
    if (!isStatusByte(printer) || paper === null)
      return failed('BO_PRINTER_FAILED', 'printer answered bytes that are not status bytes');
    return { ok: true, value: { connected: true, online: (printer & 0x08) === 0, paper } };
  } finally {
    link.destroy();
  }
}

async function ask(link: TcpLink, request: Buffer, timeoutMs: number): Promise<ReadOutcome> {
  const err = await link.write(request, timeoutMs);
  return err ? 'closed' : link.readByte(timeoutMs);
}

// Every DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a status.
function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

function paperFrom(b: number): PaperState | null {
  if (!isStatusByte(b)) return null;
  if ((b & 0x60) !== 0) return 'out';
  return (b & 0x0c) !== 0 ? 'near-end' : 'ok';
}

async function sendDevice(
  path: string,
  s: PrinterSettings,
  bytes: Uint8Array,
): Promise<SendResult> {
  try {
    // Append: a device file ignores it, a spool file keeps earlier jobs.
    await writeFile(path, bytes, { flag: 'a', signal: AbortSignal.timeout(s.timeoutMs) });
    return { ok: true };
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (['ENOENT', 'ENODEV', 'ENXIO', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR'].includes(code)) {
      return failed(
        'BO_PRINTER_UNREACHABLE',
        `printer device ${path} unavailable: ${errorText(err)}`,
      );
    }
    return failed('BO_PRINTER_FAILED', `writing to ${path} failed: ${errorText(err)}`);
  }
}

function failed(code: PrinterError['code'], message: string): { ok: false; error: PrinterError } {
  return { ok: false, error: { code, message } };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export {
  parsePrinterSettings,
  printerSettingsSchema,
  type PrinterError,
  type PrinterSettings,
  type PrinterSettingsInput,
} from './printer-settings.js';
