// Transactions for seat arbitration: short, retried on deadlock/serialization failure, never leaked.
import type pg from 'pg';
import { BoError } from '../../common/errors.js';

export type Tx = pg.PoolClient;

const RETRYABLE = new Set(['40001', '40P01', '55P03']);

function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** True when the error is PostgreSQL's unique-violation (23505). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (pgCode(e) !== '23505') return false;
  return constraint === undefined || (typeof e === 'object' && e !== null && 'constraint' in e && e.constraint === constraint);
}

/**
 * Runs `fn` in one READ COMMITTED transaction. Deadlocks and serialization failures are retried
 * with jittered backoff so they never reach a client; a BoError rolls back and is rethrown as is.
 */
export async function withTx<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let released = false;
    try {
      await client.query('BEGIN');
      await client.query("SET LOCAL lock_timeout = '5s'");
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = pgCode(e);
      if (code !== undefined && RETRYABLE.has(code) && attempt < attempts) {
        client.release();
        released = true;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        continue;
      }
      if (code !== undefined && RETRYABLE.has(code)) {
        throw new BoError('BO_UNAVAILABLE', 'The seats are very busy right now; nothing was changed. Try again.');
      }
      throw e;
    } finally {
      if (!released) client.release();
    }
  }
}
