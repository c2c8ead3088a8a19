// Turns an OutgoingEmail into what nodemailer sends, the same for SMTP and for .eml files: one
// sender, a Message-ID derived from the message's stable id, and the caller's extra headers.
import addressparser from 'nodemailer/lib/addressparser';
import type { SendMailOptions } from 'nodemailer';
import { z } from 'zod';
import { ConfigError } from '../../../common/config-schema.js';
import type { OutgoingEmail } from '../types.js';
import { emailAddressProblem } from './email-address.js';
import { firstIssue, messageIdSchema } from './message-id.js';

/** Headers nodemailer writes from the message itself; a caller's copy would make two of them. */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

const headerSchema = z
  .record(
    z.string().regex(/^[!-9;-~]+$/, 'a header name is printable ASCII without ":" or spaces'),
    // A line break in a value would let it smuggle in headers of its own.
    z.string().regex(/^[^\r\n]*$/, 'a header value is one line'),
  )
  .refine((headers) => Object.keys(headers).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), {
    message: 'headers may not replace From, To, Subject, Date, Message-ID or the MIME headers',
  });

/** The sender as nodemailer takes it, and the domain its Message-IDs are made in. */
export type Sender = { from: { name: string; address: string }; domain: string };

/** Parses MAIL_FROM ("Name <address>" or a bare address); throws a ConfigError naming it if unusable. */
export function senderOf(mailFrom: string): Sender {
  const first = addressparser(mailFrom, { flatten: true })[0];
  const address = first?.address ?? '';
  const problem = address === '' ? 'no address' : emailAddressProblem(address);
  if (problem !== null) {
    throw new ConfigError('MAIL_FROM', `Invalid config MAIL_FROM: ${problem}.`);
  }
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return { from: { name: first?.name ?? '', address }, domain };
}

/** The Message-ID of a message: its stable id at the sender's domain, so a resend is the same message. */
export function messageIdOf(id: string, sender: Sender): string {
  return `<${id}@${sender.domain}>`;
}

/** nodemailer's options for one email, or the reason it cannot be sent (never worth a retry). */
export function mailOptionsOf(
  mail: OutgoingEmail,
  sender: Sender,
  at: Date,
): { ok: true; options: SendMailOptions } | { ok: false; reason: string } {
  const id = messageIdSchema.safeParse(mail.id);
  if (!id.success) return { ok: false, reason: firstIssue(id.error) };
  const addressProblem = emailAddressProblem(mail.to);
  if (addressProblem !== null) return { ok: false, reason: `recipient ${addressProblem}` };
  const headers = headerSchema.safeParse(mail.headers);
  if (!headers.success) return { ok: false, reason: firstIssue(headers.error) };
  return {
    ok: true,
    options: {
      from: sender.from,
      to: mail.to,
      subject: mail.content.subject,
      text: mail.content.text,
      html: mail.content.html,
      attachments: mail.content.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
      messageId: messageIdOf(id.data, sender),
      date: at,
      headers: headers.data,
      // Neither transport may read local files or fetch URLs named in a message's content.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
  };
}
