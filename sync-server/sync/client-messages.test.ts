// Inbound /sync messages: parse errors in words, and the bound on bytes waiting to be handled.
import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_DEPTH,
  MAX_PENDING_BYTES,
  parseClientMsg,
  pendingBytes,
} from './client-messages.js';

describe('inbound messages', () => {
  it('parses a protocol message and explains a bad one without throwing', () => {
    expect(parseClientMsg(Buffer.from('{"type":"ping","t":1}'))).toEqual({
      ok: true,
      msg: { type: 'ping', t: 1 },
    });
    const bad = parseClientMsg(Buffer.from('not json'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^Malformed message: /);
  });

  it('refuses a message nested too deep to hash, as malformed (found by the /sync fuzz)', () => {
    const nested = (depth: number) =>
      Buffer.from(
        `{"type":"mutate","id":"0b0e6c1e-4a51-4b7e-9d4c-1f2a3b4c5d6e","kind":"hold","payload":${'['.repeat(depth)}${']'.repeat(depth)},"createdAt":"2026-01-01T00:00:00.000Z","offline":false}`,
      );
    // The envelope is one level, so a payload of MAX - 1 levels is the deepest message allowed.
    expect(parseClientMsg(nested(MAX_MESSAGE_DEPTH - 1)).ok).toBe(true);
    for (const depth of [MAX_MESSAGE_DEPTH, 5_000, 200_000]) {
      const r = parseClientMsg(nested(depth));
      expect(r).toEqual({
        ok: false,
        message: `Malformed message: nested deeper than ${String(MAX_MESSAGE_DEPTH)} levels`,
      });
    }
  });

  it('refuses once the unhandled bytes pass the bound, and frees them as they are handled', () => {
    const backlog = pendingBytes();
    const mib = 1024 * 1024;
    const taken = [1, 2, 3, 4].map(() => backlog.add(mib));
    expect(taken).toEqual([true, true, true, true]);
    expect(backlog.add(1)).toBe(false);
    backlog.done(1);
    backlog.done(mib);
    expect(backlog.add(mib - 1)).toBe(true);
    expect(MAX_PENDING_BYTES).toBe(4 * mib);
  });
});
