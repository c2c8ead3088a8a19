// Folds the report deltas the sales triggers wrote into report_daily (migration 0011), a batch per
// statement; reports read both, so this only keeps the deltas few. A busy server is caught up over
// a few runs rather than held in one.
import type { Queryable } from '../services/tx.js';

/** Rolls up pending deltas (at most `rounds` batches); returns how many daily rows it wrote or added to. */
export async function rollupReports(db: Queryable, batch = 50_000, rounds = 20): Promise<number> {
  let total = 0;
  for (let i = 0; i < rounds; i += 1) {
    const r = await db.query<{ n: number }>({
      name: 'report_rollup',
      text: 'SELECT report_rollup($1) AS n',
      values: [batch],
    });
    const n = r.rows[0]?.n ?? 0;
    if (n === 0) break;
    total += n;
  }
  return total;
}
