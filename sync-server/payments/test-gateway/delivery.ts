// Delivering the test gateway's webhooks: rows of test_gateway_webhooks are claimed, signed, posted
// to the server's own webhook route, and marked delivered on a 2xx; anything else backs off.
import type pg from 'pg';
import type { GatewayEvent } from './ledger.js';

/**
 * The sweeper leaves a webhook this long past due to the payment that queued it, which delivers it
 * at once itself; taking it first would only make that buyer wait behind the sweeper's batch.
 */
const SWEEP_GRACE_SECONDS = 5;

/** Where a webhook goes: the server's own webhook route; resolves to its answer. */
export type Deliver = (
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body: string }>;

/** What delivering needs: the ledger, a signer, the route, and someone to tell of refusals. */
export type DeliveryDeps = {
  pool: pg.Pool;
  sign: (event: GatewayEvent) => Promise<{ body: string; headers: Record<string, string> }>;
  deliver: Deliver;
  warn: (message: string, details: Record<string, unknown>) => void;
};

/**
 * Makes the delivery loop: given row ids, delivers those that are due (a payment's own, at once);
 * given null, every row past due (the sweeper). Rows are claimed by moving them into the future
 * (backing off) under FOR UPDATE SKIP LOCKED, so another process skips them and no lock is held
 * while they are posted; a crash mid-delivery only delays them.
 */
export function createDelivery(deps: DeliveryDeps): (ids: number[] | null) => Promise<number> {
  const { pool } = deps;
  return async (ids) => {
    let accepted = 0;
    for (;;) {
      const r = await pool.query<{ id: number; payload: GatewayEvent }>({
        name: 'tg_claim_due',
        text: `UPDATE test_gateway_webhooks SET attempts = attempts + 1,
                 due_at = now() + make_interval(secs => LEAST(3600, 5 * power(2, attempts)))
               WHERE id IN (SELECT id FROM test_gateway_webhooks WHERE delivered_at IS NULL
                            AND ($1::bigint[] IS NULL AND due_at <= now() - make_interval(secs => $2)
                                 OR id = ANY($1::bigint[]) AND due_at <= now())
                            ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
               RETURNING id, payload`,
        values: [ids, SWEEP_GRACE_SECONDS],
      });
      if (r.rows.length === 0) return accepted;
      for (const row of r.rows.sort((a, b) => a.id - b.id)) {
        // The bank's later word: the intent becomes what the event it now sends says.
        if (row.payload.type === 'payment.succeeded')
          await pool.query({
            name: 'tg_settle_later',
            text: "UPDATE test_gateway_intents SET status = 'succeeded' WHERE id = $1 AND status = 'processing'",
            values: [row.payload.data.intentId],
          });
        const w = await deps.sign(row.payload);
        const answer = await deps
          .deliver(w.body, w.headers)
          .catch((e: unknown) => ({ status: 0, body: String(e) }));
        if (answer.status < 200 || answer.status >= 300)
          deps.warn('test gateway webhook not accepted; will retry', {
            eventId: row.payload.id,
            status: answer.status,
            body: answer.body.slice(0, 300),
          });
        else {
          accepted += 1;
          await pool.query({
            name: 'tg_delivered',
            text: 'UPDATE test_gateway_webhooks SET delivered_at = now() WHERE id = $1',
            values: [row.id],
          });
        }
      }
      if (ids !== null) return accepted;
    }
  };
}
