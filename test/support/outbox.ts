// Where a test server's email and SMS files go: a fresh temporary folder, never the demo's .data.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** MAIL_DIR and SMS_DIR for one test server. */
export function testOutbox(): { mailDir: string; smsDir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-outbox-'));
  return { mailDir: path.join(dir, 'mail'), smsDir: path.join(dir, 'sms') };
}
