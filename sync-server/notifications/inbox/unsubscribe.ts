// One-click unsubscribe from reminders (RFC 8058), for customers and guests alike: the link carries
// a JWT signed with the server's key for its own audience, so it can neither be forged nor passed
// off as (or made from) an access token. It has no expiry: a reminder read months later must still
// stop the next one, and all it can do is stop reminders to the address it names.
import { jwtVerify, SignJWT } from 'jose';
import { BoError } from '../../../common/errors.js';
import { normaliseEmail } from '../../../db/password-hash.js';
import { withTx } from '../../services/tx.js';
import type pg from 'pg';
import { reminderOff } from './preferences.js';

const ISSUER = 'marquee';
const AUDIENCE = 'marquee-unsubscribe';

/** The kinds a link can stop (only reminders can be switched off by email). */
export type UnsubscribableKind = 'show.reminder';

/** The path of the unsubscribe endpoint (GET: a confirmation page, POST: unsubscribes). */
export const UNSUBSCRIBE_PATH = '/api/v1/notifications/unsubscribe';

/** The one-click link for `address` and `kind`: put it in List-Unsubscribe and the email's footer. */
export async function unsubscribeUrl(
  base: string,
  key: Uint8Array,
  address: string,
  kind: UnsubscribableKind,
): Promise<string> {
  const token = await new SignJWT({ address: normaliseEmail(address), kind })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .sign(key);
  return `${base.replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
}

/** The address and kind a token names; BO_UNSUBSCRIBE_TOKEN if it is forged, damaged or foreign. */
export async function verifyUnsubscribeToken(
  key: Uint8Array,
  token: string,
): Promise<{ address: string; kind: UnsubscribableKind }> {
  const bad = () =>
    new BoError(
      'BO_UNSUBSCRIBE_TOKEN',
      'This unsubscribe link is not valid. Use the link from the latest reminder email.',
    );
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    }));
  } catch {
    throw bad();
  }
  const { address, kind } = payload;
  if (typeof address !== 'string' || address === '' || kind !== 'show.reminder') throw bad();
  return { address, kind };
}

/**
 * Stops `kind` for `address`: an opt-out row (idempotent) and, when a customer account has that
 * email, their preference for the kind switched off on every channel. Both or neither.
 */
export async function unsubscribe(
  pool: pg.Pool,
  address: string,
  kind: UnsubscribableKind,
): Promise<void> {
  const normal = normaliseEmail(address);
  await withTx(pool, async (tx) => {
    await tx.query({
      name: 'notify_optout_add',
      text: `INSERT INTO notification_optouts (address, kind) VALUES ($1, $2)
        ON CONFLICT (address, kind) DO NOTHING`,
      values: [normal, kind],
    });
    const c = await tx.query<{ id: string }>({
      name: 'notify_optout_customer',
      text: 'SELECT id FROM customers WHERE email = $1',
      values: [normal],
    });
    for (const row of c.rows) await reminderOff(tx, row.id);
  });
}
