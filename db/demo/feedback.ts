// The demo's customer feedback (issue 17): some web orders of the sales history become bookings
// of 64 demo customers, and about four in ten of those rated the show afterwards, a few
// with the cinema's reply, so a manager's feedback screen has something to read on a fresh
// `npm start`. The customers' passwords are random and thrown away: nobody signs in as them.
// Deterministic for a given history: every choice is a hash of the order's id.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../password-hash.js';
import { FRACTION, UUID_OF } from './history.js';

/** What the demo feedback wrote. */
export type FeedbackSummary = { customers: number; bookings: number; feedback: number };

const FIRST = ['Aarav', 'Diya', 'Kabir', 'Meera', 'Rohan', 'Sara', 'Vikram', 'Zoya'];
const LAST = ['Shah', 'Menon', 'Rao', 'Iyer', 'Gupta', 'Thomas', 'Nair', 'Khan'];
/** 64 demo customers, each with a few bookings a month. */
const CUSTOMERS = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));

/** Comments by rating, 1 to 5 (an empty one: a rating alone). */
const COMMENTS: Record<number, string[]> = {
  1: ['The sound cut out twice and nobody came.', 'Sticky floor and a broken seat.', ''],
  2: ['The projection was too dark.', 'Queue at the food counter made us miss the start.', ''],
  3: ['Fine, but the air conditioning was too cold.', 'Good film, too many ads before it.', ''],
  4: ['Comfortable seats, clear sound.', 'Nice evening, popcorn was fresh.', ''],
  5: ['Perfect picture and sound, will come again!', 'Friendly staff and spotless screen.', ''],
};

const REPLIES = [
  'Thank you for telling us. We have passed this on to the screen team and would love to see you again.',
  'Thanks for the kind words — see you at the next one!',
];

/**
 * Makes web orders of the last `days` cinema days before `before` into demo customers' bookings
 * (one in ten), and writes feedback for four in ten of those, replied to when it is one
 * in three of them or rated 2 or less, by a manager of the cinema.
 */
export async function writeDemoFeedback(
  pool: pg.Pool,
  opts: { days: number; before: Date },
): Promise<FeedbackSummary> {
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const customers = await c.query<{ id: string }>(
      `INSERT INTO customers (id, email, password_hash, name)
       SELECT ${UUID_OF("'demo-customer:' || n")},
              lower(replace(n, ' ', '.')) || '@example.com', $1, n
         FROM unnest($2::text[]) AS n
       ON CONFLICT (email) DO NOTHING
       RETURNING id`,
      [passwordHash, CUSTOMERS],
    );
    const bookings = await c.query(
      `WITH picked AS (
         SELECT o.*, cu.id AS customer_id, cu.email, cu.name AS customer_name
           FROM orders o
           JOIN shows s ON s.id = o.show_id
           JOIN customers cu ON cu.id = ${UUID_OF(`'demo-customer:' || ($4::text[])[
                1 + (abs(hashtext('who' || o.id::text)) % cardinality($4::text[]))]`)}
          WHERE o.channel = 'web' AND o.status = 'paid' AND s.status = 'finished'
            AND s.starts_at BETWEEN $1::timestamptz - make_interval(days => $2) AND $1::timestamptz
            AND ${FRACTION("'booking' || o.id::text")} < $3
            AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = o.id)
       )
       INSERT INTO bookings (id, reference, secret_hash, cinema_id, show_id, channel, customer_id, email, name,
                             hold_id, status, currency, subtotal_minor, tax_minor, total_minor, lines,
                             expires_at, created_at, confirmed_at)
       SELECT p.id, translate(upper(substr(md5('ref' || p.id::text), 1, 7)), '0123456789ABCDEF', 'CDFGHJKMNPQRTVWX'),
              encode(sha256(convert_to('demo-history:' || p.id::text, 'UTF8')), 'hex'),
              p.cinema_id, p.show_id, 'web', p.customer_id, p.email, p.customer_name,
              'demo-history', 'confirmed', p.currency, p.subtotal_minor, p.tax_minor, p.total_minor,
              jsonb_build_object(
                'tickets', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                             'ticketId', t.id, 'seatId', t.seat_id, 'ticketTypeId', t.ticket_type_id,
                             'priceMinor', t.price_minor, 'taxMinor', t.tax_minor)), '[]') FROM tickets t WHERE t.order_id = p.id),
                'concessions', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                             'orderItemId', i.id, 'itemId', i.concession_item_id, 'quantity', i.quantity,
                             'unitPriceMinor', i.unit_price_minor, 'taxMinor', i.tax_minor, 'totalMinor', i.total_minor)), '[]')
                              FROM order_items i WHERE i.order_id = p.id)),
              p.created_at, p.created_at, p.created_at
         FROM picked p
       ON CONFLICT DO NOTHING`,
      [opts.before.toISOString(), opts.days, 1 / 10, CUSTOMERS],
    );
    const ratings = [1, 2, 3, 4, 5].map((r) => COMMENTS[r] ?? ['']);
    const feedback = await c.query(
      `WITH rated AS (
         SELECT b.id, b.cinema_id, b.show_id, b.customer_id, s.ends_at,
                -- mostly good: 5 (40 %), 4 (30 %), 3 (15 %), 2 (9 %), 1 (6 %)
                CASE WHEN ${FRACTION("'stars' || b.id::text")} < 0.06 THEN 1
                     WHEN ${FRACTION("'stars' || b.id::text")} < 0.15 THEN 2
                     WHEN ${FRACTION("'stars' || b.id::text")} < 0.30 THEN 3
                     WHEN ${FRACTION("'stars' || b.id::text")} < 0.60 THEN 4 ELSE 5 END AS rating
           FROM bookings b JOIN shows s ON s.id = b.show_id
          WHERE b.hold_id = 'demo-history' AND ${FRACTION("'rates' || b.id::text")} < 0.4
       ), worded AS (
         SELECT r.*, ($1::jsonb -> (r.rating - 1) ->> (abs(hashtext('says' || r.id::text)) % 3)) AS comment,
                r.rating <= 2 OR ${FRACTION("'reply' || r.id::text")} < 1.0 / 3 AS replied,
                r.ends_at + make_interval(mins => 20 + abs(hashtext('when' || r.id::text)) % 600) AS at
           FROM rated r
       )
       INSERT INTO feedback (id, booking_id, cinema_id, show_id, customer_id, rating, comment, reply, replied_by,
                             replied_at, created_at, updated_at)
       SELECT ${UUID_OF("'feedback' || w.id::text")}, w.id, w.cinema_id, w.show_id, w.customer_id, w.rating,
              COALESCE(w.comment, ''),
              CASE WHEN w.replied THEN ($2::text[])[CASE WHEN w.rating <= 3 THEN 1 ELSE 2 END] END,
              CASE WHEN w.replied THEN (SELECT sc.staff_id FROM staff_cinemas sc JOIN staff st ON st.id = sc.staff_id
                                         WHERE sc.cinema_id = w.cinema_id AND st.role = 'manager' ORDER BY st.id LIMIT 1) END,
              CASE WHEN w.replied THEN LEAST(w.at + interval '1 day', $3::timestamptz) END,
              w.at, w.at
         FROM worded w
        WHERE w.at < $3::timestamptz
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(ratings), REPLIES, opts.before.toISOString()],
    );
    await c.query('COMMIT');
    return {
      customers: customers.rowCount ?? 0,
      bookings: bookings.rowCount ?? 0,
      feedback: feedback.rowCount ?? 0,
    };
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}
