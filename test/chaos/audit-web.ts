// Audit checks about online money: each paid booking paid exactly once, each refund present once,
// and the provider-side money (payments less refunds) equal to what the bookings are worth.
import { auditRow, type AuditCheck } from './audit-types.js';

/** Refunds the system makes on its own to give back a payment that should not have been taken. */
const SYSTEM_REFUNDS = ['late_payment', 'duplicate_payment'];

/** Each booking the gateway said was paid has exactly one succeeded payment and is confirmed (or since cancelled). */
export const paymentsOnce: AuditCheck = async ({ pool, ledger }) => {
  const rows = await pool.query<{
    id: string;
    status: string | null;
    paid: number;
  }>(
    `SELECT x.id::text, b.status,
            (SELECT count(*)::int FROM booking_payments p
               WHERE p.booking_id = x.id AND p.status = 'succeeded'
                 AND NOT EXISTS (SELECT 1 FROM booking_refunds r WHERE r.payment_id = p.id
                                   AND r.reason = 'duplicate_payment' AND r.status = 'succeeded')) AS paid
     FROM unnest($1::uuid[]) AS x(id) LEFT JOIN bookings b ON b.id = x.id`,
    [ledger.bookings.map((b) => b.bookingId)],
  );
  const problems: string[] = [];
  for (const r of rows.rows) {
    if (r.status === null) problems.push(`booking ${r.id} is not on the server`);
    else if (r.paid !== 1)
      problems.push(`booking ${r.id} has ${String(r.paid)} succeeded payments`);
    else if (r.status !== 'confirmed' && r.status !== 'cancelled')
      problems.push(`booking ${r.id} is ${r.status} although paid`);
  }
  return auditRow(
    'payments present once',
    `${String(ledger.bookings.length)} bookings paid once`,
    `${String(ledger.bookings.length - problems.length)} paid once`,
    problems,
  );
};

/**
 * Each refund the API answered is recorded once, succeeded, for its amount; and a booking has no
 * more asked-for refunds than the run was answered for.
 */
export const refundsOnce: AuditCheck = async ({ pool, ledger }) => {
  const problems: string[] = [];
  const rows = await pool.query<{
    id: string;
    booking_id: string;
    amount_minor: number;
    status: string;
  }>(
    'SELECT id::text, booking_id::text, amount_minor, status FROM booking_refunds WHERE id = ANY($1::uuid[])',
    [ledger.refunds.map((r) => r.refundId)],
  );
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  for (const l of ledger.refunds) {
    const r = byId.get(l.refundId);
    if (r === undefined) problems.push(`refund ${l.refundId} of booking ${l.bookingId} is missing`);
    else if (r.booking_id !== l.bookingId || r.amount_minor !== l.amountMinor)
      problems.push(
        `refund ${l.refundId}: ${String(r.amount_minor)} for booking ${r.booking_id}, answered ${String(l.amountMinor)} for ${l.bookingId}`,
      );
    else if (r.status !== 'succeeded') problems.push(`refund ${l.refundId} is ${r.status}`);
  }
  const bookings = [...new Set(ledger.refunds.map((r) => r.bookingId))];
  const counts = await pool.query<{ booking_id: string; n: number; ids: string }>(
    `SELECT booking_id::text, count(*)::int AS n, string_agg(id::text, ',' ORDER BY id) AS ids
     FROM booking_refunds
     WHERE booking_id = ANY($1::uuid[]) AND status <> 'failed' AND reason <> ALL($2::text[])
     GROUP BY booking_id`,
    [bookings, SYSTEM_REFUNDS],
  );
  for (const c of counts.rows) {
    const answered = ledger.refunds.filter((r) => r.bookingId === c.booking_id).length;
    if (c.n !== answered)
      problems.push(
        `booking ${c.booking_id} has ${String(c.n)} refunds (${c.ids}), ${String(answered)} answered`,
      );
  }
  return auditRow(
    'refunds present once',
    `${String(ledger.refunds.length)} refunds`,
    `${String(rows.rows.length)} found, ${String(counts.rows.reduce((n, c) => n + c.n, 0))} recorded for those bookings`,
    problems,
  );
};

/**
 * Per currency: succeeded payments − succeeded refunds (the provider's side) = totals of the paid
 * web bookings − what their payments record as given back (the bookings' side), to the minor unit.
 */
export const webMoney: AuditCheck = async ({ pool }) => {
  const r = await pool.query<{ currency: string; provider: string; bookings: string }>(
    `WITH paid AS (
       SELECT p.currency, sum(p.amount_minor) AS amount FROM booking_payments p
       WHERE p.status = 'succeeded' GROUP BY p.currency),
     refunded AS (
       SELECT currency, sum(amount_minor) AS amount FROM booking_refunds
       WHERE status = 'succeeded' GROUP BY currency),
     worth AS (
       SELECT b.currency, sum(b.total_minor) AS amount FROM bookings b
       WHERE EXISTS (SELECT 1 FROM booking_payments p WHERE p.booking_id = b.id AND p.status = 'succeeded'
         AND NOT EXISTS (SELECT 1 FROM booking_refunds x WHERE x.payment_id = p.id
           AND x.reason = ANY($1::text[]) AND x.status = 'succeeded'))
       GROUP BY b.currency),
     given_back AS (
       SELECT currency, sum(refunded_minor) AS amount FROM booking_payments
       WHERE status = 'succeeded' GROUP BY currency),
     -- A payment taken twice or too late is given back whole: it is worth nothing to a booking.
     extra AS (
       SELECT p.currency, sum(p.amount_minor) AS amount FROM booking_payments p
       WHERE p.status = 'succeeded' AND EXISTS (SELECT 1 FROM booking_refunds x WHERE x.payment_id = p.id
         AND x.reason = ANY($1::text[]) AND x.status = 'succeeded')
       GROUP BY p.currency),
     currencies AS (SELECT currency FROM paid UNION SELECT currency FROM worth)
     SELECT c.currency,
            (coalesce(paid.amount, 0) - coalesce(refunded.amount, 0))::text AS provider,
            (coalesce(worth.amount, 0) + coalesce(extra.amount, 0) - coalesce(given_back.amount, 0))::text AS bookings
     FROM currencies c
     LEFT JOIN paid USING (currency) LEFT JOIN refunded USING (currency) LEFT JOIN worth USING (currency)
     LEFT JOIN given_back USING (currency) LEFT JOIN extra USING (currency)
     ORDER BY c.currency`,
    [SYSTEM_REFUNDS],
  );
  const problems = r.rows
    .filter((x) => x.provider !== x.bookings)
    .map(
      (x) =>
        `${x.currency}: payments − refunds ${x.provider}, bookings − refunded ${x.bookings} (off by ${String(Number(x.provider) - Number(x.bookings))})`,
    );
  return auditRow(
    'payments − refunds = web bookings',
    r.rows.map((x) => `${x.currency} ${x.bookings}`).join(', ') || 'nothing',
    r.rows.map((x) => `${x.currency} ${x.provider}`).join(', ') || 'nothing',
    problems,
  );
};
