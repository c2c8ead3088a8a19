// The demo's sales history: finished shows before the demo week, sold through every channel, and
// the report aggregates the triggers keep agree with the tickets and food written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import type { PgDb } from '../pg/client.js';
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
});
