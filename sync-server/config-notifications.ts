// The sync server's settings for notifications (DESIGN §9): email, SMS, the worker, reminders.
import { z } from 'zod';
import { envValue, type ConfigSpec } from '../common/config-schema.js';

const optionalUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]);

export const notificationsConfigSpec = {
  mailTransport: {
    env: 'MAIL_TRANSPORT',
    default: 'file',
    description:
      'How email leaves: files in MAIL_DIR that any mail program opens (no account needed), or SMTP.',
    schema: z.enum(['file', 'smtp']),
    allowed: 'file or smtp',
  },
  mailDir: {
    env: 'MAIL_DIR',
    default: '.data/mail',
    description: 'Folder the file transport writes each email to, as an .eml file.',
    schema: envValue.text,
    allowed: 'a folder path',
  },
  mailFrom: {
    env: 'MAIL_FROM',
    default: 'Marquee <tickets@marquee.invalid>',
    description: 'Sender of every email, as "Name <address>".',
    schema: envValue.text,
    allowed: 'an email address, optionally with a display name',
  },
  smtpHost: {
    env: 'SMTP_HOST',
    default: 'localhost',
    description: 'SMTP server host, when MAIL_TRANSPORT is smtp.',
    schema: envValue.host,
    allowed: 'a host name or IP address',
  },
  smtpPort: {
    env: 'SMTP_PORT',
    default: 587,
    description: 'SMTP server port (587 with STARTTLS, 465 with TLS, 25 plain).',
    schema: envValue.port,
    allowed: 'an integer from 0 to 65535',
  },
  smtpSecurity: {
    env: 'SMTP_SECURITY',
    default: 'starttls',
    description:
      'tls: TLS from the first byte (port 465); starttls: upgrade and refuse to go on without it; none: plain (local relays only).',
    schema: z.enum(['tls', 'starttls', 'none']),
    allowed: 'tls, starttls or none',
  },
  smtpUser: {
    env: 'SMTP_USER',
    default: '',
    description: 'SMTP user name; empty: no authentication.',
    schema: z.string(),
    allowed: 'any text',
  },
  smtpPassword: {
    env: 'SMTP_PASSWORD',
    default: '',
    description: 'SMTP password.',
    schema: z.string(),
    allowed: 'any text',
    secret: true,
  },
  smtpTimeoutMs: {
    env: 'SMTP_TIMEOUT_MS',
    default: 30_000,
    description: 'An SMTP connection or command that takes longer fails and is retried later.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  smsProvider: {
    env: 'SMS_PROVIDER',
    default: 'file',
    description:
      'How SMS leave: files in SMS_DIR (no account needed), or an HTTP provider with the common REST shape (account id, token, form body).',
    schema: z.enum(['file', 'http']),
    allowed: 'file or http',
  },
  smsDir: {
    env: 'SMS_DIR',
    default: '.data/sms',
    description: 'Folder the file SMS sink writes each message to.',
    schema: envValue.text,
    allowed: 'a folder path',
  },
  smsApiUrl: {
    env: 'SMS_API_URL',
    default: '',
    description:
      'Base URL of the HTTP SMS provider; messages are POSTed to {url}/2010-04-01/Accounts/{SMS_ACCOUNT_ID}/Messages.json.',
    schema: optionalUrl,
    allowed: 'empty, or an http(s) URL',
  },
  smsAccountId: {
    env: 'SMS_ACCOUNT_ID',
    default: '',
    description: 'Account id at the HTTP SMS provider (also the basic-auth user).',
    schema: z.string(),
    allowed: 'any text',
  },
  smsAuthToken: {
    env: 'SMS_AUTH_TOKEN',
    default: '',
    description: 'Auth token at the HTTP SMS provider.',
    schema: z.string(),
    allowed: 'any text',
    secret: true,
  },
  smsFrom: {
    env: 'SMS_FROM',
    default: 'Marquee',
    description: 'Sender of SMS: a phone number in E.164 form or an alphanumeric sender id.',
    schema: z.string().regex(/^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/),
    allowed: 'an E.164 number or up to 11 letters and digits',
  },
  smsTimeoutMs: {
    env: 'SMS_TIMEOUT_MS',
    default: 10_000,
    description: 'An SMS provider call that takes longer fails and is retried later.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  notifyMaxAttempts: {
    env: 'NOTIFY_MAX_ATTEMPTS',
    default: 10,
    description: 'Attempts at one message before it becomes a dead letter with its reason.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  notifyRetrySeconds: {
    env: 'NOTIFY_RETRY_SECONDS',
    default: 30,
    description: 'Wait before the first retry of a failed message; it doubles with each attempt.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  notifyRetryMaxSeconds: {
    env: 'NOTIFY_RETRY_MAX_SECONDS',
    default: 3600,
    description: 'The longest wait between two attempts at a message.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  notifyPollMs: {
    env: 'NOTIFY_POLL_MS',
    default: 1000,
    description:
      'How often the notification worker looks for due messages (new events wake it at once).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  notifyConcurrency: {
    env: 'NOTIFY_CONCURRENCY',
    default: 8,
    description: 'Messages one server process sends at once.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  notifyRenderThreads: {
    env: 'NOTIFY_RENDER_THREADS',
    default: 1,
    description:
      'Threads that render emails (PDF tickets) off the server’s event loop, so confirmations never slow requests; 0: render on it.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer',
  },
  reminderHours: {
    env: 'REMINDER_HOURS',
    default: 24,
    description:
      'Customers are reminded this many hours before their show (once per booking); 0: no reminders.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (hours)',
  },
  bookingLinkTemplate: {
    env: 'BOOKING_LINK_TEMPLATE',
    default: '',
    description:
      'Link to a booking in the chain’s web shop, put in every booking email: {reference} and {id} are filled in; empty: no link.',
    schema: z.union([z.literal(''), z.string().regex(/^https?:\/\/\S+$/)]),
    allowed: 'empty, or an http(s) URL with {reference} or {id}',
  },
  passwordResetMinutes: {
    env: 'PASSWORD_RESET_MINUTES',
    default: 30,
    description: 'How long a password-reset link sent by email works.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (minutes)',
  },
  pushMaxSocketsPerCustomer: {
    env: 'PUSH_MAX_SOCKETS_PER_CUSTOMER',
    default: 5,
    description:
      'Live notification sockets (/api/v1/me/live) one customer may keep open on one server process; more are refused (close code 4429).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  pushAuthTimeoutMs: {
    env: 'PUSH_AUTH_TIMEOUT_MS',
    default: 5000,
    description:
      'A live notification socket that has not signed in (header or first message) within this time is closed (close code 4401).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
} satisfies ConfigSpec;
