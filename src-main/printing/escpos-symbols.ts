// 2D symbols: Epson's GS ( k function family and Star's ESC GS y (QR) and ESC GS x (PDF417).
import type { DecodeState } from './escpos-state.js';

const CORRECTION = ['L', 'M', 'Q', 'H'];

/** Handles the body "cn fn …" of an Epson GS ( k command. */
export function handleSymbol(s: DecodeState, body: Uint8Array, start: number): void {
  const cn = body[0];
  const fn = body[1];
  const arg = body[2] ?? null;
  if (cn === 49) {
    if (fn === 65) s.qr.model = arg === null ? null : arg - 48;
    else if (fn === 67) s.qr.cellSize = arg;
    else if (fn === 69) s.qr.correction = arg === null ? null : (CORRECTION[arg - 48] ?? null);
    else if (fn === 80) s.qr.data = latin1(body.subarray(3));
    else if (fn === 81) printQr(s, start);
    return;
  }
  // PDF417 (48) and MaxiCode (50) store with fn 80 and print with fn 81 like QR.
  if ((cn === 48 || cn === 50) && fn === 81) {
    s.flushLine();
    s.emit({ kind: 'barcode', symbology: cn === 48 ? 'PDF417' : 'MaxiCode', data: '' }, start);
  }
}

/** Handles a Star "ESC GS y …" QR command at the cursor. */
export function starQr(s: DecodeState, start: number): void {
  const sub = s.at(3);
  if (sub === 0x53) {
    const p = s.take(6, 'ESC GS y S');
    if (!p) return;
    const [, , , , which = 0, n = 0] = p;
    if (which === 0x30) s.qr.model = n;
    else if (which === 0x31) s.qr.correction = CORRECTION[n] ?? null;
    else if (which === 0x32) s.qr.cellSize = n;
    return;
  }
  if (sub === 0x44) {
    // ESC GS y D 1 m nL nH data (automatic mode); manual mode 2 is not emitted by anything we use.
    const head = s.take(8, 'ESC GS y D');
    if (!head) return;
    if (head[4] !== 0x31) s.warn(`unsupported QR data mode ${head[4] ?? 0} at byte ${start}`);
    const data = s.take((head[6] ?? 0) + (head[7] ?? 0) * 256, 'QR data');
    if (data) s.qr.data = latin1(data);
    return;
  }
  if (sub === 0x50) {
    s.take(4, 'ESC GS y P');
    printQr(s, start);
    return;
  }
  s.warn(`unknown QR command at byte ${start}`);
  s.take(Math.min(4, s.bytes.length - s.pos), 'ESC GS y');
}

/** Handles a Star "ESC GS x …" PDF417 command at the cursor. */
export function starPdf417(s: DecodeState, start: number): void {
  const sub = s.at(3);
  if (sub === 0x53) {
    s.take(s.at(4) === 0x30 ? 8 : 6, 'ESC GS x S');
  } else if (sub === 0x44) {
    const head = s.take(6, 'ESC GS x D');
    if (head) s.take((head[4] ?? 0) + (head[5] ?? 0) * 256, 'PDF417 data');
  } else if (sub === 0x50) {
    s.take(4, 'ESC GS x P');
    s.flushLine();
    s.emit({ kind: 'barcode', symbology: 'PDF417', data: '' }, start);
  } else {
    s.warn(`unknown PDF417 command at byte ${start}`);
    s.take(Math.min(4, s.bytes.length - s.pos), 'ESC GS x');
  }
}

function printQr(s: DecodeState, start: number): void {
  s.flushLine();
  if (s.qr.data === null) {
    s.warn(`QR print at byte ${start} without stored data`);
    return;
  }
  const { data, model, cellSize, correction } = s.qr;
  s.emit({ kind: 'qr', data, model, cellSize, correction }, start);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
