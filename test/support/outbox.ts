// Where a test server's email and SMS files go: a fresh temporary folder, never the demo's .data.
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** MAIL_DIR and SMS_DIR for one test server. */
export function testOutbox(): { mailDir: string; smsDir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-outbox-'));
  return { mailDir: path.join(dir, 'mail'), smsDir: path.join(dir, 'sms') };
}

/** The messages written to an outbox folder (hidden bookkeeping left out), oldest first. */
export async function outboxFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return names.filter((n) => !n.startsWith('.')).sort();
}

/** The text of the message `id` in an outbox folder; throws when it was never written. */
export async function outboxMessage(dir: string, id: string): Promise<string> {
  const name = (await outboxFiles(dir)).find((n) => n.includes(id));
  if (name === undefined) throw new Error(`no file for message ${id} in the outbox`);
  return readFile(path.join(dir, name), 'utf8');
}
