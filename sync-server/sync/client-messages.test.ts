// Inbound /sync messages: parse errors in words, and the bound on bytes waiting to be handled.
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_BYTES, parseClientMsg, pendingBytes } from './client-messages.js';

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
