// Inbound /sync messages: parsed against the protocol, and queued in the order the station sent
// them with a bound on the bytes waiting (issue 12, item 1). The rate limit alone allows a burst of
// 1,000 messages; at up to 1 MiB each, queued behind a slow hello, that could pin a gigabyte.
import { clientMsg, type ClientMsg } from '../../common/sync-protocol.js';

/** Bytes of received messages not yet handled before the socket is dropped; a station sends a few kB. */
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * Deepest nesting a message may have; a station's deepest is a handful. A mutation's payload is
 * hashed with JSON.stringify, which overflows the stack some thousands of levels down: without
 * this bound such a mutation was answered "could not apply, will be retried", for ever (issue 19).
 */
export const MAX_MESSAGE_DEPTH = 32;

/** A parsed message, or what is wrong with it in words for the station's log. */
export function parseClientMsg(
  data: Buffer,
): { ok: true; msg: ClientMsg } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    raw = undefined;
  }
  if (deeperThan(raw, MAX_MESSAGE_DEPTH))
    return {
      ok: false,
      message: `Malformed message: nested deeper than ${String(MAX_MESSAGE_DEPTH)} levels`,
    };
  const parsed = clientMsg.safeParse(raw);
  if (parsed.success) return { ok: true, msg: parsed.data };
  return {
    ok: false,
    message: `Malformed message: ${parsed.error.issues
      .map((i) => `${i.path.join('.') || 'message'} ${i.message}`)
      .join('; ')
      .slice(0, 300)}`,
  };
}

/** Counts the bytes of messages received and not yet handled. */
export function pendingBytes(max = MAX_PENDING_BYTES): {
  /** Adds a message; false when that puts the socket over the bound. */
  add(bytes: number): boolean;
  /** Takes a handled message off. */
  done(bytes: number): void;
} {
  let pending = 0;
  return {
    add(bytes) {
      pending += bytes;
      return pending <= max;
    },
    done(bytes) {
      pending -= bytes;
    },
  };
}

/** True when `value` has arrays or objects nested more than `max` deep (walked without recursion). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
