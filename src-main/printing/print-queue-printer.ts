// The printer's last known state as the queue learns it from print attempts and status checks.
import type { PrinterStatus } from './printer-driver.js';
import type { PrinterError } from './printer-settings.js';
import type { PrinterState } from './print-queue-types.js';

/** Before the first attempt nothing is known. */
export const unknownPrinterState: PrinterState = {
  connected: null,
  paper: 'unknown',
  lastError: null,
  checkedAt: null,
};

/** The state after a job printed: it took the bytes, so it was connected and had paper. */
export function stateAfterPrint(now: Date): PrinterState {
  return { connected: true, paper: 'ok', lastError: null, checkedAt: now.toISOString() };
}

/** The state after an attempt failed with `error`. */
export function stateAfterError(error: PrinterError, now: Date): PrinterState {
  const checkedAt = now.toISOString();
  switch (error.code) {
    case 'BO_PRINTER_PAPER_OUT':
      return { connected: true, paper: 'out', lastError: error, checkedAt };
    // The driver reports FAILED only once it reached the printer (garbage answers, a cut connection).
    case 'BO_PRINTER_FAILED':
      return { connected: true, paper: 'unknown', lastError: error, checkedAt };
    case 'BO_PRINTER_UNREACHABLE':
    case 'BO_PRINTER_SETTINGS_INVALID':
      return { connected: false, paper: 'unknown', lastError: error, checkedAt };
  }
}

/** The state a status query found. */
export function stateFromQuery(status: PrinterStatus, now: Date): PrinterState {
  const checkedAt = now.toISOString();
  if (!status.connected)
    return {
      connected: false,
      paper: 'unknown',
      lastError: { code: 'BO_PRINTER_UNREACHABLE', message: 'printer does not answer' },
      checkedAt,
    };
  if (status.paper === 'out')
    return {
      connected: true,
      paper: 'out',
      lastError: { code: 'BO_PRINTER_PAPER_OUT', message: 'printer is out of paper' },
      checkedAt,
    };
  return { connected: true, paper: status.paper, lastError: null, checkedAt };
}

/** Whether two states differ in anything but when they were learned. */
export function printerStateChanged(a: PrinterState, b: PrinterState): boolean {
  return (
    a.connected !== b.connected ||
    a.paper !== b.paper ||
    a.lastError?.code !== b.lastError?.code ||
    a.lastError?.message !== b.lastError?.message
  );
}
