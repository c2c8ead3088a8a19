// Empties the central database's data tables so `demo:seed --force` can start over.
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { PgDb } from '../pg/client.js';
import * as schema from '../pg/schema.js';
import { DEMO_META_KEY } from './seed.js';

/** Every table of the schema except server_meta, whose other settings (keys, secrets) must survive. */
export function dataTableNames(): string[] {
  return Object.values(schema).flatMap((t) =>
    is(t, PgTable) && t !== schema.serverMeta ? [getTableName(t)] : [],
  );
}

/** Deletes all chain, schedule, sales and log data in one statement; destructive by design. */
export async function wipeDatabase(db: PgDb): Promise<void> {
  const tables = sql.join(
    dataTableNames().map((name) => sql.identifier(name)),
    sql`, `,
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
    await tx.delete(schema.serverMeta).where(sql`${schema.serverMeta.key} = ${DEMO_META_KEY}`);
  });
}
