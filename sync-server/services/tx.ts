// Transactions for seat arbitration: short, retried on deadlock/serialization failure, never leaked.
import type pg from 'pg';
import { BoError } from '../../common/errors.js';

export type Tx = pg.PoolClient;

/** A pool (each statement its own transaction) or a client inside a transaction. */
export type Queryable = pg.Pool | Tx;

// 55P03 is lock_timeout, set once per connection by openPg (db/pg/client.ts), not per transaction.
const RETRYABLE = new Set(['40001', '40P01', '55P03']);

function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** True when the error is PostgreSQL's unique-violation (23505). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (pgCode(e) !== '23505') return false;
  return (
    constraint === undefined ||
    (typeof e === 'object' && e !== null && 'constraint' in e && e.constraint === constraint)
  );
}

/**
 * Runs `fn` again, with jittered backoff, when it fails with a deadlock, serialization failure or
 * lock timeout; after `attempts` such failures it throws BO_UNAVAILABLE. `fn` must be atomic (one
 * statement or one whole transaction), so a retry never repeats half of something.
 */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const code = pgCode(e);
      if (code === undefined || !RETRYABLE.has(code)) throw e;
      if (attempt >= attempts)
        throw new BoError(
          'BO_UNAVAILABLE',
          'The seats are very busy right now; nothing was changed. Try again.',
        );
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

/**
 * Runs `fn` in one READ COMMITTED transaction. Deadlocks and serialization failures are retried
 * with jittered backoff so they never reach a client; a BoError rolls back and is rethrown as is.
 * The pool must come from openPg, whose connections carry lock_timeout.
 */
export async function withTx<T>(
  pool: pg.Pool,
  fn: (tx: Tx) => Promise<T>,
  attempts = 6,
): Promise<T> {
  return withRetry(async () => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      // A connection that cannot even roll back is not given back to the pool.
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }, attempts);
}
