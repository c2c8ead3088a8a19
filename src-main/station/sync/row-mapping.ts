// PostgreSQL snapshot rows (snake_case keys, JSON-encoded) → SQLite values for the replica tables.
// Both schemas share column names (the parity test checks it), so only the value encodings differ.
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../../db/sqlite/schema.js';

type Kind = 'text' | 'int' | 'time' | 'bool' | 'json' | 'date';

/** One column of a replica table as the snapshot writer needs it. */
export type ReplicaColumn = { name: string; kind: Kind; fallback: unknown };

/** A replica table: its SQL name and columns, in schema order. */
export type ReplicaTable = { name: string; columns: ReplicaColumn[] };

/** The tables a snapshot replaces, in the order the server sends them. */
const SNAPSHOT_TABLES: SQLiteTable[] = [
  schema.cinemas,
  schema.screens,
  schema.seatCategories,
  schema.seatLayouts,
  schema.layoutRows,
  schema.seats,
  schema.formats,
  schema.ticketTypes,
  schema.taxes,
  schema.discounts,
  schema.concessionItems,
  schema.staff,
  schema.shows,
  schema.movies,
  schema.showPrices,
  schema.showSeats,
  schema.orders,
  schema.tickets,
  schema.orderItems,
  // Station-only: the server sends the revoked tickets of the cinema's shows (after the shows).
  schema.revokedTickets,
];

// PostgreSQL `date` columns: node-postgres turns them into a Date at the server's local midnight,
// which JSON sends as an instant; the replica keeps the calendar date.
const DATE_COLUMNS = new Set(['movies.release_date', 'movies.close_date']);

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function kindOf(table: string, column: Column): Kind {
  if (DATE_COLUMNS.has(`${table}.${snake(column.name)}`)) return 'date';
  switch (column.columnType) {
    case 'SQLiteTimestamp':
      return 'time';
    case 'SQLiteBoolean':
      return 'bool';
    case 'SQLiteTextJson':
      return 'json';
    case 'SQLiteInteger':
      return 'int';
    default:
      return 'text';
  }
}

function describe(table: SQLiteTable): ReplicaTable {
  const name = getTableName(table);
  const columns = Object.values(getTableColumns(table)).map((c) => ({
    name: snake(c.name),
    kind: kindOf(name, c),
    fallback: (c.hasDefault ? (c.default as unknown) : null) ?? null,
  }));
  return { name, columns };
}

/** The replica tables a snapshot replaces, by SQL name (also the whitelist of table names from the wire). */
export const replicaTables: ReadonlyMap<string, ReplicaTable> = new Map(
  SNAPSHOT_TABLES.map((t) => [getTableName(t), describe(t)]),
);

/** A calendar date (YYYY-MM-DD) from a date string or the instant of a local midnight anywhere on earth. */
export function toCalendarDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  // Local midnights lie within ±14 h of UTC midnight of the same date; the nearest UTC midnight
  // is right for every zone from UTC−12 to UTC+12 (the server would have to be in Kiribati to miss).
  return new Date(Math.round(ms / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** Text of a scalar or JSON of anything else, for messages and text columns. */
const textOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : JSON.stringify(value);

/** One value in its SQLite encoding; throws on a value that cannot be stored in the column. */
export function toSqlite(column: ReplicaColumn, raw: unknown): string | number | null {
  const value = raw === undefined ? column.fallback : raw;
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'time': {
      const ms =
        value instanceof Date
          ? value.getTime()
          : typeof value === 'number'
            ? value
            : Date.parse(textOf(value));
      if (Number.isNaN(ms))
        throw new Error(`${column.name}: not a timestamp: ${textOf(value).slice(0, 40)}`);
      return ms;
    }
    case 'bool':
      return value === true || value === 1 || value === 't' || value === 'true' ? 1 : 0;
    case 'json':
      return JSON.stringify(value);
    case 'int': {
      // bigint and numeric columns arrive as strings.
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n))
        throw new Error(`${column.name}: not a number: ${textOf(value).slice(0, 40)}`);
      return n;
    }
    case 'date':
      return toCalendarDate(textOf(value));
    case 'text':
      return textOf(value);
  }
}

/** A snapshot row as the positional values of `table.columns`. */
export function rowValues(
  table: ReplicaTable,
  row: Record<string, unknown>,
): (string | number | null)[] {
  return table.columns.map((c) => toSqlite(c, row[c.name]));
}
