// Queuing messages (DESIGN §9): each is one row in `messages`, written in the transaction that
// decides it, with a dedupe key so the same message is never queued twice (an event fanned out
// again after a crash, a reminder swept by two processes).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../services/tx.js';
import type { Channel, NotificationKind } from './types.js';

/** One message to queue. */
export type NewMessage = {
  dedupeKey: string;
  kind: NotificationKind;
  channel: Channel;
  recipient: string;
  customerId: string | null;
  bookingId: string | null;
  eventId: number | null;
  data: Record<string, unknown>;
  /** When it may first be sent (now, unless scheduled). */
  at: Date;
};

/** Queues a message unless one with its dedupe key exists; true when it was queued. */
export async function queueMessage(db: Queryable, m: NewMessage): Promise<boolean> {
  const r = await db.query({
    name: 'message_queue',
    text: `INSERT INTO messages (id, dedupe_key, kind, channel, recipient, customer_id, booking_id,
        event_id, data, next_attempt_at, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10)
      ON CONFLICT (dedupe_key) DO NOTHING`,
    values: [
      randomUUID(),
      m.dedupeKey,
      m.kind,
      m.channel,
      m.recipient,
      m.customerId,
      m.bookingId,
      m.eventId,
      JSON.stringify(m.data),
      m.at,
    ],
  });
  return (r.rowCount ?? 0) > 0;
}
