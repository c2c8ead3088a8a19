// Email through an SMTP server with nodemailer's pool: a few long-lived connections, so a burst of
// confirmations does not open one connection per message. Every failure becomes a SendResult the
// worker understands: the server refusing the message is permanent, anything about reaching the
// server is transient and retried later.
import nodemailer, { type NodemailerError, type SMTPPoolOptions } from 'nodemailer';
import type { ServerConfig } from '../../config.js';
import type { EmailTransport, OutgoingEmail, SendResult } from '../types.js';
import { mailOptionsOf, senderOf } from './mail-message.js';
import { permanent, transient } from './message-id.js';

/** Connections the pool keeps open: enough for a burst, few enough not to look like a spammer. */
const MAX_CONNECTIONS = 3;

/** Socket-level failures: the message never reached a server that could judge it. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Commands of the session rather than of a message (CONN is nodemailer's name for the greeting). */
const SESSION_COMMANDS = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH\b)/i;

/** The SMTP settings of a ServerConfig, as the SMTP transport needs them. */
export type SmtpSettings = Pick<
  ServerConfig,
  | 'mailFrom'
  | 'smtpHost'
  | 'smtpPort'
  | 'smtpSecurity'
  | 'smtpUser'
  | 'smtpPassword'
  | 'smtpTimeoutMs'
>;

/** What a nodemailer error means for the message: refused for good, or worth another try. */
export function classifySmtpError(err: unknown): SendResult {
  const e = (err ?? {}) as Partial<NodemailerError>;
  const text = (e.response ?? e.message ?? String(err)).trim();
  const code = e.code ?? '';
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    // Wrong credentials are the server's configuration, not the message's fault: once fixed, the
    // queued messages should still go, so they stay retryable.
    return transient(`SMTP authentication failed: ${text}`);
  }
  if (code === 'ETLS' || SESSION_COMMANDS.test(e.command ?? '')) {
    // Refused before the message was named (greeting, EHLO, STARTTLS): even a 5xx here is about
    // this server and our settings, and says nothing about the message.
    return transient(`SMTP session failed${e.command ? ` at ${e.command}` : ''}: ${text}`);
  }
  if (typeof e.responseCode === 'number') {
    // RFC 5321: 5yz is a permanent refusal, 4yz a transient one; 503 (bad sequence of commands)
    // is about the session, not the message, and a new connection can succeed.
    if (e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503) {
      return permanent(`SMTP ${e.responseCode}: ${text}`);
    }
    return transient(`SMTP ${e.responseCode}: ${text}`);
  }
  const original = e.originalCode ?? e.errno ?? '';
  if (CONNECTION_CODES.has(code) || CONNECTION_CODES.has(String(original))) {
    return transient(`SMTP server unreachable (${original !== '' ? original : code}): ${text}`);
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EMAXRECIPIENTS') {
    return permanent(`SMTP refused the envelope or message: ${text}`);
  }
  // Unknown is retried: the worker's attempt limit still turns it into a dead letter eventually.
  return transient(`SMTP error${code !== '' ? ` ${code}` : ''}: ${text}`);
}

/** nodemailer's pool options for the configured server: security mode, sign-in, timeouts. */
export function smtpOptionsOf(config: SmtpSettings): SMTPPoolOptions & { pool: true } {
  const security = config.smtpSecurity;
  return {
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    host: config.smtpHost,
    port: config.smtpPort,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: config.smtpUser !== '' ? { user: config.smtpUser, pass: config.smtpPassword } : undefined,
    connectionTimeout: config.smtpTimeoutMs,
    greetingTimeout: config.smtpTimeoutMs,
    socketTimeout: config.smtpTimeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** An EmailTransport sending through the configured SMTP server; `now` dates the messages. */
export function smtpEmailTransport(
  config: SmtpSettings,
  now: () => Date = () => new Date(),
): EmailTransport {
  const sender = senderOf(config.mailFrom);
  const transporter = nodemailer.createTransport(smtpOptionsOf(config));

  return {
    name: 'smtp',
    async send(mail: OutgoingEmail): Promise<SendResult> {
      const built = mailOptionsOf(mail, sender, now());
      if (!built.ok) return permanent(built.reason);
      try {
        const info = await transporter.sendMail(built.options);
        if (info.rejected.length > 0) {
          return permanent(`SMTP refused ${info.rejected.join(', ')}`);
        }
        return { ok: true, ref: info.response || info.messageId };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    close(): Promise<void> {
      transporter.close();
      return Promise.resolve();
    },
  };
}
