// A booking's facts as its messages tell them, read when a message is sent (so a retry tells the
// booking as it is then: a refunded ticket is not sent as a valid one).
import type { Queryable } from '../services/tx.js';
import type { BookingFacts } from './types.js';

type FactsRow = {
  id: string;
  reference: string;
  status: string;
  name: string | null;
  currency: string;
  total_minor: number;
  tax_minor: number;
  discount_minor: number;
  cinema: BookingFacts['cinema'];
  show: Omit<BookingFacts['show'], 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string };
  sold: BookingFacts['tickets'] | null;
  basket: BookingFacts['tickets'] | null;
  items: BookingFacts['items'] | null;
};

// Tickets as sold once confirmed; before that (expired, payment failed), the seats of the basket.
const FACTS_SQL = `SELECT b.id, b.reference, b.status, b.name, b.currency, b.total_minor, b.tax_minor,
    b.discount_minor,
    json_build_object('name', c.name, 'address', c.address, 'timeZone', c.time_zone,
      'locale', c.locale) AS cinema,
    json_build_object('id', sh.id, 'startsAt', sh.starts_at, 'endsAt', sh.ends_at,
      'movieTitle', m.title, 'certification', coalesce(m.certification, ''), 'format', f.name,
      'language', sh.language, 'screenName', sc.name, 'status', sh.status) AS show,
    (SELECT json_agg(json_build_object('ticketId', t.id, 'rowLabel', s.row_label,
       'seatLabel', s.label, 'ticketTypeName', tt.name, 'priceMinor', t.price_minor,
       'taxMinor', t.tax_minor, 'status', t.status,
       'code', CASE WHEN t.status = 'valid' THEN t.code END) ORDER BY s.row_label, s.number, t.id)
     FROM tickets t JOIN seats s ON s.id = t.seat_id JOIN ticket_types tt ON tt.id = t.ticket_type_id
     WHERE t.order_id = b.id) AS sold,
    (SELECT json_agg(json_build_object('ticketId', l->>'ticketId', 'rowLabel', s.row_label,
       'seatLabel', s.label, 'ticketTypeName', tt.name, 'priceMinor', (l->>'priceMinor')::int,
       'taxMinor', (l->>'taxMinor')::int, 'status', 'unpaid', 'code', NULL)
       ORDER BY s.row_label, s.number)
     FROM jsonb_array_elements(b.lines->'tickets') l JOIN seats s ON s.id = (l->>'seatId')::uuid
     JOIN ticket_types tt ON tt.id = (l->>'ticketTypeId')::uuid) AS basket,
    (SELECT json_agg(json_build_object('name', ci.name, 'quantity', (l->>'quantity')::int,
       'totalMinor', (l->>'totalMinor')::int) ORDER BY ci.name)
     FROM jsonb_array_elements(b.lines->'concessions') l
     JOIN concession_items ci ON ci.id = (l->>'itemId')::uuid) AS items
  FROM bookings b JOIN shows sh ON sh.id = b.show_id JOIN movies m ON m.id = sh.movie_id
  JOIN formats f ON f.id = sh.format_id JOIN cinemas c ON c.id = b.cinema_id
  JOIN screens sc ON sc.id = sh.screen_id
  WHERE b.id = $1`;

/** The facts of booking `id`, or null when there is no such booking. */
export async function readBookingFacts(
  db: Queryable,
  id: string,
  manageUrl: (reference: string, id: string) => string | null,
): Promise<BookingFacts | null> {
  const r = await db.query<FactsRow>({
    name: 'notify_booking_facts',
    text: FACTS_SQL,
    values: [id],
  });
  const row = r.rows[0];
  if (!row) return null;
  return {
    bookingId: row.id,
    reference: row.reference,
    status: row.status,
    customerName: row.name,
    cinema: row.cinema,
    show: { ...row.show, startsAt: new Date(row.show.startsAt), endsAt: new Date(row.show.endsAt) },
    tickets: row.sold ?? row.basket ?? [],
    items: row.items ?? [],
    currency: row.currency,
    totalMinor: row.total_minor,
    taxMinor: row.tax_minor,
    discountMinor: row.discount_minor,
    manageUrl: manageUrl(row.reference, row.id),
  };
}
