// Tables that both dialects share must agree column by column (STYLE 6).
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from './pg/schema.js';
import * as lite from './sqlite/schema.js';

type Col = { name: string; kind: string; notNull: boolean };

function kindOfPg(sqlType: string): string {
  if (/^(uuid|text|date|varchar)/.test(sqlType)) return 'text';
  if (/^(integer|smallint|bigint|bigserial|serial)/.test(sqlType)) return 'int';
  if (sqlType === 'boolean') return 'bool';
  if (sqlType.startsWith('timestamp')) return 'time';
  if (sqlType === 'jsonb') return 'json';
  return sqlType;
}

function kindOfSqlite(col: { getSQLType(): string; columnType: string }): string {
  if (col.columnType === 'SQLiteBoolean') return 'bool';
  if (col.columnType === 'SQLiteTimestamp') return 'time';
  if (col.columnType === 'SQLiteTextJson') return 'json';
  return col.getSQLType() === 'integer' ? 'int' : col.getSQLType();
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function pgTables(): Map<string, Col[]> {
  const out = new Map<string, Col[]>();
  for (const v of Object.values(pg)) {
    if (!(v instanceof PgTable)) continue;
    const c = pgConfig(v);
    out.set(
      c.name,
      c.columns.map((col) => ({
        name: snake(col.name),
        kind: kindOfPg(col.getSQLType()),
        notNull: col.notNull,
      })),
    );
  }
  return out;
}

function sqliteTables(): Map<string, Col[]> {
  const out = new Map<string, Col[]>();
  for (const v of Object.values(lite)) {
    if (!(v instanceof SQLiteTable)) continue;
    const c = sqliteConfig(v);
    out.set(
      c.name,
      c.columns.map((col) => ({
        name: snake(col.name),
        kind: kindOfSqlite(col),
        notNull: col.notNull,
      })),
    );
  }
  return out;
}

describe('schema parity', () => {
  const a = pgTables();
  const b = sqliteTables();
  // The station's own tills are its working table; the server's `tills` is what stations upload of
  // them (issue 17), a different shape under the same name, so it is not a replica table. Likewise a
  // door's `admissions` (issue 18) hold what it and the other doors let in, the server's every report.
  const stationOwn = new Set(['tills', 'admissions']);
  const shared = [...b.keys()].filter((t) => a.has(t) && !stationOwn.has(t));

  it('shares the replica tables', () => {
    expect(shared.sort()).toEqual(
      [
        'cinemas',
        'concession_items',
        'discounts',
        'formats',
        'layout_rows',
        'movies',
        'order_items',
        'orders',
        'payments',
        'screens',
        'seat_categories',
        'seat_layouts',
        'seats',
        'show_prices',
        'show_seats',
        'shows',
        'staff',
        'taxes',
        'ticket_types',
        'tickets',
      ].sort(),
    );
  });

  it.each(shared)('%s has the same columns, kinds and nullability in both dialects', (table) => {
    const byName = (cols: Col[]) => [...cols].sort((x, y) => x.name.localeCompare(y.name));
    expect(byName(b.get(table) ?? [])).toEqual(byName(a.get(table) ?? []));
  });
});
