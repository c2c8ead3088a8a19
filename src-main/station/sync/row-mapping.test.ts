// Snapshot rows from PostgreSQL (as JSON) become SQLite values of the right kind.
import { describe, expect, it } from 'vitest';
import { replicaTables, rowValues, toCalendarDate, toSqlite } from './row-mapping.js';

const column = (table: string, name: string) => {
  const c = replicaTables.get(table)?.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`${table}.${name} is not a replica column`);
  return c;
};

describe('row mapping', () => {
  it('knows every table the server snapshots, with snake_case column names', () => {
    expect([...replicaTables.keys()]).toEqual([
      'cinemas',
      'screens',
      'seat_categories',
      'seat_layouts',
      'layout_rows',
      'seats',
      'formats',
      'ticket_types',
      'taxes',
      'discounts',
      'concession_items',
      'staff',
      'shows',
      'movies',
      'show_prices',
      'show_seats',
      'orders',
      'tickets',
      'order_items',
      'revoked_tickets',
    ]);
    expect(replicaTables.get('shows')?.columns.map((c) => c.name)).toContain('starts_at');
    expect(replicaTables.has('outbox')).toBe(false);
  });

  it('turns ISO timestamps into ms, booleans into 0/1, JSON into text, bigint strings into numbers', () => {
    expect(toSqlite(column('shows', 'starts_at'), '2026-11-21T18:30:00.000Z')).toBe(
      Date.parse('2026-11-21T18:30:00.000Z'),
    );
    expect(toSqlite(column('taxes', 'inclusive'), true)).toBe(1);
    expect(toSqlite(column('taxes', 'inclusive'), false)).toBe(0);
    expect(toSqlite(column('movies', 'genres'), ['Drama', 'Comedy'])).toBe('["Drama","Comedy"]');
    expect(toSqlite(column('orders', 'sale_number'), '42')).toBe(42);
    expect(toSqlite(column('discounts', 'valid_to'), null)).toBeNull();
  });

  it('fills a missing column with its default, and refuses garbage in a typed column', () => {
    expect(toSqlite(column('seat_layouts', 'active'), undefined)).toBe(1);
    expect(toSqlite(column('show_seats', 'version'), undefined)).toBe(0);
    expect(() => toSqlite(column('shows', 'starts_at'), 'soon')).toThrow(/not a timestamp/);
    expect(() => toSqlite(column('show_seats', 'version'), 'x')).toThrow(/not a number/);
  });

  it('keeps calendar dates, whatever time zone the server turned them into instants in', () => {
    expect(toCalendarDate('2026-01-01')).toBe('2026-01-01');
    expect(toCalendarDate('2026-01-01T00:00:00.000Z')).toBe('2026-01-01');
    expect(toCalendarDate('2025-12-31T18:30:00.000Z')).toBe('2026-01-01'); // Asia/Kolkata midnight
    expect(toCalendarDate('2026-01-01T08:00:00.000Z')).toBe('2026-01-01'); // America/Los_Angeles midnight
    expect(toSqlite(column('movies', 'release_date'), '2025-12-31T23:00:00.000Z')).toBe(
      '2026-01-01',
    );
  });

  it('lays a row out in column order', () => {
    const t = replicaTables.get('formats');
    expect(
      t &&
        rowValues(t, {
          multiplier_bp: 12000,
          name: 'IMAX',
          code: 'IMAX',
          id: 'f1',
          extra: 'ignored',
        }),
    ).toEqual(['f1', 'IMAX', 'IMAX', 12000]);
  });
});
