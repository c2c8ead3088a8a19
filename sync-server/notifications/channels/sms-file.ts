// SMS as text files in a folder: the default, so nothing needs a provider account and a person
// can read exactly what would have been sent.
import type { ServerConfig } from '../../config.js';
import type { OutgoingSms, SendResult, SmsProvider } from '../types.js';
import { checkSms } from './sms-check.js';
import { permanent, transient } from './message-id.js';
import { writeOnce } from './once-file.js';

/** The settings the file sink reads. */
export type SmsFileSettings = Pick<ServerConfig, 'smsDir' | 'smsFrom'>;

/** An SmsProvider writing `<UTC time>-<id>.txt` (To, From, body) into smsDir, once per id. */
export function fileSmsProvider(
  config: SmsFileSettings,
  now: () => Date = () => new Date(),
): SmsProvider {
  return {
    name: 'file',
    async send(sms: OutgoingSms): Promise<SendResult> {
      const checked = checkSms(sms);
      if (!checked.ok) return permanent(checked.reason);
      const { id, to, body } = checked.sms;
      try {
        const name = await writeOnce(config.smsDir, id, '.txt', now(), () =>
          Promise.resolve(`To: ${to}\nFrom: ${config.smsFrom}\n\n${body}\n`),
        );
        return { ok: true, ref: name };
      } catch (err) {
        return transient(`could not write the SMS file: ${(err as Error).message}`);
      }
    },
  };
}
