// Column helpers shared by the SQLite schema files.
import { integer, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch, read as a Date. */
export const ts = () => integer({ mode: 'timestamp_ms' });
/** 0/1, read as a boolean. */
export const bool = () => integer({ mode: 'boolean' });
/** JSON text, read as T. */
export const json = <T>() => text({ mode: 'json' }).$type<T>();
