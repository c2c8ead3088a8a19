// The events outbox (DESIGN §9, §12): every state change of a booking, payment or show writes one
// row in the transaction that makes it; the notifications worker delivers from these rows later.
import type { Queryable } from '../services/tx.js';

/** The kinds of event bookings write. */
export type EventType =
  | 'booking.confirmed'
  | 'booking.cancelled'
  | 'booking.refunded'
  | 'booking.expired'
  | 'payment.failed'
  | 'refund.failed'
  | 'show.cancelled'
  /** A manager moved the show (new start time); data: { from, to } ISO instants. */
  | 'show.moved'
  /** The cinema replied to the customer's feedback on the booking (issue 17); data: { reply }. */
  | 'feedback.replied';

/** One event to append. */
export type NewEvent = {
  type: EventType;
  bookingId?: string | null;
  showId?: string | null;
  cinemaId?: string | null;
  data: Record<string, unknown>;
};

/** Appends an event row in the caller's transaction. */
export async function appendEvent(db: Queryable, e: NewEvent): Promise<void> {
  await db.query({
    name: 'event_append',
    text: 'INSERT INTO events (type, booking_id, show_id, cinema_id, data) VALUES ($1, $2, $3, $4, $5)',
    values: [
      e.type,
      e.bookingId ?? null,
      e.showId ?? null,
      e.cinemaId ?? null,
      JSON.stringify(e.data),
    ],
  });
}
