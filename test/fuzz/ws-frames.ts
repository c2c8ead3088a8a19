// Frames for the WebSocket fuzzers (issue 19): JSON messages, and the junk a peer may send instead
// (non-JSON text, binary, deep nesting, invalid UTF-8, frames over the server's size limit). A
// frame is a small description, rendered only when it is sent, so a failing history prints short.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type WebSocket from 'ws';

/** The server's ws maxPayload (sync-server/app.ts): a frame over it is refused by ws itself. */
export const MAX_FRAME_BYTES = 1_048_576;

export type Frame =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'nested'; depth: number; inside: 'top' | 'payload' }
  | { kind: 'badUtf8' }
  | { kind: 'oversize'; bytes: number };

/** Junk frames: anything but a message of the protocol. */
export function junkFrame(): fc.Arbitrary<Frame> {
  return fc.oneof(
    fc.string({ maxLength: 200 }).map((text): Frame => ({ kind: 'text', text })),
    fc
      .constantFrom('{', '[', 'null', '""', '{"type":', '{"type":"hello"', '\u0000', '1e999')
      .map((text): Frame => ({ kind: 'text', text })),
    fc.uint8Array({ maxLength: 300 }).map((bytes): Frame => ({ kind: 'binary', bytes })),
    fc
      .record({
        depth: fc.integer({ min: 1_000, max: 200_000 }),
        inside: fc.constantFrom('top' as const, 'payload' as const),
      })
      .map((r): Frame => ({ kind: 'nested', ...r })),
    fc.constant<Frame>({ kind: 'badUtf8' }),
    fc
      .integer({ min: MAX_FRAME_BYTES + 1, max: MAX_FRAME_BYTES + 4096 })
      .map((bytes): Frame => ({ kind: 'oversize', bytes })),
  );
}

/** Sends one frame (nothing once the socket is no longer open). */
export function sendFrame(ws: WebSocket, f: Frame): void {
  if (ws.readyState !== ws.OPEN) return;
  switch (f.kind) {
    case 'json': {
      // JSON.stringify says undefined for undefined: sent as that word.
      ws.send(f.value === undefined ? 'undefined' : JSON.stringify(f.value));
      return;
    }
    case 'text':
      ws.send(f.text);
      return;
    case 'binary':
      ws.send(Buffer.from(f.bytes), { binary: true });
      return;
    case 'nested': {
      const deep = '['.repeat(f.depth) + ']'.repeat(f.depth);
      ws.send(
        f.inside === 'top'
          ? deep
          : `{"type":"mutate","id":"${randomUUID()}","kind":"hold","payload":${deep},"createdAt":"${new Date().toISOString()}","offline":false}`,
      );
      return;
    }
    case 'badUtf8':
      ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), { binary: false });
      return;
    case 'oversize':
      ws.send(`"${'x'.repeat(f.bytes)}"`);
      return;
  }
}

/** An error-like message: what it carries must be a stable BO_ code, never BO_INTERNAL. */
export function badCode(m: Record<string, unknown>): string | null {
  if (m.type !== 'error' && m.type !== 'reject') return null;
  const code = m.code;
  if (typeof code !== 'string' || !/^BO_[A-Z_]+$/.test(code))
    return `not a BO_ code: ${String(code)}`;
  if (code === 'BO_INTERNAL') return 'BO_INTERNAL';
  return null;
}
