// Which channels a message takes (DESIGN §9). Transactional email always goes: it is the customer's
// record of what they paid for. Reminders are the exception: they can be switched off, and the
// one-click link in each reminder stops them for that address (customers and guests alike).
import type { Queryable } from '../services/tx.js';
import type { Channel, NotificationKind } from './types.js';

/** The choice for one kind. */
export type ChannelChoice = { email: boolean; sms: boolean; push: boolean };

/** Kinds a customer can choose channels for (a password reset goes by email, always). */
export const CHOOSABLE_KINDS = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.refunded',
  'booking.expired',
  'payment.failed',
  'show.cancelled',
  'show.moved',
  'show.reminder',
  'feedback.replied',
] as const satisfies readonly NotificationKind[];
export type ChoosableKind = (typeof CHOOSABLE_KINDS)[number];

/** What a customer gets before choosing: email and the app for everything, SMS when it is urgent. */
export const DEFAULT_CHOICES: Record<ChoosableKind, ChannelChoice> = {
  'booking.confirmed': { email: true, sms: true, push: true },
  'booking.cancelled': { email: true, sms: false, push: true },
  'booking.refunded': { email: true, sms: false, push: true },
  'booking.expired': { email: true, sms: false, push: true },
  'payment.failed': { email: true, sms: false, push: true },
  'show.cancelled': { email: true, sms: true, push: true },
  'show.moved': { email: true, sms: true, push: true },
  'show.reminder': { email: true, sms: true, push: true },
  'feedback.replied': { email: true, sms: false, push: true },
};

/** Whether email for `kind` can be switched off (only reminders: the rest is the customer's record). */
export function emailOptional(kind: NotificationKind): boolean {
  return kind === 'show.reminder';
}

/** Whether `kind` is one a customer chooses channels for. */
export function isChoosable(kind: string): kind is ChoosableKind {
  return (CHOOSABLE_KINDS as readonly string[]).includes(kind);
}

/** A customer's choices for every kind: stored rows over the defaults. */
export async function readChoices(
  db: Queryable,
  customerId: string,
): Promise<Record<ChoosableKind, ChannelChoice>> {
  const r = await db.query<{ kind: string; email: boolean; sms: boolean; push: boolean }>({
    name: 'notify_prefs_read',
    text: 'SELECT kind, email, sms, push FROM notification_preferences WHERE customer_id = $1',
    values: [customerId],
  });
  const out = { ...DEFAULT_CHOICES };
  for (const row of r.rows)
    if (isChoosable(row.kind))
      out[row.kind] = {
        email: row.email || !emailOptional(row.kind),
        sms: row.sms,
        push: row.push,
      };
  return out;
}

/** Who a message goes to: the booking's contact details and account. */
export type Recipient = {
  customerId: string | null;
  email: string | null;
  phone: string | null;
};

/** One delivery: a channel and the address on it. */
export type Delivery = { channel: Channel; to: string };

/**
 * The deliveries of a `kind` message to `who`: by the customer's choices (a guest gets the
 * defaults), email forced where it cannot be switched off, and a reminder to an address that
 * unsubscribed skipped on every channel.
 */
export async function deliveriesFor(
  db: Queryable,
  kind: NotificationKind,
  who: Recipient,
): Promise<Delivery[]> {
  if (kind === 'password.reset')
    return who.email === null ? [] : [{ channel: 'email', to: who.email }];
  const choice =
    who.customerId === null ? DEFAULT_CHOICES[kind] : (await readChoices(db, who.customerId))[kind];
  if (kind === 'show.reminder' && who.email !== null) {
    const out = await db.query({
      name: 'notify_optout_read',
      text: 'SELECT 1 FROM notification_optouts WHERE address = $1 AND kind = $2',
      values: [who.email.trim().toLowerCase(), kind],
    });
    if ((out.rowCount ?? 0) > 0) return [];
  }
  const list: Delivery[] = [];
  if (who.email !== null && (choice.email || !emailOptional(kind)))
    list.push({ channel: 'email', to: who.email });
  if (who.phone !== null && choice.sms) list.push({ channel: 'sms', to: who.phone });
  if (who.customerId !== null && choice.push) list.push({ channel: 'push', to: who.customerId });
  return list;
}
