// Report deltas the application writes itself (issue 17): what a web refund kept of the value it
// gave back. The tickets and food given back reach the reports by the triggers of migration 0011;
// the money side of a refund (a fee kept, a goodwill amount added, what was left to refund) is
// known only here, and it is written in the refund's own transaction.
import type { Tx } from '../services/tx.js';

/** Records that a refund of `bookingId` kept `keptMinor` of what it gave back (negative: gave more). */
export async function recordRefundKept(
  tx: Tx,
  bookingId: string,
  keptMinor: number,
): Promise<void> {
  if (keptMinor === 0) return;
  await tx.query({
    name: 'report_refund_kept',
    text: `INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, fee_minor)
           SELECT b.cinema_id, marquee_business_date(now(), c.time_zone, c.day_starts_at), b.channel,
                  b.show_id, s.movie_id, s.screen_id, s.format_id, $2
             FROM bookings b JOIN cinemas c ON c.id = b.cinema_id JOIN shows s ON s.id = b.show_id
            WHERE b.id = $1`,
    values: [bookingId, keptMinor],
  });
}
