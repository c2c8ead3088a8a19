// The booking sweeper (DESIGN §12): a pending booking whose time is up lapses, and its seats go
// back on sale in the same transaction. SKIP LOCKED lets several server processes sweep at once
// without two taking the same booking or waiting on each other.
import type pg from 'pg';
import { systemActor } from '../services/audit.js';
import { endHold } from '../services/holds.js';
import { withTx } from '../services/tx.js';
import { giveBackPromoUse } from './create.js';
import { appendEvent } from './events.js';

/** Payments of lapsed bookings to cancel at their provider (after the sweep commits). */
export type Lapsed = {
  count: number;
  showIds: string[];
  payments: { provider: string; ref: string }[];
};

/** Expires up to `limit` pending bookings whose time is up; returns them and payments to cancel. */
export async function expireBookings(pool: pg.Pool, limit = 100): Promise<Lapsed> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<{
      id: string;
      reference: string;
      hold_id: string;
      show_id: string;
      cinema_id: string;
      discount_code: string | null;
    }>({
      name: 'bookings_lapsed',
      text: `SELECT id, reference, hold_id, show_id, cinema_id, discount_code FROM bookings
             WHERE status = 'pending' AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      values: [limit],
    });
    const payments: Lapsed['payments'] = [];
    for (const b of r.rows) {
      await tx.query({
        name: 'booking_expire',
        text: "UPDATE bookings SET status = 'expired', updated_at = now() WHERE id = $1",
        values: [b.id],
      });
      // Ends the hold if the hold sweeper has not yet; an ended one is left as it is.
      await endHold(tx, b.hold_id, systemActor, 'expired').catch((e: unknown) => {
        if (!(e instanceof Error && 'code' in e && e.code === 'BO_HOLD_NOT_FOUND')) throw e;
      });
      await giveBackPromoUse(tx, b.discount_code);
      const open = await tx.query<{ provider: string; provider_ref: string | null }>({
        name: 'booking_expire_payments',
        text: "UPDATE booking_payments SET status = 'cancelled', updated_at = now() WHERE booking_id = $1 AND status = 'pending' RETURNING provider, provider_ref",
        values: [b.id],
      });
      for (const p of open.rows)
        if (p.provider_ref !== null) payments.push({ provider: p.provider, ref: p.provider_ref });
      await appendEvent(tx, {
        type: 'booking.expired',
        bookingId: b.id,
        showId: b.show_id,
        cinemaId: b.cinema_id,
        data: { reference: b.reference },
      });
    }
    return { count: r.rows.length, showIds: [...new Set(r.rows.map((b) => b.show_id))], payments };
  });
}
