// Column helpers shared by the PostgreSQL schema files.
import { customType, timestamp } from 'drizzle-orm/pg-core';

/** A timestamptz column read as a Date. */
export const ts = (name?: string) =>
  name === undefined
    ? timestamp({ withTimezone: true, mode: 'date' })
    : timestamp(name, { withTimezone: true, mode: 'date' });

/** PostgreSQL's 64-bit transaction id, used so change-log readers never skip a late commit. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });
