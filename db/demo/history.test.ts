// The demo's sales history: finished shows before the demo week, sold through every channel, and
// the report aggregates the triggers keep agree with the tickets and food written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import type { PgDb } from '../pg/client.js';
import { writeDemoFeedback } from './feedback.js';
import { writeSalesHistory } from './history.js';
import { seedDemo } from './seed.js';

let db: PgDb;
const today = new Date();

beforeAll(async () => {
  ({ db } = await freshPg());
  await seedDemo(db, { today });
}, 120_000);
afterAll(async () => {
  await db.$client.end();
});

const one = async <T>(text: string, values: unknown[] = []) =>
  (await db.$client.query<T & Record<string, unknown>>(text, values)).rows[0] as T;

describe('demo sales history', () => {
  it('sells finished shows before the demo week, and the report aggregates agree with the tickets', async () => {
    const h = await writeSalesHistory(db.$client, { days: 6, before: today, chunkDays: 4 });
    expect(h.shows).toBeGreaterThan(0);
    expect(h.tickets).toBeGreaterThan(h.orders);
    // On every screen the history ends before the demo week begins.
    const late = await one<{ n: string }>(
      `SELECT count(*) AS n FROM shows h JOIN shows d ON d.screen_id = h.screen_id AND d.status <> 'finished'
        WHERE h.status = 'finished' AND h.ends_at > d.starts_at`,
    );
    expect(late.n).toBe('0');
    const channels = await db.$client.query<{ channel: string }>(
      'SELECT DISTINCT channel FROM orders ORDER BY 1',
    );
    expect(channels.rows.map((r) => r.channel)).toEqual(['counter', 'kiosk', 'web']);
    const sold = await one<{ tickets: string; items: string; n: string }>(
      `SELECT (SELECT sum(price_minor) FROM tickets) AS tickets, (SELECT sum(total_minor) FROM order_items) AS items,
              (SELECT count(*) FROM tickets) AS n`,
    );
    await db.$client.query('SELECT report_rollup(1000)');
    const rep = await one<{ tickets: string; items: string; n: string }>(
      `SELECT sum(gross_minor) FILTER (WHERE ticket_type_id IS NOT NULL) AS tickets,
              sum(gross_minor) FILTER (WHERE concession_item_id IS NOT NULL) AS items,
              sum(qty) FILTER (WHERE ticket_type_id IS NOT NULL) AS n
         FROM (SELECT gross_minor, qty, ticket_type_id, concession_item_id FROM report_daily
               UNION ALL SELECT gross_minor, qty, ticket_type_id, concession_item_id FROM report_deltas) f`,
    );
    expect(rep).toEqual(sold);
    // The coarser aggregates say the same: per day and channel, per film, per show.
    await db.$client.query('SELECT report_rollup(1000000)');
    const coarse = await one<{ days: string; films: string; shows: string }>(
      `SELECT (SELECT sum(tickets_gross) FROM report_days) AS days,
              (SELECT sum(tickets_gross) FROM report_film_days) AS films,
              (SELECT sum(admissions) FROM report_shows) AS shows`,
    );
    expect(coarse).toEqual({ days: sold.tickets, films: sold.tickets, shows: sold.n });
    // Orders add up to their tickets and food.
    const off = await one<{ n: string }>(
      `SELECT count(*) AS n FROM orders o WHERE total_minor <> (SELECT COALESCE(sum(price_minor), 0) FROM tickets WHERE order_id = o.id)
         + (SELECT COALESCE(sum(total_minor), 0) FROM order_items WHERE order_id = o.id)`,
    );
    expect(off.n).toBe('0');
  });

  it('turns some web orders into demo customers’ bookings, some of them rated after the show', async () => {
    const f = await writeDemoFeedback(db.$client, { days: 6, before: today });
    expect(f.customers).toBeGreaterThan(0);
    expect(f.bookings).toBeGreaterThan(f.feedback);
    expect(f.feedback).toBeGreaterThan(0);
    // Each booking is its web order, with its tickets; feedback comes after the show, replies after it.
    const wrong = await one<{ n: string }>(
      `SELECT count(*) AS n FROM bookings b JOIN orders o ON o.id = b.id
        WHERE o.channel <> 'web' OR b.total_minor <> o.total_minor
           OR jsonb_array_length(b.lines->'tickets') <> (SELECT count(*) FROM tickets t WHERE t.order_id = o.id)`,
    );
    expect(wrong.n).toBe('0');
    const early = await one<{ n: string }>(
      `SELECT count(*) AS n FROM feedback f JOIN shows s ON s.id = f.show_id
        WHERE f.created_at < s.starts_at OR f.created_at > $1 OR f.replied_at < f.created_at
           OR (f.reply IS NULL) <> (f.replied_by IS NULL)`,
      [today],
    );
    expect(early.n).toBe('0');
    // Their ids are UUIDs as the API checks them (version and variant), like the live ones.
    const odd = await one<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT id FROM feedback UNION ALL SELECT booking_id FROM feedback
         UNION ALL SELECT customer_id FROM feedback) x WHERE id::text !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab]'`,
    );
    expect(odd.n).toBe('0');
    // Written again, nothing doubles.
    expect(await writeDemoFeedback(db.$client, { days: 6, before: today })).toMatchObject({
      customers: 0,
      bookings: 0,
      feedback: 0,
    });
  });
});
