// A local SMTP server for the bench's servers to send email to: it accepts every message and counts
// messages and bytes, without parsing them (parsing would cost the bench process more than the
// servers' sending and blur P11's figure). It runs for the whole bench, so confirmations of earlier
// cases (P9) go somewhere instead of to files in the repository.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/** The running sink: what it has received since the last `reset`. */
export type SmtpSink = {
  port: number;
  received(): { messages: number; bytes: number; connections: number };
  /** Starts counting from zero (a case measures only its own messages). */
  reset(): void;
  stop(): Promise<void>;
};

/** Starts the sink on a free port of 127.0.0.1, plain SMTP, no sign-in. */
export async function startSmtpSink(): Promise<SmtpSink> {
  let messages = 0;
  let bytes = 0;
  let connections = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    // The servers' pooled connections stay open; stopping should not wait for them.
    closeTimeout: 50,
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, _session, callback) {
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      stream.on('end', () => {
        messages += 1;
        bytes += size;
        callback(null, `Ok: queued as B${String(messages)}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    port,
    received: () => ({ messages, bytes, connections }),
    reset() {
      messages = 0;
      bytes = 0;
      connections = 0;
    },
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/**
 * Server env that sends email to the sink (plain SMTP: a local relay) and keeps the file sinks
 * (SMS, and email when SMTP is not used) in the bench's temp folder rather than the repository.
 */
export function notifyServerEnv(smtpPort: number, tmpDir: string): Record<string, string> {
  return {
    MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURITY: 'none',
    MAIL_DIR: path.join(tmpDir, 'mail'),
    SMS_PROVIDER: 'file',
    SMS_DIR: path.join(tmpDir, 'sms'),
  };
}
