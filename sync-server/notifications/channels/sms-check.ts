// What every SMS sink checks before anything leaves.
import { z } from 'zod';
import type { OutgoingSms } from '../types.js';
import { firstIssue, messageIdSchema } from './message-id.js';
import { normalisePhone } from './phone.js';

/** The longest body providers take in one request (ten concatenated segments and then some). */
export const MAX_SMS_BODY = 1600;

const smsSchema = z.object({
  id: messageIdSchema,
  to: z.string().transform((raw, ctx) => {
    const phone = normalisePhone(raw);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'not a phone number in international (E.164) form' });
      return z.NEVER;
    }
    return phone;
  }),
  body: z
    .string()
    .refine((b) => b.trim().length > 0, 'the text is empty')
    .refine((b) => b.length <= MAX_SMS_BODY, `the text is longer than ${MAX_SMS_BODY} characters`),
});

/** The SMS with its number in E.164, or the reason it can never be sent. */
export function checkSms(
  sms: OutgoingSms,
): { ok: true; sms: OutgoingSms } | { ok: false; reason: string } {
  const parsed = smsSchema.safeParse(sms);
  return parsed.success
    ? { ok: true, sms: parsed.data }
    : { ok: false, reason: firstIssue(parsed.error) };
}
