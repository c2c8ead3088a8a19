// The demo's sales history (issue 17): finished shows on the days before the demo week, with
// tickets and food sold at the counter, kiosks and the web, so the reports have something to show
// on a fresh `npm start`, and the reports benchmark has a year of a chain at demo density. Written
// set-based in PostgreSQL (a month per statement group): the report triggers of migration 0011 see
// each insert once, as they would see a day of real sales. Deterministic for a given database:
// every choice is a hash of the row's ids.
import type pg from 'pg';

/** What the history wrote. */
export type HistorySummary = { days: number; shows: number; orders: number; tickets: number };

/** A fraction 0..1 from a text, the same every time. */
export const FRACTION = (expr: string) => `((hashtext(${expr}) & 2147483647)::float8 / 2147483647)`;

/** A version-4 shaped UUID made from a text, the same every time (ids checked as UUIDs by the API). */
export const UUID_OF = (expr: string) =>
  `(overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17))::uuid`;

/**
 * Writes `days` cinema days of history for every cinema, ending the day before the local day of
 * `before` in each cinema's time zone (the demo week starts on that day): four shows a day on every
 * screen, 15–75 % full (more at weekends), sold in the four hours before the show, one order per
 * two seats, counter 60 % / kiosk 10 % / web 30 %, food with four orders in ten.
 */
export async function writeSalesHistory(
  pool: pg.Pool,
  opts: { days: number; before: Date; chunkDays?: number },
): Promise<HistorySummary> {
  const chunk = opts.chunkDays ?? 31;
  const total: HistorySummary = { days: opts.days, shows: 0, orders: 0, tickets: 0 };
  for (let done = 0; done < opts.days; done += chunk) {
    const from = -opts.days + done;
    const to = Math.min(-1, from + chunk - 1);
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const part = await writeChunk(c, opts.before.toISOString(), from, to);
      await c.query('COMMIT');
      total.shows += part.shows;
      total.orders += part.orders;
      total.tickets += part.tickets;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  }
  return total;
}

