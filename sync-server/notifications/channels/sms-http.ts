// SMS through an HTTP provider with the widely used REST shape: a form POST to
// {base}/2010-04-01/Accounts/{account}/Messages.json with basic auth, answered by JSON with a
// `sid`, or with `code` and `message` when refused. The worker retries, so this makes one attempt.
import ky from 'ky';
import type { ServerConfig } from '../../config.js';
import type { OutgoingSms, SendResult, SmsProvider } from '../types.js';
import { permanent, transient } from './message-id.js';
import { checkSms } from './sms-check.js';

/** The settings the HTTP provider reads. */
export type SmsHttpSettings = Pick<
  ServerConfig,
  'smsApiUrl' | 'smsAccountId' | 'smsAuthToken' | 'smsFrom' | 'smsTimeoutMs'
>;

/**
 * Answers that say "not now" rather than "never": a timeout, an idempotency key still in flight,
 * throttling, and wrong credentials (the operator's to fix; the message itself is fine).
 */
const RETRYABLE_4XX = new Set([401, 408, 409, 425, 429]);

/** The URL messages are POSTed to. */
export function messagesUrl(config: Pick<SmsHttpSettings, 'smsApiUrl' | 'smsAccountId'>): string {
  const base = config.smsApiUrl.replace(/\/+$/, '');
  return `${base}/2010-04-01/Accounts/${encodeURIComponent(config.smsAccountId)}/Messages.json`;
}

/** The JSON an answer carries, or an empty object when it carries none. */
async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The provider's own words for a refusal: "code 21211: The 'To' number is not valid". */
function providerReason(status: number, body: Record<string, unknown>, statusText: string): string {
  const code = typeof body.code === 'number' || typeof body.code === 'string' ? body.code : null;
  const message = typeof body.message === 'string' ? body.message : statusText;
  return `SMS provider ${status}${code !== null ? ` (code ${code})` : ''}: ${message}`;
}

/** An SmsProvider POSTing to the configured HTTP provider. */
export function httpSmsProvider(config: SmsHttpSettings): SmsProvider {
  const url = messagesUrl(config);
  const authorization = `Basic ${Buffer.from(`${config.smsAccountId}:${config.smsAuthToken}`).toString('base64')}`;
  return {
    name: 'http',
    async send(sms: OutgoingSms): Promise<SendResult> {
      const checked = checkSms(sms);
      if (!checked.ok) return permanent(checked.reason);
      const { id, to, body } = checked.sms;
      let response: Response;
      try {
        response = await ky.post(url, {
          body: new URLSearchParams({ To: to, From: config.smsFrom, Body: body }),
          headers: {
            Authorization: authorization,
            'Idempotency-Key': id,
            Accept: 'application/json',
          },
          retry: 0,
          timeout: config.smsTimeoutMs,
          throwHttpErrors: false,
        });
      } catch (err) {
        // Only the network and the timeout throw here: neither says anything about the message.
        const e = err as Error & { cause?: { code?: string } };
        const detail = e.cause?.code ?? e.message;
        return transient(
          e.name === 'TimeoutError'
            ? `SMS provider did not answer within ${config.smsTimeoutMs} ms`
            : `SMS provider unreachable: ${detail}`,
        );
      }
      const answer = await jsonOf(response);
      if (response.ok) {
        return { ok: true, ref: typeof answer.sid === 'string' ? answer.sid : null };
      }
      const reason = providerReason(response.status, answer, response.statusText);
      const retryable = response.status >= 500 || RETRYABLE_4XX.has(response.status);
      return retryable ? transient(reason) : permanent(reason);
    },
  };
}
