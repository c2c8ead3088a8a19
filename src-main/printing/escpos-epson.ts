// Epson ESC/POS commands: the ones node-thermal-printer emits are decoded, every other documented
// command is skipped by its length so that the bytes after it still decode.
import type { DecodeState } from './escpos-state.js';
import { handleSymbol } from './escpos-symbols.js';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

// Parameter byte counts of commands whose only effect we ignore (spacing, margins, fonts…).
const ESC_SKIP: Record<number, number> = {
  0x20: 1,
  0x25: 1,
  0x32: 0,
  0x33: 1,
  0x3c: 0,
  0x3d: 1,
  0x3f: 1,
  0x4a: 1,
  0x4b: 1,
  0x4c: 0,
  0x52: 1,
  0x53: 0,
  0x54: 1,
  0x55: 1,
  0x56: 1,
  0x57: 8,
  0x24: 2,
  0x5c: 2,
  0x63: 2,
  0x65: 1,
  0x72: 1,
  0x75: 1,
  0x76: 0,
  0x0c: 0,
};
const GS_SKIP: Record<number, number> = {
  0x2f: 1,
  0x3a: 0,
  0x48: 1,
  0x49: 1,
  0x4c: 2,
  0x50: 2,
  0x54: 1,
  0x57: 2,
  0x5e: 3,
  0x61: 1,
  0x62: 1,
  0x66: 1,
  0x67: 2,
  0x68: 1,
  0x6a: 1,
  0x72: 1,
  0x77: 1,
  0x24: 2,
  0x5c: 2,
  0x7c: 1,
};
const FS_SKIP: Record<number, number> = {
  0x21: 1,
  0x26: 0,
  0x2d: 1,
  0x2e: 0,
  0x43: 1,
  0x53: 2,
  0x57: 1,
  0x70: 2,
};

/** Decodes the Epson command starting at the cursor (a control byte); false if it is not one we know. */
export function epsonCommand(s: DecodeState, byte: number): boolean {
  const start = s.pos;
  switch (byte) {
    case ESC:
      escCommand(s, start);
      return true;
    case GS:
      gsCommand(s, start);
      return true;
    case FS:
      skipPrefixed(s, start, 'FS', FS_SKIP);
      return true;
    case DLE:
      dleCommand(s, start);
      return true;
    case 0x0c:
      s.pos++;
      s.flushLine();
      return true;
    case 0x18:
    case 0x0b:
    case 0x0e:
    case 0x0f:
    case 0x12:
    case 0x14:
      s.pos++;
      return true;
    default:
      return false;
  }
}

function param(s: DecodeState, n: number, what: string): Uint8Array | null {
  const cmd = s.take(2 + n, what);
  return cmd ? cmd.subarray(2) : null;
}

