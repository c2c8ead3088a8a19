// Test helpers for the roll-forward: a hold and a sale made with plain SQL, and table digests that
// show whether existing rows changed.
import type pg from 'pg';

/** What the fixture sold and held, to find again after the roll-forward. */
export type SoldAndHeld = {
  showId: string;
  cinemaId: string;
  heldSeatIds: string[];
  soldSeatId: string;
  orderId: string;
  ticketId: string;
  holdId: string;
};

/** Holds two seats and sells a third of the first cinema's first show on its second local day. */
export async function holdAndSell(pool: pg.Pool, today: Date): Promise<SoldAndHeld> {
  const show = await pool.query<{ id: string; cinema_id: string; currency: string }>(
    `SELECT s.id, s.cinema_id, c.currency FROM shows s JOIN cinemas c ON c.id = s.cinema_id
     WHERE s.starts_at > $1::timestamptz + interval '1 day' ORDER BY c.name, s.starts_at, s.id LIMIT 1`,
    [today],
  );
  const s = show.rows[0];
  if (s === undefined) throw new Error('the demo has no show to sell');
  const seats = await pool.query<{ seat_id: string }>(
    "SELECT seat_id FROM show_seats WHERE show_id = $1 AND state = 'available' ORDER BY seat_id LIMIT 3",
    [s.id],
  );
  const [a, b, c] = seats.rows.map((r) => r.seat_id);
  if (a === undefined || b === undefined || c === undefined) throw new Error('no free seats');
  const ticketType = await pool.query<{ id: string }>(
    "SELECT t.id FROM ticket_types t JOIN cinemas c ON c.chain_id = t.chain_id WHERE c.id = $1 AND t.code = 'adult'",
    [s.cinema_id],
  );
  const holdId = 'h_extend_test_hold';
  const orderId = '00000000-0000-4000-8000-00000000e001';
  const ticketId = '00000000-0000-4000-8000-00000000e002';
  await pool.query(
    "INSERT INTO holds (id, show_id, channel, status, expires_at) VALUES ($1, $2, 'web', 'active', $3)",
    [holdId, s.id, new Date(today.getTime() + 86_400_000)],
  );
  await pool.query(
    "UPDATE show_seats SET state = 'held', hold_id = $1, version = version + 1 WHERE show_id = $2 AND seat_id = ANY($3::uuid[])",
    [holdId, s.id, [a, b]],
  );
  await pool.query(
    "INSERT INTO orders (id, cinema_id, show_id, channel, status, currency, subtotal_minor, tax_minor, total_minor) VALUES ($1, $2, $3, 'counter', 'paid', $4, 1000, 0, 1000)",
    [orderId, s.cinema_id, s.id, s.currency],
  );
  await pool.query(
    'INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor) VALUES ($1, $2, $3, $4, $5, 1000, 0)',
    [ticketId, orderId, s.id, c, ticketType.rows[0]?.id],
  );
  await pool.query(
    "UPDATE show_seats SET state = 'sold', ticket_id = $1, version = version + 1 WHERE show_id = $2 AND seat_id = $3",
    [ticketId, s.id, c],
  );
  return {
    showId: s.id,
    cinemaId: s.cinema_id,
    heldSeatIds: [a, b],
    soldSeatId: c,
    orderId,
    ticketId,
    holdId,
  };
}

/** An md5 of every row a query returns, in a stable order. */
export async function digest(
  pool: pg.Pool,
  query: string,
  values: unknown[] = [],
): Promise<string> {
  const r = await pool.query<{ d: string }>(
    `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM (${query}) x`,
    values,
  );
  return r.rows[0]?.d ?? '';
}

/** Digests of everything the roll-forward must leave alone, given the shows and last change-log seq before it. */
export async function digestExisting(
  pool: pg.Pool,
  oldShowIds: string[],
  lastSeq: number,
): Promise<Record<string, string>> {
  const ids = [oldShowIds];
  return {
    shows: await digest(pool, 'SELECT * FROM shows WHERE id = ANY($1::uuid[])', ids),
    showPrices: await digest(
      pool,
      'SELECT * FROM show_prices WHERE show_id = ANY($1::uuid[])',
      ids,
    ),
    showSeats: await digest(pool, 'SELECT * FROM show_seats WHERE show_id = ANY($1::uuid[])', ids),
    holds: await digest(pool, 'SELECT * FROM holds'),
    orders: await digest(pool, 'SELECT * FROM orders'),
    tickets: await digest(pool, 'SELECT * FROM tickets'),
    movies: await digest(pool, 'SELECT * FROM movies'),
    meta: await digest(pool, 'SELECT * FROM server_meta'),
    oldChanges: await digest(
      pool,
      'SELECT seq, entity, entity_id, data FROM change_log WHERE seq <= $1',
      [lastSeq],
    ),
  };
}

/** Counts rows of a query that selects `count(*)::int AS n`. */
export async function count(pool: pg.Pool, query: string, values: unknown[] = []): Promise<number> {
  const r = await pool.query<{ n: number }>(query, values);
  return r.rows[0]?.n ?? -1;
}
