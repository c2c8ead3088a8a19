// The test gateway signs its webhooks the way Stripe does: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "t.body">`, so the webhook route checks a signature over the raw bytes and an age, as it must for a
// real provider.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BoError } from '../../../common/errors.js';

/** The header the test gateway's signature travels in. */
export const SIGNATURE_HEADER = 'marquee-signature';

/** Signs `body` at `at` with `secret`; the header's value. */
export function signPayload(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret)
    .update(`${String(t)}.${body}`)
    .digest('hex');
  return `t=${String(t)},v1=${mac}`;
}

const forged = (why: string) => new BoError('BO_WEBHOOK_SIGNATURE', `Webhook refused: ${why}.`);

/**
 * Checks a signature header over the raw body: the right key, and signed no longer than
 * `toleranceSeconds` from `now` (a replayed old delivery is refused). Throws BO_WEBHOOK_SIGNATURE.
 */
export function verifyPayload(
  secret: string,
  raw: Buffer,
  header: string | string[] | undefined,
  toleranceSeconds: number,
  now: Date,
): void {
  if (typeof header !== 'string' || header.length > 1000) throw forged('no signature');
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(given))
    throw forged('malformed signature');
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) throw forged('signed too long ago');
  const want = createHmac('sha256', secret)
    .update(`${String(t)}.`)
    .update(raw)
    .digest();
  if (!timingSafeEqual(want, Buffer.from(given, 'hex'))) throw forged('bad signature');
}
