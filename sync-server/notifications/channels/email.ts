// Picks the email transport the config names; the worker only ever sees the EmailTransport port.
import type { ServerConfig } from '../../config.js';
import type { EmailTransport } from '../types.js';
import { fileEmailTransport } from './email-file.js';
import { smtpEmailTransport } from './email-smtp.js';

export { emailAddressProblem } from './email-address.js';

/** The EmailTransport of `config.mailTransport`: .eml files in MAIL_DIR, or SMTP. */
export function emailTransportOf(
  config: ServerConfig,
  now: () => Date = () => new Date(),
): EmailTransport {
  return config.mailTransport === 'smtp'
    ? smtpEmailTransport(config, now)
    : fileEmailTransport(config, now);
}
