// A snapshot of one cinema for a station whose cursor is too old (or new): everything its replica
// holds, read in one REPEATABLE READ transaction together with the log position it corresponds to.
import type pg from 'pg';
import { headPosition, type LogPosition } from '../services/change-log.js';

/** Replica tables in the order a station applies them, with the query for one cinema ($1) and window. */
const TABLES: { table: string; sql: string }[] = [
  { table: 'cinemas', sql: 'SELECT * FROM cinemas WHERE id = $1' },
  { table: 'screens', sql: 'SELECT * FROM screens WHERE cinema_id = $1' },
  {
    table: 'seat_categories',
    sql: 'SELECT c.* FROM seat_categories c JOIN screens s ON s.id = c.screen_id WHERE s.cinema_id = $1',
  },
  {
    table: 'seat_layouts',
    sql: 'SELECT l.* FROM seat_layouts l JOIN screens s ON s.id = l.screen_id WHERE s.cinema_id = $1',
  },
  {
    table: 'layout_rows',
    sql: 'SELECT r.* FROM layout_rows r JOIN seat_layouts l ON l.id = r.layout_id JOIN screens s ON s.id = l.screen_id WHERE s.cinema_id = $1',
  },
  {
    table: 'seats',
    sql: 'SELECT x.* FROM seats x JOIN seat_layouts l ON l.id = x.layout_id JOIN screens s ON s.id = l.screen_id WHERE s.cinema_id = $1',
  },
  { table: 'formats', sql: 'SELECT * FROM formats' },
  {
    table: 'ticket_types',
    sql: 'SELECT t.* FROM ticket_types t JOIN cinemas c ON c.chain_id = t.chain_id WHERE c.id = $1',
  },
  { table: 'taxes', sql: 'SELECT * FROM taxes WHERE cinema_id = $1' },
  {
    table: 'discounts',
    sql: 'SELECT d.* FROM discounts d JOIN cinemas c ON c.chain_id = d.chain_id WHERE c.id = $1',
  },
  { table: 'concession_items', sql: 'SELECT * FROM concession_items WHERE cinema_id = $1' },
  {
    // Only the cashiers and managers posted to this cinema (DESIGN §10): a replica never holds a
    // chain admin's PIN hash, nor anyone else's. The row says this cinema, wherever else they work.
    table: 'staff',
    sql: `SELECT s.id, s.chain_id, $1::uuid AS cinema_id, s.name, s.role, s.pin_hash, s.active
          FROM staff s JOIN staff_cinemas sc ON sc.staff_id = s.id JOIN cinemas c ON c.id = sc.cinema_id
          WHERE sc.cinema_id = $1 AND s.chain_id = c.chain_id AND s.role IN ('cashier', 'manager')`,
  },
  {
    table: 'shows',
    sql: "SELECT * FROM shows WHERE cinema_id = $1 AND ends_at > now() - interval '1 day' AND status <> 'draft'",
  },
  {
    table: 'movies',
    sql: "SELECT * FROM movies WHERE id IN (SELECT movie_id FROM shows WHERE cinema_id = $1 AND ends_at > now() - interval '1 day' AND status <> 'draft')",
  },
  {
    table: 'show_prices',
    sql: "SELECT p.* FROM show_prices p JOIN shows sh ON sh.id = p.show_id WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft'",
  },
  {
    table: 'show_seats',
    // A seat whose hold lapsed goes out as free (or back in escrow), as every reader sees it. Never
    // the hold id: hold ids stay on the server (DESIGN §10); a station learns its own from its acks.
    sql: `SELECT ss.show_id, ss.seat_id,
            CASE WHEN ss.state = 'held' AND (h.status IS DISTINCT FROM 'active' OR h.expires_at <= now())
                 THEN CASE WHEN ss.station_id IS NULL THEN 'available' ELSE 'allocated' END ELSE ss.state END AS state,
            ss.station_id, ss.ticket_id, ss.block_reason, ss.version
          FROM show_seats ss JOIN shows sh ON sh.id = ss.show_id LEFT JOIN holds h ON h.id = ss.hold_id
          WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft'`,
  },
  {
    table: 'orders',
    sql: "SELECT o.* FROM orders o JOIN shows sh ON sh.id = o.show_id WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft'",
  },
  {
    table: 'tickets',
    sql: "SELECT t.* FROM tickets t JOIN shows sh ON sh.id = t.show_id WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft'",
  },
  {
    table: 'order_items',
    sql: "SELECT i.* FROM order_items i JOIN orders o ON o.id = i.order_id JOIN shows sh ON sh.id = o.show_id WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft'",
  },
  {
    // Voided and refunded tickets of every sale of the cinema's current and future shows, wherever
    // sold, for door scans. The server keeps no revocation time, so a snapshot says when it was read.
    table: 'revoked_tickets',
    sql: "SELECT t.id AS ticket_id, t.show_id, t.status, now() AS revoked_at FROM tickets t JOIN shows sh ON sh.id = t.show_id WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft' AND t.status IN ('void', 'refunded')",
  },
];

// Rows per fetch: small enough that the rows' objects of one fetch stay a few megabytes at most.
const CHUNK = 2000;

/** A snapshot read whole: the log position it is consistent with and its messages, as UTF-8 JSON. */
export type SnapshotData = { pos: LogPosition; messages: Buffer[]; bytes: number };

/**
 * Reads a cinema snapshot in one REPEATABLE READ transaction and releases the connection before
 * anything is sent: a reader that stalls must never pin a pool connection (issue 12, item 2).
 * Each chunk is serialized at once, so the rows' objects do not outlive their chunk.
 */
export async function readSnapshot(pool: pg.Pool, cinemaId: string): Promise<SnapshotData> {
  const messages: Buffer[] = [];
  let bytes = 0;
  // Kept as bytes: outside the JS heap, and sent to every station as they are, with no copy each.
  const push = (msg: object): void => {
    const bin = Buffer.from(JSON.stringify(msg), 'utf8');
    messages.push(bin);
    bytes += bin.length;
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const pos = await headPosition(client);
    const count = await client.query<{ n: string }>({
      text: "SELECT count(*) AS n FROM show_seats ss JOIN shows sh ON sh.id = ss.show_id WHERE sh.cinema_id = $1 AND sh.ends_at > now() - interval '1 day' AND sh.status <> 'draft'",
      values: [cinemaId],
    });
    push({ type: 'snapshot-begin', total: Number(count.rows[0]?.n ?? 0) });
    for (const t of TABLES) {
      const cursorName = `snap_${t.table}`;
      await client.query({
        text: `DECLARE ${cursorName} NO SCROLL CURSOR FOR ${t.sql}`,
        values: t.sql.includes('$1') ? [cinemaId] : [],
      });
      for (;;) {
        const r = await client.query<Record<string, unknown>>(
          `FETCH ${String(CHUNK)} FROM ${cursorName}`,
        );
        if (r.rows.length > 0) push({ type: 'snapshot-chunk', table: t.table, rows: r.rows });
        if (r.rows.length < CHUNK) break;
      }
      await client.query(`CLOSE ${cursorName}`);
    }
    await client.query('COMMIT');
    return { pos, messages, bytes };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