async function writeChunk(
  c: pg.PoolClient,
  before: string,
  fromOffset: number,
  toOffset: number,
): Promise<Omit<HistorySummary, 'days'>> {
  await c.query(
    'CREATE TEMP TABLE IF NOT EXISTS hist_shows (id uuid PRIMARY KEY) ON COMMIT DELETE ROWS',
  );
  // Four shows a day per screen, at 10:30, 14:00, 18:00 and 21:30; films short enough to fit.
  const shows = await c.query(
    `WITH films AS (
       SELECT id, chain_id, duration_minutes, row_number() OVER (PARTITION BY chain_id ORDER BY id) AS n,
              count(*) OVER (PARTITION BY chain_id) AS of
         FROM movies WHERE duration_minutes <= 180
     ), made AS (
       INSERT INTO shows (id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status)
       SELECT gen_random_uuid(), sc.cinema_id, sc.id, l.id, f.id, fmt.format_id, 'en', st.at,
              st.at + make_interval(mins => f.duration_minutes + sc.cleaning_minutes), 'finished'
         FROM screens sc
         JOIN cinemas ci ON ci.id = sc.cinema_id
         JOIN seat_layouts l ON l.screen_id = sc.id AND l.active
         JOIN LATERAL (SELECT format_id FROM screen_formats WHERE screen_id = sc.id ORDER BY format_id LIMIT 1) fmt ON true
         CROSS JOIN generate_series(($1::timestamptz AT TIME ZONE ci.time_zone)::date + $2::int,
                                    ($1::timestamptz AT TIME ZONE ci.time_zone)::date + $3::int, interval '1 day') AS d(day)
         CROSS JOIN (VALUES (0, 630), (1, 840), (2, 1080), (3, 1290)) AS t(slot, mins)
         CROSS JOIN LATERAL (SELECT ((d.day::date + make_interval(mins => t.mins)) AT TIME ZONE ci.time_zone) AS at) st
         JOIN films f ON f.chain_id = ci.chain_id
          AND f.n = 1 + (abs(hashtext(sc.id::text || (d.day::date - date '2000-01-01' + t.slot) / 7)) % f.of)
       RETURNING id
     )
     INSERT INTO hist_shows SELECT id FROM made`,
    [before, fromOffset, toOffset],
  );
  // Seats and cinema day of each show, for occupancy (the history keeps no per-seat rows).
  await c.query(
    `INSERT INTO report_shows (show_id, cinema_id, show_date, capacity)
     SELECT s.id, s.cinema_id, marquee_business_date(s.starts_at, ci.time_zone, ci.day_starts_at),
            (SELECT count(*) FROM seats st WHERE st.layout_id = s.layout_id)
       FROM hist_shows h JOIN shows s ON s.id = h.id JOIN cinemas ci ON ci.id = s.cinema_id`,
  );
  await c.query(
    `CREATE TEMP TABLE hist_tickets ON COMMIT DROP AS
     WITH base AS (
       SELECT sh.screen_id, sp.category_id, min(sp.amount_minor) AS price
         FROM show_prices sp JOIN shows sh ON sh.id = sp.show_id GROUP BY 1, 2
     ), seats_of AS (
       SELECT s.id AS show_id, s.cinema_id, s.starts_at, st.id AS seat_id, st.category_id, b.price,
              row_number() OVER (PARTITION BY s.id ORDER BY md5(st.id::text || s.id::text)) AS rn,
              count(*) OVER (PARTITION BY s.id) AS cap,
              extract(isodow FROM s.starts_at AT TIME ZONE ci.time_zone) AS dow
         FROM hist_shows h JOIN shows s ON s.id = h.id JOIN cinemas ci ON ci.id = s.cinema_id
         JOIN seats st ON st.layout_id = s.layout_id AND st.kind <> 'companion'
         JOIN base b ON b.screen_id = s.screen_id AND b.category_id = st.category_id
     )
     SELECT show_id, cinema_id, starts_at, seat_id, category_id, price, rn,
            ${UUID_OF('show_id::text || ((rn - 1) / 2)::text')} AS order_id, gen_random_uuid() AS ticket_id
       FROM seats_of
      WHERE rn <= cap * (0.15 + 0.45 * ${FRACTION('show_id::text')} + CASE WHEN dow >= 5 THEN 0.15 ELSE 0 END)`,
  );
  const orders = await c.query(
    `INSERT INTO orders (id, cinema_id, show_id, channel, status, currency, subtotal_minor, tax_minor, total_minor, created_at)
     SELECT t.order_id, t.cinema_id, t.show_id,
            CASE WHEN ${FRACTION('t.order_id::text')} < 0.6 THEN 'counter'
                 WHEN ${FRACTION('t.order_id::text')} < 0.7 THEN 'kiosk' ELSE 'web' END,
            'paid', ci.currency, 0, 0, 0,
            min(t.starts_at) - make_interval(mins => (abs(hashtext(t.order_id::text)) % (4 * 60))::int)
       FROM hist_tickets t JOIN cinemas ci ON ci.id = t.cinema_id
      GROUP BY t.order_id, t.cinema_id, t.show_id, ci.currency`,
  );
  // Adults mostly, some children at their multiplier; the cinema's ticket taxes within (included) or
  // on top (added), as the pricing function does.
  const tickets = await c.query(
    `WITH types AS (
       SELECT DISTINCT ON (tt.chain_id, tt.code) tt.chain_id, tt.code, tt.id, tt.multiplier_bp FROM ticket_types tt
        WHERE tt.code IN ('adult', 'child') ORDER BY tt.chain_id, tt.code, tt.sort_order
     ), rates AS (
       SELECT cinema_id, COALESCE(sum(rate_bp) FILTER (WHERE inclusive), 0) AS incl,
              COALESCE(sum(rate_bp) FILTER (WHERE NOT inclusive), 0) AS added
         FROM taxes WHERE item_class = 'ticket' GROUP BY 1
     ), priced AS (
       SELECT t.*, ty.id AS type_id, (t.price * ty.multiplier_bp / 10000)::int AS net,
              COALESCE(r.incl, 0) AS incl, COALESCE(r.added, 0) AS added
         FROM hist_tickets t JOIN cinemas ci ON ci.id = t.cinema_id
         JOIN types ty ON ty.chain_id = ci.chain_id
          AND ty.code = CASE WHEN ${FRACTION('t.ticket_id::text')} < 0.8 THEN 'adult' ELSE 'child' END
         LEFT JOIN rates r ON r.cinema_id = t.cinema_id
     )
     INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor, status, created_at)
     SELECT ticket_id, order_id, show_id, seat_id, type_id, net + round(net * added / 10000.0)::int,
            round(net * added / 10000.0)::int + round(net * incl / (10000.0 + incl))::int, 'valid', now()
       FROM priced`,
  );
  // Food with four orders in ten: one or two of an item of the cinema's menu.
  await c.query(
    `WITH menu AS (
       SELECT cinema_id, id, price_minor, row_number() OVER (PARTITION BY cinema_id ORDER BY id) AS n,
              count(*) OVER (PARTITION BY cinema_id) AS of
         FROM concession_items WHERE active
     )
     INSERT INTO order_items (id, order_id, concession_item_id, quantity, unit_price_minor, tax_minor, total_minor)
     SELECT gen_random_uuid(), o.id, m.id, q.n, m.price_minor, 0, m.price_minor * q.n
       FROM orders o JOIN (SELECT DISTINCT order_id FROM hist_tickets) h ON h.order_id = o.id
       CROSS JOIN LATERAL (SELECT 1 + abs(hashtext(o.id::text || 'q')) % 2 AS n) q
       JOIN menu m ON m.cinema_id = o.cinema_id AND m.n = 1 + abs(hashtext(o.id::text || 'i')) % m.of
      WHERE ${FRACTION("o.id::text || 'f'")} < 0.4`,
  );
  await c.query(
    `UPDATE orders o SET subtotal_minor = x.total, total_minor = x.total, tax_minor = x.tax
       FROM (SELECT o2.id, COALESCE(t.total, 0) + COALESCE(i.total, 0) AS total, COALESCE(t.tax, 0) + COALESCE(i.tax, 0) AS tax
               FROM orders o2 JOIN (SELECT DISTINCT order_id FROM hist_tickets) h ON h.order_id = o2.id
               LEFT JOIN (SELECT order_id, sum(price_minor) AS total, sum(tax_minor) AS tax FROM tickets
                           WHERE order_id IN (SELECT order_id FROM hist_tickets) GROUP BY 1) t ON t.order_id = o2.id
               LEFT JOIN (SELECT order_id, sum(total_minor) AS total, sum(tax_minor) AS tax FROM order_items
                           WHERE order_id IN (SELECT order_id FROM hist_tickets) GROUP BY 1) i ON i.order_id = o2.id) x
      WHERE o.id = x.id`,
  );
  await c.query('DROP TABLE hist_tickets');
  return {
    shows: shows.rowCount ?? 0,
    orders: orders.rowCount ?? 0,
    tickets: tickets.rowCount ?? 0,
  };
}
