// Audit checks about station sales: offline sales accepted or in review with a reason, outboxes
// empty; every sale the run was told succeeded on the server once, with its tickets; every void
// applied.
import { auditRow, replicaRows, type AuditCheck, type AuditSources } from './audit-types.js';

type ReviewHit = { where: string; reason: string };

/** Review items with a reason on the station replicas, by the order id of their mutation. */
function reviewedOrders({ stations }: AuditSources): Map<string, ReviewHit> {
  const hits = new Map<string, ReviewHit>();
  for (const s of stations) {
    if (s.db === null) continue;
    const rows = replicaRows<{ order_id: string | null; code: string; message: string }>(
      s.db,
      "SELECT json_extract(payload, '$.orderId') AS order_id, code, message FROM review_items WHERE trim(message) <> ''",
    );
    for (const r of rows)
      if (r.order_id !== null)
        hits.set(r.order_id, { where: s.station.name, reason: `${r.code}: ${r.message}` });
  }
  return hits;
}

/**
 * Every offline sale of the ledger is on the server or in a review list with its reason; every
 * mutation the server rejected sits in its station's review list; every outbox is empty.
 */
export const offlineSalesSettled: AuditCheck = async (src) => {
  const { pool, stations, ledger } = src;
  const problems: string[] = [];
  const reviewed = reviewedOrders(src);
  const offline = ledger.sales.filter((s) => s.offline);
  const onServer = await pool.query<{ id: string }>(
    'SELECT id::text FROM orders WHERE id = ANY($1::uuid[])',
    [offline.map((s) => s.orderId)],
  );
  const there = new Set(onServer.rows.map((r) => r.id));
  let inReview = 0;
  for (const s of offline) {
    if (there.has(s.orderId)) continue;
    if (reviewed.has(s.orderId)) inReview++;
    else
      problems.push(`${s.station}: offline sale ${s.orderId} neither on the server nor in review`);
  }
  let left = 0;
  for (const st of stations) {
    if (st.db === null) {
      problems.push(`${st.station.name}: no replica to read the outbox and review list from`);
      continue;
    }
    const rows = replicaRows<{ id: string; kind: string; last_error: string | null }>(
      st.db,
      'SELECT id, kind, last_error FROM outbox ORDER BY seq',
    );
    left += rows.length;
    for (const r of rows)
      problems.push(
        `${st.station.name}: outbox still holds ${r.kind} ${r.id}${r.last_error === null ? '' : ` (${r.last_error})`}`,
      );
    // Whatever was ever in the outbox and was answered: an ack is on the server; a reject must
    // have reached the review list with its reason.
    const rejected = await pool.query<{ id: string; kind: string }>(
      "SELECT id::text, kind FROM applied_mutations WHERE station_id = $1 AND outcome = 'reject' ORDER BY applied_at",
      [st.station.id],
    );
    const review = new Set(
      replicaRows<{ id: string }>(
        st.db,
        "SELECT id FROM review_items WHERE trim(message) <> ''",
      ).map((r) => r.id),
    );
    for (const r of rejected.rows)
      if (!review.has(r.id))
        problems.push(
          `${st.station.name}: rejected ${r.kind} ${r.id} missing from its review list`,
        );
  }
  return auditRow(
    'offline sales accepted or in review',
    'every offline sale on the server or in review; outboxes empty',
    `${String(offline.length - inReview)} accepted, ${String(inReview)} in review, ${String(left)} left in outboxes`,
    problems,
  );
};

/** Each sale the run was told succeeded is one order on the server with exactly its tickets and total. */
export const acknowledgedSales: AuditCheck = async (src) => {
  const { pool, stations, ledger } = src;
  const reviewed = reviewedOrders(src);
  const stationIds = new Map(stations.map((s) => [s.station.name, s.station.id]));
  const orders = await pool.query<{
    id: string;
    station_id: string | null;
    total_minor: number;
    tickets: string[] | null;
  }>(
    `SELECT o.id::text, o.station_id::text, o.total_minor,
            (SELECT array_agg(t.id::text ORDER BY t.id) FROM tickets t WHERE t.order_id = o.id) AS tickets
     FROM orders o WHERE o.id = ANY($1::uuid[])`,
    [ledger.sales.map((s) => s.orderId)],
  );
  const byId = new Map(orders.rows.map((o) => [o.id, o]));
  const problems: string[] = [];
  const seen = new Set<string>();
  let present = 0;
  for (const s of ledger.sales) {
    if (seen.has(s.orderId)) problems.push(`${s.station}: sale ${s.orderId} acknowledged twice`);
    seen.add(s.orderId);
    const o = byId.get(s.orderId);
    if (o === undefined) {
      // An offline sale the server refused is accounted for by its review item (the row above).
      if (!(s.offline && reviewed.has(s.orderId)))
        problems.push(`${s.station}: acknowledged sale ${s.orderId} is not on the server`);
      continue;
    }
    present++;
    const want = [...s.ticketIds].sort();
    const got = o.tickets ?? [];
    if (want.join(',') !== got.join(','))
      problems.push(
        `${s.station}: sale ${s.orderId} has tickets ${got.join(',') || 'none'}, told ${want.join(',')}`,
      );
    if (o.total_minor !== s.totalMinor)
      problems.push(
        `${s.station}: sale ${s.orderId} totals ${String(o.total_minor)}, told ${String(s.totalMinor)}`,
      );
    const stationId = stationIds.get(s.station);
    if (stationId !== undefined && o.station_id !== stationId)
      problems.push(
        `${s.station}: sale ${s.orderId} is recorded for station ${o.station_id ?? 'none'}`,
      );
  }
  return auditRow(
    'acknowledged sales present once',
    `${String(ledger.sales.length)} orders`,
    `${String(present)} on the server`,
    problems,
  );
};

/** Each void the run was told succeeded left its tickets void (or refunded) on the server. */
export const acknowledgedVoids: AuditCheck = async (src) => {
  const { pool, ledger } = src;
  // A void of a sale the server refused (it is in the review list) has nothing to void there.
  const reviewed = reviewedOrders(src);
  const ids = ledger.voids.flatMap((v) => v.ticketIds);
  const rows = await pool.query<{ id: string; order_id: string; status: string }>(
    'SELECT id::text, order_id::text, status FROM tickets WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const v of ledger.voids)
    for (const t of v.ticketIds) {
      const row = byId.get(t);
      if (row === undefined) {
        if (!reviewed.has(v.orderId))
          problems.push(
            `${v.station}: voided ticket ${t} is not on the server, nor its sale in review`,
          );
      } else if (row.order_id !== v.orderId)
        problems.push(`${v.station}: voided ticket ${t} belongs to order ${row.order_id}`);
      else if (row.status !== 'void' && row.status !== 'refunded')
        problems.push(`${v.station}: voided ticket ${t} of ${v.orderId} is ${row.status}`);
    }
  return auditRow(
    'acknowledged voids applied',
    `${String(ids.length)} tickets void`,
    `${String(ids.length - problems.length)} void`,
    problems,
  );
};
