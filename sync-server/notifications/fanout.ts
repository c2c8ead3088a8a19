// Events become messages (DESIGN §9): the worker takes unprocessed rows of the events outbox (written
// in the transaction of each booking change), decides who is told what on which channel, and queues
// those messages in one transaction with marking the events processed. Rows are claimed with
// SKIP LOCKED, so several server processes share the work and never fan one event out twice.
import type pg from 'pg';
import { withTx, type Queryable } from '../services/tx.js';
import { deliveriesFor } from './prefs.js';
import { queueMessage } from './queue.js';
import type { NotificationKind } from './types.js';

type EventRow = {
  id: number;
  type: string;
  booking_id: string | null;
  data: Record<string, unknown>;
};

type Contact = {
  customer_id: string | null;
  email: string;
  phone: string | null;
  confirmed_at: Date | null;
};

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
// The bookings side names a customer's own refund 'customer_cancel' (refunds.ts); the templates
// know it as 'customer'. Unmapped, a customer's partial refund read "the cinema made a refund".
const REFUND_REASONS: Record<string, string> = { customer_cancel: 'customer' };
const refundReason = (v: unknown): string => {
  const r = str(v, 'refund');
  return REFUND_REASONS[r] ?? r;
};

/**
 * What a booking event tells its customer: the kind and the message's data, or null when it
 * tells them nothing (a refund the cancellation message already gives, staff-only events).
 */
export function messageOf(
  e: EventRow,
  contact: Contact,
): { kind: NotificationKind; data: Record<string, unknown> } | null {
  const d = e.data;
  switch (e.type) {
    case 'booking.confirmed':
      return { kind: 'booking.confirmed', data: {} };
    case 'booking.cancelled':
      return d.byShow === true
        ? {
            kind: 'show.cancelled',
            data: { paid: contact.confirmed_at !== null, refundMinor: num(d.refundMinor) },
          }
        : {
            kind: 'booking.cancelled',
            data: { refundMinor: num(d.refundMinor), feeMinor: num(d.feeMinor) },
          };
    case 'booking.refunded':
      if (d.partOfCancel === true) return null;
      return {
        kind: 'booking.refunded',
        data: {
          amountMinor: num(d.amountMinor),
          feeMinor: num(d.feeMinor),
          reason: refundReason(d.reason),
        },
      };
    case 'booking.expired':
      return { kind: 'booking.expired', data: {} };
    case 'payment.failed':
      return { kind: 'payment.failed', data: { reason: str(d.reason, 'declined') } };
    case 'show.moved':
      return { kind: 'show.moved', data: { from: str(d.from, '') } };
    case 'feedback.replied':
      return { kind: 'feedback.replied', data: { reply: str(d.reply, '') } };
    default:
      // refund.failed is the staff's to resolve; show.cancelled is told booking by booking.
      return null;
  }
}

async function contactOf(db: Queryable, bookingId: string): Promise<Contact | null> {
  const r = await db.query<Contact>({
    name: 'notify_booking_contact',
    text: 'SELECT customer_id, email, phone, confirmed_at FROM bookings WHERE id = $1',
    values: [bookingId],
  });
  return r.rows[0] ?? null;
}

async function fanOutOne(tx: Queryable, e: EventRow, now: Date): Promise<number> {
  if (e.booking_id === null) return 0;
  const contact = await contactOf(tx, e.booking_id);
  if (contact === null) return 0;
  const message = messageOf(e, contact);
  if (message === null) return 0;
  const deliveries = await deliveriesFor(tx, message.kind, {
    customerId: contact.customer_id,
    email: contact.email,
    phone: contact.phone,
  });
  let queued = 0;
  for (const d of deliveries)
    if (
      await queueMessage(tx, {
        dedupeKey: `event:${String(e.id)}:${d.channel}:${d.to}`,
        kind: message.kind,
        channel: d.channel,
        recipient: d.to,
        customerId: contact.customer_id,
        bookingId: e.booking_id,
        eventId: e.id,
        data: message.data,
        at: now,
      })
    )
      queued++;
  return queued;
}

/** Fans out up to `limit` unprocessed events; returns how many events it took. */
export async function fanOutEvents(pool: pg.Pool, now: Date, limit = 200): Promise<number> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<EventRow>({
      name: 'events_claim',
      text: `SELECT id, type, booking_id, data FROM events WHERE processed_at IS NULL
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      values: [limit],
    });
    if (r.rows.length === 0) return 0;
    for (const e of r.rows) await fanOutOne(tx, e, now);
    await tx.query({
      name: 'events_processed',
      text: 'UPDATE events SET processed_at = $2 WHERE id = ANY($1::bigint[])',
      values: [r.rows.map((e) => e.id), now],
    });
    return r.rows.length;
  });
}
