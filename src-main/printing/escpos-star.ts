// Star Line Mode commands as node-thermal-printer's STAR type emits them (lib/types/star-config.js),
// plus the documented lengths of the rest so unknown bytes do not derail the stream.
import { hex } from './escpos-epson.js';
import type { DecodeState } from './escpos-state.js';
import { starPdf417, starQr } from './escpos-symbols.js';

const ESC = 0x1b;

// Parameter byte counts of ESC commands whose effect we ignore (spacing, margins, fonts…).
const ESC_SKIP: Record<number, number> = {
  0x30: 0,
  0x31: 1,
  0x32: 0,
  0x33: 1,
  0x41: 1,
  0x4a: 1,
  0x6a: 1,
  0x7a: 1,
  0x6c: 1,
  0x51: 1,
  0x4e: 1,
  0x4f: 0,
  0x4d: 0,
  0x50: 0,
  0x3a: 0,
  0x52: 1,
  0x5f: 1,
  0x2f: 1,
  0x20: 1,
  0x55: 1,
  0x56: 0,
  0x06: 1,
  0x3f: 0,
};

/** Decodes the Star command starting at the cursor (a control byte); false if it is not one we know. */
export function starCommand(s: DecodeState, byte: number): boolean {
  const start = s.pos;
  switch (byte) {
    case ESC:
      escCommand(s, start);
      return true;
    // BEL and FS drive drawer 1 (pin 2), SUB and EM drawer 2 (pin 5).
    case 0x07:
    case 0x1c:
      s.pos++;
      s.emit({ kind: 'drawer', pin: 2 }, start);
      return true;
    case 0x1a:
    case 0x19:
      s.pos++;
      s.emit({ kind: 'drawer', pin: 5 }, start);
      return true;
    case 0x0b:
      s.pos++;
      s.flushLine();
      s.emit({ kind: 'feed', lines: 1 }, start);
      return true;
    case 0x0c:
      s.pos++;
      s.flushLine();
      return true;
    case 0x0f:
      s.pos++;
      s.setStyle({ upsideDown: true });
      return true;
    case 0x12:
      s.pos++;
      s.setStyle({ upsideDown: false });
      return true;
    // The driver asks every printer for DLE EOT status; a Star printer in Star mode ignores it.
    case 0x10:
      if (s.at(1) === 0x04 || s.at(1) === 0x05) s.take(3, 'DLE EOT');
      else {
        s.warn(`unknown command DLE at byte ${start}`);
        s.take(Math.min(2, s.bytes.length - s.pos), 'DLE');
      }
      return true;
    // ENQ and EOT are status requests, CAN cancels; none prints.
    case 0x05:
    case 0x04:
    case 0x18:
    case 0x0e:
    case 0x14:
      s.pos++;
      return true;
    default:
      return false;
  }
}