function escCommand(s: DecodeState, start: number): void {
  const cmd = s.at(1);
  if (cmd === undefined) {
    s.take(2, 'ESC');
    return;
  }
  const one = (): number | null => param(s, 1, `ESC ${hex(cmd)}`)?.[0] ?? null;
  let n: number | null;
  switch (cmd) {
    case 0x40:
      s.take(2, 'ESC @');
      s.reset();
      return;
    case 0x21:
      if ((n = one()) === null) return;
      s.setStyle({
        font: n & 1 ? 'B' : 'A',
        bold: (n & 0x08) !== 0,
        heightScale: n & 0x10 ? 2 : 1,
        widthScale: n & 0x20 ? 2 : 1,
        underline: (n & 0x80) !== 0,
      });
      return;
    case 0x45:
    case 0x47:
      if ((n = one()) !== null) s.setStyle({ bold: (n & 1) === 1 });
      return;
    case 0x2d:
      if ((n = one()) !== null) s.setStyle({ underline: n % 48 !== 0 });
      return;
    case 0x7b:
      if ((n = one()) !== null) s.setStyle({ upsideDown: (n & 1) === 1 });
      return;
    case 0x4d:
      if ((n = one()) !== null) s.setStyle({ font: n % 48 === 1 ? 'B' : 'A' });
      return;
    case 0x61:
      if ((n = one()) !== null) s.align = n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left';
      return;
    case 0x74:
      if ((n = one()) !== null) s.selectCodePage(n, start);
      return;
    case 0x64:
      if ((n = one()) === null) return;
      s.flushLine();
      s.emit({ kind: 'feed', lines: n }, start);
      return;
    case 0x70: {
      const p = param(s, 3, 'ESC p');
      if (p) s.emit({ kind: 'drawer', pin: (p[0] ?? 0) % 48 === 1 ? 5 : 2 }, start);
      return;
    }
    case 0x69:
    case 0x6d:
      s.take(2, 'ESC i');
      s.flushLine();
      s.emit({ kind: 'cut', partial: cmd === 0x6d }, start);
      return;
    case 0x42:
      if (param(s, 2, 'ESC B')) s.emit({ kind: 'beep' }, start);
      return;
    case 0x2a: {
      const p = param(s, 3, 'ESC *');
      if (!p) return;
      const columns = (p[1] ?? 0) + (p[2] ?? 0) * 256;
      if (s.take(columns * ((p[0] ?? 0) < 2 ? 1 : 3), 'ESC * image data'))
        s.emit({ kind: 'image', widthDots: columns, heightDots: (p[0] ?? 0) < 2 ? 8 : 24 }, start);
      return;
    }
    case 0x44:
      skipUntilNul(s, 2, 'ESC D');
      return;
    case 0x26:
      skipUserChars(s);
      return;
    case 0x28:
      skipLengthPrefixed(s, 'ESC (');
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

function gsCommand(s: DecodeState, start: number): void {
  const cmd = s.at(1);
  if (cmd === undefined) {
    s.take(2, 'GS');
    return;
  }
  let p: Uint8Array | null;
  switch (cmd) {
    case 0x21:
      if ((p = param(s, 1, 'GS !')))
        s.setStyle({
          widthScale: (((p[0] ?? 0) >> 4) & 7) + 1,
          heightScale: ((p[0] ?? 0) & 7) + 1,
        });
      return;
    case 0x42:
      if ((p = param(s, 1, 'GS B'))) s.setStyle({ invert: ((p[0] ?? 0) & 1) === 1 });
      return;
    case 0x56: {
      const m = s.at(2) ?? 0;
      if (!param(s, m >= 65 ? 2 : 1, 'GS V')) return;
      s.flushLine();
      // 0/48 and 65/97/103 cut fully; 1/49 and 66/98/104 partially.
      s.emit({ kind: 'cut', partial: m < 65 ? m % 2 === 1 : m % 2 === 0 }, start);
      return;
    }
    case 0x28: {
      const fn = s.at(2);
      const body = skipLengthPrefixed(s, 'GS (');
      if (fn === 0x6b && body) handleSymbol(s, body, start);
      return;
    }
    case 0x76: {
      const head = param(s, 6, 'GS v 0');
      if (!head) return;
      const xBytes = (head[2] ?? 0) + (head[3] ?? 0) * 256;
      const yDots = (head[4] ?? 0) + (head[5] ?? 0) * 256;
      if (s.take(xBytes * yDots, 'GS v 0 image data'))
        s.emit({ kind: 'image', widthDots: xBytes * 8, heightDots: yDots }, start);
      return;
    }
    case 0x6b:
      barcode(s, start);
      return;
    case 0x38: {
      const head = param(s, 5, 'GS 8');
      if (head)
        s.take(
          (head[1] ?? 0) +
            (head[2] ?? 0) * 2 ** 8 +
            (head[3] ?? 0) * 2 ** 16 +
            (head[4] ?? 0) * 2 ** 24,
          'GS 8 data',
        );
      return;
    }
    case 0x2a: {
      const head = param(s, 2, 'GS *');
      if (head) s.take((head[0] ?? 0) * (head[1] ?? 0) * 8, 'GS * data');
      return;
    }
    default: {
      const skip = GS_SKIP[cmd];
      if (skip === undefined) {
        s.warn(`unknown command GS ${hex(cmd)} at byte ${start}`);
        s.take(2, 'GS');
        return;
      }
      s.take(2 + skip, `GS ${hex(cmd)}`);
    }
  }
}

function barcode(s: DecodeState, start: number): void {
  const m = s.at(2);
  if (m === undefined) {
    s.take(3, 'GS k');
    return;
  }
  let data: Uint8Array | null;
  if (m <= 6) {
    s.take(3, 'GS k');
    const end = s.bytes.indexOf(0, s.pos);
    data =
      end < 0
        ? s.take(s.bytes.length - s.pos + 1, 'GS k data')
        : s.take(end - s.pos + 1, 'GS k data');
    data = data?.subarray(0, -1) ?? null;
  } else {
    const head = param(s, 2, 'GS k');
    data = head ? s.take(head[1] ?? 0, 'GS k data') : null;
  }
  if (data)
    s.emit(
      { kind: 'barcode', symbology: `GS k ${m}`, data: Buffer.from(data).toString('latin1') },
      start,
    );
}

function dleCommand(s: DecodeState, start: number): void {
  const cmd = s.at(1);
  // DLE EOT / DLE ENQ are real-time status requests: the virtual printer answers them, paper shows nothing.
  if (cmd === 0x04 || cmd === 0x05) {
    s.take(3, 'DLE EOT');
    return;
  }
  if (cmd === 0x14) {
    const p = param(s, 3, 'DLE DC4');
    // DLE DC4 1 m t: real-time drawer pulse.
    if (p && p[0] === 1) s.emit({ kind: 'drawer', pin: p[1] === 1 ? 5 : 2 }, start);
    return;
  }
  s.warn(`unknown command DLE ${cmd === undefined ? 'end' : hex(cmd)} at byte ${start}`);
  s.take(Math.min(2, s.bytes.length - s.pos), 'DLE');
}

function skipPrefixed(
  s: DecodeState,
  start: number,
  prefix: string,
  table: Record<number, number>,
): void {
  const cmd = s.at(1);
  if (cmd === 0x28) {
    skipLengthPrefixed(s, `${prefix} (`);
    return;
  }
  const skip = cmd === undefined ? undefined : table[cmd];
  if (skip === undefined) {
    s.warn(`unknown command ${prefix} ${cmd === undefined ? 'end' : hex(cmd)} at byte ${start}`);
    s.take(Math.min(2, s.bytes.length - s.pos), prefix);
    return;
  }
  s.take(2 + skip, prefix);
}

/** Skips "X ( fn pL pH data" and returns the data (after pL pH). */
function skipLengthPrefixed(s: DecodeState, what: string): Uint8Array | null {
  const head = s.take(5, what);
  if (!head) return null;
  return s.take((head[3] ?? 0) + (head[4] ?? 0) * 256, `${what} data`);
}

function skipUntilNul(s: DecodeState, from: number, what: string): void {
  const end = s.bytes.indexOf(0, s.pos + from);
  s.take(end < 0 ? s.bytes.length - s.pos + 1 : end - s.pos + 1, what);
}

// ESC & y c1 c2 [x d1…d(y*x)]…: user-defined characters, one block per character code.
function skipUserChars(s: DecodeState): void {
  const head = s.take(5, 'ESC &');
  if (!head) return;
  const y = head[2] ?? 0;
  const count = (head[4] ?? 0) - (head[3] ?? 0) + 1;
  for (let i = 0; i < count && s.pos < s.bytes.length; i++) {
    const x = s.take(1, 'ESC & width')?.[0] ?? 0;
    s.take(x * y, 'ESC & data');
  }
}

/** A byte as 0xNN. */
export function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}
