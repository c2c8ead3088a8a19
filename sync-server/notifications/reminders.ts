// Reminders before the show (DESIGN §9): once per booking, REMINDER_HOURS before it starts. The
// booking is stamped in the same transaction that queues its messages, so two processes sweeping at
// once (SKIP LOCKED) or a sweep run again never remind twice. A booking made after its reminder
// would have gone (inside the window) is stamped and not reminded: its confirmation just arrived.
import type pg from 'pg';
import { withTx } from '../services/tx.js';
import { deliveriesFor } from './prefs.js';
import { queueMessage } from './queue.js';

type Due = {
  id: string;
  customer_id: string | null;
  email: string;
  phone: string | null;
  remind: boolean;
};

/** Queues the reminders that are due at `now`; returns how many bookings were reminded. */
export async function queueReminders(
  pool: pg.Pool,
  now: Date,
  hours: number,
  limit = 200,
): Promise<number> {
  if (hours <= 0) return 0;
  return withTx(pool, async (tx) => {
    const r = await tx.query<Due>({
      name: 'reminders_due',
      text: `WITH due AS (
          SELECT b.id, b.confirmed_at < s.starts_at - make_interval(hours => $2) AS remind
          FROM bookings b JOIN shows s ON s.id = b.show_id
          WHERE b.status = 'confirmed' AND b.reminded_at IS NULL AND s.status <> 'cancelled'
            AND s.starts_at > $1 AND s.starts_at <= $1::timestamptz + make_interval(hours => $2)
          ORDER BY s.starts_at LIMIT $3 FOR UPDATE OF b SKIP LOCKED)
        UPDATE bookings b SET reminded_at = $1 FROM due WHERE b.id = due.id
        RETURNING b.id, b.customer_id, b.email, b.phone, due.remind`,
      values: [now, hours, limit],
    });
    let reminded = 0;
    for (const b of r.rows) {
      if (!b.remind) continue;
      const deliveries = await deliveriesFor(tx, 'show.reminder', {
        customerId: b.customer_id,
        email: b.email,
        phone: b.phone,
      });
      for (const d of deliveries)
        await queueMessage(tx, {
          dedupeKey: `reminder:${b.id}:${d.channel}:${d.to}`,
          kind: 'show.reminder',
          channel: d.channel,
          recipient: d.to,
          customerId: b.customer_id,
          bookingId: b.id,
          eventId: null,
          data: {},
          at: now,
        });
      reminded++;
    }
    return reminded;
  });
}