function escCommand(s: DecodeState, start: number): void {
  const cmd = s.at(1);
  if (cmd === undefined) {
    s.take(2, 'ESC');
    return;
  }
  const one = (): number | null => s.take(3, `ESC ${hex(cmd)}`)?.[2] ?? null;
  let n: number | null;
  switch (cmd) {
    case 0x40:
      s.take(2, 'ESC @');
      s.reset();
      return;
    case 0x45:
      s.take(2, 'ESC E');
      s.setStyle({ bold: true });
      return;
    case 0x46:
      s.take(2, 'ESC F');
      s.setStyle({ bold: false });
      return;
    case 0x34:
      s.take(2, 'ESC 4');
      s.setStyle({ invert: true });
      return;
    case 0x35:
      s.take(2, 'ESC 5');
      s.setStyle({ invert: false });
      return;
    case 0x0e:
      s.take(2, 'ESC SO');
      s.setStyle({ widthScale: 2 });
      return;
    case 0x14:
      s.take(2, 'ESC DC4');
      s.setStyle({ widthScale: 1 });
      return;
    case 0x2d:
      if ((n = one()) !== null) s.setStyle({ underline: n % 48 !== 0 });
      return;
    case 0x57:
      if ((n = one()) !== null) s.setStyle({ widthScale: scale(n) });
      return;
    case 0x68:
      if ((n = one()) !== null) s.setStyle({ heightScale: scale(n) });
      return;
    case 0x69: {
      const p = s.take(4, 'ESC i');
      if (p) s.setStyle({ heightScale: scale(p[2] ?? 0), widthScale: scale(p[3] ?? 0) });
      return;
    }
    case 0x64:
      if ((n = one()) === null) return;
      s.flushLine();
      // ESC d n: 0/2 full cut, 1/3 partial cut (2 and 3 after feeding to the cutter).
      s.emit({ kind: 'cut', partial: n % 2 === 1 }, start);
      return;
    case 0x61:
      if ((n = one()) === null) return;
      s.flushLine();
      s.emit({ kind: 'feed', lines: n }, start);
      return;
    case 0x07:
      s.take(4, 'ESC BEL');
      return;
    case 0x1d:
      escGsCommand(s, start);
      return;
    case 0x1e: {
      const p = s.take(4, 'ESC RS');
      if (p && p[2] === 0x46) s.setStyle({ font: p[3] === 1 ? 'B' : 'A' });
      return;
    }
    case 0x62:
      starBarcode(s, start);
      return;
    case 0x6b: {
      const head = s.take(4, 'ESC k');
      const perRow = head ? (head[2] ?? 0) + (head[3] ?? 0) * 256 : 0;
      if (head && s.take(perRow * 24, 'ESC k image data'))
        s.emit({ kind: 'image', widthDots: perRow * 8, heightDots: 24 }, start);
      return;
    }
    case 0x42:
    case 0x44: {
      const end = s.bytes.indexOf(0, s.pos + 2);
      s.take(end < 0 ? s.bytes.length - s.pos + 1 : end - s.pos + 1, 'tab stops');
      return;
    }
    case 0x43:
      s.take(s.at(2) === 0 ? 4 : 3, 'ESC C');
      return;
    default: {
      const skip = ESC_SKIP[cmd];
      if (skip === undefined) {
        s.warn(`unknown command ESC ${hex(cmd)} at byte ${start}`);
        s.take(2, 'ESC');
        return;
      }
      s.take(2 + skip, `ESC ${hex(cmd)}`);
    }
  }
}

function escGsCommand(s: DecodeState, start: number): void {
  const cmd = s.at(2);
  let p: Uint8Array | null;
  switch (cmd) {
    case 0x61:
      if ((p = s.take(4, 'ESC GS a')))
        s.align = (p[3] ?? 0) % 48 === 1 ? 'center' : (p[3] ?? 0) % 48 === 2 ? 'right' : 'left';
      return;
    case 0x74:
      if ((p = s.take(4, 'ESC GS t'))) s.selectCodePage(p[3] ?? 0, start);
      return;
    case 0x79:
      starQr(s, start);
      return;
    case 0x78:
      starPdf417(s, start);
      return;
    default:
      s.warn(`unknown command ESC GS ${cmd === undefined ? 'end' : hex(cmd)} at byte ${start}`);
      s.take(Math.min(3, s.bytes.length - s.pos), 'ESC GS');
  }
}

// ESC b n1 n2 n3 n4 data RS
function starBarcode(s: DecodeState, start: number): void {
  const head = s.take(6, 'ESC b');
  if (!head) return;
  const end = s.bytes.indexOf(0x1e, s.pos);
  const data = s.take(end < 0 ? s.bytes.length - s.pos + 1 : end - s.pos + 1, 'ESC b data');
  if (data)
    s.emit(
      {
        kind: 'barcode',
        symbology: `ESC b ${head[2] ?? 0}`,
        data: Buffer.from(data.subarray(0, -1)).toString('latin1'),
      },
      start,
    );
}

// Star magnification parameters are 0-5 or '0'-'5' for 1x-6x.
function scale(n: number): number {
  return Math.min(6, (n % 48) + 1);
}
