// PostgreSQL connection pool, drizzle handle and migrations for the sync server and tools.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema.js';

// A calendar date is not an instant: keep DATE columns as 'YYYY-MM-DD' instead of local-midnight Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** The folder of generated PostgreSQL migrations. */
export const pgMigrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

// Seat arbitration waits at most this long for a row lock, then retries or answers "busy" (tx.ts).
// Set once per connection as a startup option: a SET LOCAL in every transaction cost a round trip.
const LOCK_TIMEOUT_MS = 5000;

// The URL's own `options` parameter would override the pool's, so ours is appended to it there.
function withTimeouts(
  url: string,
  lockMs: number,
  statementMs: number,
): { connectionString: string; options: string } {
  const own = `-c lock_timeout=${String(lockMs)} -c statement_timeout=${String(statementMs)}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { connectionString: url, options: own };
  }
  const fromUrl = u.searchParams.get('options');
  if (fromUrl === null) return { connectionString: url, options: own };
  u.searchParams.set('options', `${fromUrl} ${own}`);
  return { connectionString: u.toString(), options: `${fromUrl} ${own}` };
}

/**
 * Opens a pool and a drizzle handle on it. Every connection gets lock_timeout (default 5 s) and
 * statement_timeout (default none); `acquireTimeoutMs` bounds the wait for a free connection
 * (default none). 0 turns any of them off. The server sets all three from its config.
 */
export function openPg(
  url: string,
  opts: {
    max?: number;
    lockTimeoutMs?: number;
    statementTimeoutMs?: number;
    acquireTimeoutMs?: number;
  } = {},
): PgDb {
  const pool = new pg.Pool({
    ...withTimeouts(url, opts.lockTimeoutMs ?? LOCK_TIMEOUT_MS, opts.statementTimeoutMs ?? 0),
    max: opts.max ?? 20,
    connectionTimeoutMillis: opts.acquireTimeoutMs ?? 0,
  });
  survivesLostConnections(pool);
  return drizzle(pool, { schema, casing: 'snake_case' });
}

/**
 * A pool whose server goes away (PostgreSQL restarted, a connection terminated) must not take the
 * process with it. An idle client's error reaches the pool's listener; a checked-out client between
 * two queries (a transaction waiting on other work, a snapshot being streamed) emits it on the client,
 * where with no listener Node throws it and the process dies. Every client gets a listener for its
 * whole life: the next query on it fails as usual, and the pool drops it when it is released.
 */
export function survivesLostConnections(pool: pg.Pool): void {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
}

/** Applies every pending migration; safe to run on every start. */
export async function migratePg(db: PgDb): Promise<void> {
  await migrate(db, { migrationsFolder: pgMigrationsFolder });
}

/** Creates a database if it does not exist, through the maintenance database at `adminUrl`. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
