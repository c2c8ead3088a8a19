// Picks the SMS provider the config names; the worker only ever sees the SmsProvider port.
import { ConfigError } from '../../../common/config-schema.js';
import type { ServerConfig } from '../../config.js';
import type { SmsProvider } from '../types.js';
import { fileSmsProvider } from './sms-file.js';
import { httpSmsProvider } from './sms-http.js';

export { normalisePhone } from './phone.js';

/**
 * The SmsProvider of `config.smsProvider`: text files in SMS_DIR, or the HTTP provider. Throws a
 * ConfigError at start when the HTTP provider lacks its URL, account or token, rather than failing
 * every message later.
 */
export function smsProviderOf(
  config: ServerConfig,
  now: () => Date = () => new Date(),
): SmsProvider {
  if (config.smsProvider === 'file') return fileSmsProvider(config, now);
  const missing = (
    [
      ['SMS_API_URL', config.smsApiUrl],
      ['SMS_ACCOUNT_ID', config.smsAccountId],
      ['SMS_AUTH_TOKEN', config.smsAuthToken],
    ] as const
  ).find(([, value]) => value.trim() === '');
  if (missing !== undefined) {
    throw new ConfigError(
      missing[0],
      `Invalid config ${missing[0]}: it must be set when SMS_PROVIDER is http.`,
    );
  }
  return httpSmsProvider(config);
}
