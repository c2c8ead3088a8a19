// Byte-level behaviour of the virtual printer: status answers and splitting a stream into jobs.
import type { PrinterDialect } from './code-pages.js';
import { decodeEscPos } from './escpos-decoder.js';

/** Ways the virtual printer can misbehave. */
export type FaultKind =
  'none' | 'offline' | 'reset' | 'paper-out' | 'garbage' | 'close-mid-job' | 'no-status';

// Status bytes have bits 1 and 4 set; paper-end sets bits 5-6 (sensor) and the offline bit 3.
const OK = 0x12;

/** Answers to every DLE EOT n request that completes in `chunk` (`tail` is the previous chunk's last bytes). */
export function statusAnswers(tail: Buffer, chunk: Buffer, fault: FaultKind): Buffer {
  if (fault === 'no-status') return Buffer.alloc(0);
  const buf = Buffer.concat([tail, chunk]);
  const out: number[] = [];
  for (let i = 0; i + 2 < buf.length; i++) {
    if (buf[i] !== 0x10 || buf[i + 1] !== 0x04 || i + 2 < tail.length) continue;
    const n = buf[i + 2] ?? 0;
    if (n < 1 || n > 4) continue;
    if (fault === 'garbage') out.push(0xff);
    else if (fault !== 'paper-out') out.push(OK);
    else out.push(n === 1 ? OK | 0x08 : n === 2 ? OK | 0x20 : n === 4 ? OK | 0x60 : OK);
  }
  return Buffer.from(out);
}

/** Splits a stream after its last cut: the complete jobs (one per cut) and the bytes still pending. */
export function splitAtCuts(
  bytes: Buffer,
  dialect: PrinterDialect | 'auto',
): { complete: Buffer[]; rest: Buffer } {
  const doc = decodeEscPos(bytes, { dialect });
  const complete: Buffer[] = [];
  let from = 0;
  for (const item of doc.items) {
    if (item.kind !== 'cut') continue;
    complete.push(bytes.subarray(from, item.end));
    from = item.end;
  }
  return { complete, rest: bytes.subarray(from) };
}
