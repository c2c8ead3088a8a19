// A fresh, migrated PostgreSQL database for one test file.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureDatabase, migratePg, openPg, type PgDb } from '../../db/pg/client.js';

/** Creates and migrates a new database; returns its URL and an open handle. */
export async function freshPg(): Promise<{ url: string; db: PgDb }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = openPg(url);
  await migratePg(db);
  return { url, db };
}
