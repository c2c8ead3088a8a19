// P11's data and queue: confirmed bookings with signed ticket codes written straight in SQL (what
// confirming a paid booking leaves behind, without paying), messages queued in one commit, and a
// poll of the messages table until the worker has sent them.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { generateKeyPair, signTicketCode } from '../../../common/ticket-code.js';

const PRICE_MINOR = 1200;
const TAX_MINOR = 200;

type FreeSeat = { show_id: string; seat_id: string; label: string };

/**
 * Writes `n` confirmed bookings of `perBooking` tickets each on free seats of `cinemaId`: bookings,
 * their orders, valid tickets with codes, the seats sold. Everything readBookingFacts joins exists,
 * so each renders as a real confirmation (a PDF page per ticket). reminded_at is set so the
 * reminder sweep does not add messages of its own. Returns the booking ids.
 */
export async function seedConfirmedBookings(
  pool: pg.Pool,
  cinemaId: string,
  ticketTypeId: string,
  n: number,
  perBooking: number,
): Promise<string[]> {
  const free = await pool.query<FreeSeat>(
    `SELECT ss.show_id, ss.seat_id, s.label FROM show_seats ss JOIN shows sh ON sh.id = ss.show_id
      JOIN seats s ON s.id = ss.seat_id
     WHERE sh.cinema_id = $1 AND ss.state = 'available'
     ORDER BY sh.starts_at DESC, ss.show_id, s.row_label, s.number LIMIT $2`,
    [cinemaId, n * perBooking + 400],
  );
  // Codes signed with a key of the bench's own: the server never checks them when it sends, and
  // they are as long as real ones, so the QR codes in the PDFs are as dense.
  const signer = { kind: 'server' as const, secretKey: generateKeyPair().secretKey };
  const now = new Date();
  const b = {
    ids: [] as string[],
    refs: [] as string[],
    shows: [] as string[],
    lines: [] as string[],
  };
  const t = {
    ids: [] as string[],
    orders: [] as string[],
    shows: [] as string[],
    seats: [] as string[],
    codes: [] as string[],
  };
  let group: FreeSeat[] = [];
  for (const seat of free.rows) {
    if (b.ids.length >= n) break;
    if (group.length > 0 && group[0]?.show_id !== seat.show_id) group = [];
    group.push(seat);
    if (group.length < perBooking) continue;
    const id = randomUUID();
    const tickets = group.map((s) => ({ ticketId: randomUUID(), seat: s }));
    b.ids.push(id);
    b.refs.push(`P${b.ids.length.toString(36).toUpperCase().padStart(6, 'X')}`);
    b.shows.push(seat.show_id);
    b.lines.push(
      JSON.stringify({
        tickets: tickets.map((x) => ({
          ticketId: x.ticketId,
          seatId: x.seat.seat_id,
          ticketTypeId,
          priceMinor: PRICE_MINOR,
          taxMinor: TAX_MINOR,
        })),
        concessions: [],
      }),
    );
    for (const x of tickets) {
      t.ids.push(x.ticketId);
      t.orders.push(id);
      t.shows.push(x.seat.show_id);
      t.seats.push(x.seat.seat_id);
      t.codes.push(
        signTicketCode(
          {
            ticketId: x.ticketId,
            showId: x.seat.show_id,
            seatLabel: x.seat.label,
            issuedAt: now.getTime(),
          },
          signer,
        ),
      );
    }
    group = [];
  }
  if (b.ids.length < n)
    throw new Error(`P11: only ${String(b.ids.length)} of ${String(n)} bookings found free seats`);
  const total = PRICE_MINOR * perBooking;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO bookings (id, reference, secret_hash, cinema_id, show_id, email, name, hold_id,
         status, currency, subtotal_minor, tax_minor, total_minor, lines, expires_at, confirmed_at,
         reminded_at)
       SELECT id, ref, 'bench', $1, show_id, 'buyer-' || n || '@example.com', 'Bench Buyer ' || n,
         'bench-' || id, 'confirmed', 'GBP', $2, $3, $2, lines, $4, $4, $4
       FROM unnest($5::uuid[], $6::text[], $7::uuid[], $8::jsonb[]) WITH ORDINALITY
         AS x(id, ref, show_id, lines, n)`,
      [cinemaId, total, TAX_MINOR * perBooking, now, b.ids, b.refs, b.shows, b.lines],
    );
    await client.query(
      `INSERT INTO orders (id, cinema_id, show_id, channel, status, currency, subtotal_minor,
         tax_minor, total_minor, reference)
       SELECT id, cinema_id, show_id, 'web', 'paid', currency, subtotal_minor, tax_minor,
         total_minor, reference FROM bookings WHERE id = ANY($1::uuid[])`,
      [b.ids],
    );
    await client.query(
      `INSERT INTO tickets (id, order_id, show_id, seat_id, ticket_type_id, price_minor, tax_minor,
         status, code)
       SELECT id, order_id, show_id, seat_id, $1, $2, $3, 'valid', code
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[])
         AS x(id, order_id, show_id, seat_id, code)`,
      [ticketTypeId, PRICE_MINOR, TAX_MINOR, t.ids, t.orders, t.shows, t.seats, t.codes],
    );
    await client.query(
      `UPDATE show_seats ss SET state = 'sold', ticket_id = x.id, version = ss.version + 1
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(id, show_id, seat_id)
       WHERE ss.show_id = x.show_id AND ss.seat_id = x.seat_id`,
      [t.ids, t.shows, t.seats],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return b.ids;
}

/**
 * Queues one 'booking.confirmed' message per booking on `channel`, all in one commit (so the worker
 * finds them all at its first claim); recipients come from `to(i)`. Returns the commit time
 * (epoch ms, as the servers' sent_at is).
 */
export async function queueConfirmations(
  pool: pg.Pool,
  prefix: string,
  channel: 'email' | 'sms',
  bookingIds: string[],
  to: (i: number) => string,
): Promise<number> {
  await pool.query(
    `INSERT INTO messages (id, dedupe_key, kind, channel, recipient, customer_id, booking_id,
       event_id, data, next_attempt_at, created_at, updated_at)
     SELECT gen_random_uuid(), $1 || n, 'booking.confirmed', $2, recipient, NULL, booking_id, NULL,
       '{}'::jsonb, now(), now(), now()
     FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS x(booking_id, recipient, n)`,
    [prefix, channel, bookingIds, bookingIds.map((_, i) => to(i))],
  );
  return Date.now();
}

/** Where a batch of messages stands. */
export type QueueState = {
  sent: number;
  dead: number;
  /** Failed once and waiting for a retry. */
  retrying: number;
  /** Not claimed yet, or claimed and being sent. */
  open: number;
  firstSentAt: number | null;
  lastSentAt: number | null;
};

/** Where the messages whose dedupe key starts with `prefix` stand. */
export async function queueState(pool: pg.Pool, prefix: string): Promise<QueueState> {
  const r = await pool.query<{
    sent: number;
    dead: number;
    retrying: number;
    open: number;
    first: Date | null;
    last: Date | null;
  }>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
       count(*) FILTER (WHERE status = 'dead')::int AS dead,
       count(*) FILTER (WHERE status = 'pending' AND attempts > 0
         AND (locked_until IS NULL OR locked_until <= now()))::int AS retrying,
       count(*) FILTER (WHERE status = 'pending' AND (attempts = 0 OR locked_until > now()))::int AS open,
       min(sent_at) AS first, max(sent_at) AS last
     FROM messages WHERE starts_with(dedupe_key, $1)`,
    [prefix],
  );
  const row = r.rows[0];
  return {
    sent: row?.sent ?? 0,
    dead: row?.dead ?? 0,
    retrying: row?.retrying ?? 0,
    open: row?.open ?? 0,
    firstSentAt: row?.first?.getTime() ?? null,
    lastSentAt: row?.last?.getTime() ?? null,
  };
}

/** Polls until nothing of `prefix` is open (all sent, dead or waiting for a retry) or `timeoutMs`. */
export async function waitForQueue(
  pool: pg.Pool,
  prefix: string,
  timeoutMs: number,
): Promise<QueueState & { timedOut: boolean }> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const s = await queueState(pool, prefix);
    if (s.open === 0) return { ...s, timedOut: false };
    if (performance.now() > end) return { ...s, timedOut: true };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Gives up on what of `prefix` is still unclaimed (a batch that timed out), so the next phase
 * measures alone; messages being sent finish as usual.
 */
export async function cancelUnclaimed(pool: pg.Pool, prefix: string): Promise<number> {
  const r = await pool.query(
    `UPDATE messages SET status = 'dead', last_error = 'bench: not sent before the phase ended',
       updated_at = now()
     WHERE starts_with(dedupe_key, $1) AND status = 'pending' AND attempts = 0`,
    [prefix],
  );
  return r.rowCount ?? 0;
}
