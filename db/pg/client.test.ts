// A lost PostgreSQL connection (the server restarted, the backend terminated) while a client is
// checked out between two queries must not kill the process: found by the chaos run, where a sync
// server died with "terminating connection due to administrator command" when PostgreSQL restarted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { openPg, type PgDb } from './client.js';

describe('openPg pools when a connection is lost', () => {
  let db: PgDb;
  let admin: PgDb;
  beforeAll(async () => {
    const fresh = await freshPg();
    admin = fresh.db;
    db = openPg(fresh.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$client.end();
    await admin.$client.end();
  });

  it('keeps the process alive, fails the next query on that client and serves from a new one', async () => {
    const client = await db.$client.connect();
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
      ?.pid;
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      // Checked out and idle, as in a transaction waiting on other work: the backend is terminated.
      // No listener of the test's own here: that would hide the very crash this is about.
      await admin.$client.query('SELECT pg_terminate_backend($1)', [pid]);
      for (let i = 0; i < 100; i++) {
        const r = await admin.$client.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
        if (r.rowCount === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      expect(uncaught).toEqual([]);
      const r = await db.$client.query<{ one: number }>('SELECT 1 AS one');
      expect(r.rows[0]?.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
