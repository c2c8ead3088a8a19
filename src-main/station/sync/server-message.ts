// Every message from the server is parsed and validated (DESIGN §4); a bad one is logged and dropped.
import { serverMsg, type ServerMsg } from '../../../common/sync-protocol.js';
import type { SyncLog } from './types.js';

/** The message in `text`, or null (logged) when it is not JSON or not a valid server message. */
export function parseServerMessage(text: string, log: SyncLog): ServerMsg | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    log('warn', 'server message is not JSON; ignored', { sample: text.slice(0, 80) });
    return null;
  }
  const parsed = serverMsg.safeParse(raw);
  if (!parsed.success) {
    log('warn', 'malformed server message ignored', {
      issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    return null;
  }
  return parsed.data;
}
