// Email as .eml files in a folder: the default of `npm start`, so a confirmation can be read in
// any mail program without an SMTP account. The bytes are exactly what SMTP would have carried.
import nodemailer from 'nodemailer';
import type { ServerConfig } from '../../config.js';
import type { EmailTransport, OutgoingEmail, SendResult } from '../types.js';
import { mailOptionsOf, senderOf } from './mail-message.js';
import { permanent, transient } from './message-id.js';
import { writeOnce } from './once-file.js';

/** The settings the file transport reads. */
export type MailFileSettings = Pick<ServerConfig, 'mailFrom' | 'mailDir'>;

/** An EmailTransport writing `<UTC time>-<id>.eml` into mailDir, once per message id. */
export function fileEmailTransport(
  config: MailFileSettings,
  now: () => Date = () => new Date(),
): EmailTransport {
  const sender = senderOf(config.mailFrom);
  // RFC 5322 lines end in CRLF; mail programs open either, but other tools are stricter.
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    name: 'file',
    async send(mail: OutgoingEmail): Promise<SendResult> {
      const at = now();
      const built = mailOptionsOf(mail, sender, at);
      if (!built.ok) return permanent(built.reason);
      try {
        const name = await writeOnce(config.mailDir, mail.id, '.eml', at, async () => {
          const { message } = await composer.sendMail(built.options);
          // With `buffer: true` nodemailer hands back the whole message, never a stream.
          if (!Buffer.isBuffer(message)) throw new Error('the message was not buffered');
          return message;
        });
        return { ok: true, ref: name };
      } catch (err) {
        // A full disk or a folder without permission can be fixed while the message waits.
        return transient(`could not write the email file: ${(err as Error).message}`);
      }
    },
    close(): Promise<void> {
      composer.close();
      return Promise.resolve();
    },
  };
}
