// What a queued message says: its kind's data (stored with it) over the booking's facts as they are
// when it is sent, plus the links it carries.
import type { Queryable } from '../services/tx.js';
import { readBookingFacts } from './facts.js';
import type { MessageContent, NotificationKind } from './types.js';

/** A message row as the worker claims it. */
export type MessageRow = {
  id: string;
  kind: NotificationKind;
  channel: 'email' | 'sms' | 'push';
  recipient: string;
  customer_id: string | null;
  booking_id: string | null;
  data: Record<string, unknown>;
  attempts: number;
};

/** The links messages carry. */
export type Links = {
  /** Where the customer sees a booking. */
  manage: (reference: string, id: string) => string | null;
  /** One-click link that stops reminders to `address`. */
  unsubscribe: (address: string) => Promise<string>;
  /** Where a password-reset token is used. */
  reset: (token: string) => string;
};

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Why a message cannot be told (its booking is gone): sending it again cannot help. */
export class NothingToTell extends Error {}

/** The content of message `m`, read now. */
export async function contentOf(
  db: Queryable,
  m: MessageRow,
  links: Links,
): Promise<MessageContent> {
  const d = m.data;
  if (m.kind === 'password.reset') {
    const token = str(d.token);
    if (token === '') throw new NothingToTell('the reset token is no longer kept');
    return {
      kind: 'password.reset',
      name: str(d.name),
      resetUrl: links.reset(token),
      expiresMinutes: num(d.expiresMinutes),
      locale: str(d.locale) || 'en',
    };
  }
  if (m.booking_id === null) throw new NothingToTell(`a ${m.kind} message needs a booking`);
  const facts = await readBookingFacts(db, m.booking_id, links.manage);
  if (facts === null) throw new NothingToTell('the booking no longer exists');
  switch (m.kind) {
    case 'booking.confirmed':
    case 'booking.expired':
      return { kind: m.kind, facts };
    case 'booking.cancelled':
      return { kind: m.kind, facts, refundMinor: num(d.refundMinor), feeMinor: num(d.feeMinor) };
    case 'booking.refunded':
      return {
        kind: m.kind,
        facts,
        amountMinor: num(d.amountMinor),
        feeMinor: num(d.feeMinor),
        reason: str(d.reason),
        method: 'the card you paid with',
      };
    case 'payment.failed': {
      const r = await db.query<{ expires_at: Date; status: string }>({
        name: 'notify_booking_pay_by',
        text: 'SELECT expires_at, status FROM bookings WHERE id = $1',
        values: [m.booking_id],
      });
      const b = r.rows[0];
      return {
        kind: m.kind,
        facts,
        reason: str(d.reason),
        payBy: b?.status === 'pending' ? b.expires_at : null,
      };
    }
    case 'show.cancelled':
      return { kind: m.kind, facts, paid: d.paid === true, refundMinor: num(d.refundMinor) };
    case 'show.moved':
      return { kind: m.kind, facts, from: new Date(str(d.from)) };
    case 'feedback.replied':
      return { kind: m.kind, facts, reply: str(d.reply) };
    case 'show.reminder':
      return {
        kind: m.kind,
        facts,
        unsubscribeUrl: m.channel === 'email' ? await links.unsubscribe(m.recipient) : null,
      };
  }
}
