// Audit checks about what happened at the stations: admissions once, every ticket on paper exactly
// once (copies marked REPRINT), and every closed till's expected money equal to its orders.
import { z } from 'zod';
import {
  auditRow,
  replicaRows,
  type AuditCheck,
  type AuditSources,
  type StationState,
} from './audit-types.js';

/** One admission per ticket; a second door's admission only as a conflict pointing at the first. */
export const admissionsOnce: AuditCheck = async ({ pool, stations, ledger }) => {
  const stationIds = new Map(stations.map((s) => [s.station.name, s.station.id]));
  const rows = await pool.query<{
    id: string;
    ticket_id: string;
    station_id: string;
    first_id: string | null;
  }>(
    `SELECT id::text, ticket_id::text, station_id::text, first_id::text FROM admissions
     WHERE ticket_id = ANY($1::uuid[])
        OR ticket_id IN (SELECT ticket_id FROM admissions WHERE first_id IS NULL
                         GROUP BY ticket_id HAVING count(*) > 1)`,
    [ledger.admissions.map((a) => a.ticketId)],
  );
  const byTicket = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r]);
  const problems: string[] = [];
  for (const [ticket, rs] of byTicket) {
    const firsts = rs.filter((r) => r.first_id === null);
    if (firsts.length !== 1)
      problems.push(`ticket ${ticket} has ${String(firsts.length)} first admissions`);
    for (const c of rs)
      if (c.first_id !== null && !firsts.some((f) => f.id === c.first_id))
        problems.push(`ticket ${ticket}: conflict ${c.id} points at ${c.first_id}, not the first`);
  }
  for (const a of ledger.admissions) {
    const here = (byTicket.get(a.ticketId) ?? []).filter(
      (r) => r.station_id === stationIds.get(a.station),
    );
    if (here.length !== 1)
      problems.push(
        `${a.station}: ticket ${a.ticketId} admitted there ${String(here.length)} times on the server`,
      );
  }
  return auditRow(
    'admissions present once',
    `${String(ledger.admissions.length)} admissions, one first per ticket`,
    `${String(rows.rows.length)} rows for ${String(byTicket.size)} tickets`,
    problems,
  );
};

const queuedTicket = z.object({ ticketId: z.string() });

/** Ticket ids a station's print queue was asked to print (first prints, not copies). */
function queuedTickets(db: StationState['db']): string[] {
  if (db === null) return [];
  return replicaRows<{ payload: string }>(
    db,
    "SELECT payload FROM print_jobs WHERE kind = 'ticket' AND reprint = 0",
  ).flatMap(({ payload }) => {
    const p: unknown = JSON.parse(payload);
    // A ticket job carries one sale's tickets, or one ticket (print-queue-layout.ts).
    const list: unknown[] = Array.isArray(p) ? (p as unknown[]) : [p];
    return list.flatMap((t) => {
      const parsed = queuedTicket.safeParse(t);
      return parsed.success ? [parsed.data.ticketId] : [];
    });
  });
}

/** Every ticket a station sold or was asked to print is on its paper exactly once unmarked. */
export const ticketsPrintedOnce: AuditCheck = async ({ pool, stations }) => {
  const problems: string[] = [];
  let expectedN = 0;
  let printedN = 0;
  for (const s of stations) {
    if (s.printed === null) continue;
    const name = s.station.name;
    problems.push(...s.paperProblems.map((p) => `${name}: ${p}`));
    const sold = await pool.query<{ id: string }>(
      'SELECT t.id::text FROM tickets t JOIN orders o ON o.id = t.order_id WHERE o.station_id = $1',
      [s.station.id],
    );
    // A late sale (completed on the server after the counter gave up) prints nothing until a
    // manager settles it from the review list: its tickets are not owed to the paper yet.
    const late = new Set(
      s.db === null
        ? []
        : replicaRows<{ id: string }>(
            s.db,
            "SELECT t.id FROM tickets t JOIN review_items r ON json_extract(r.payload, '$.orderId') = t.order_id WHERE r.code = 'BO_LATE_SALE'",
          ).map((r) => r.id),
    );
    const expected = new Set(
      [...sold.rows.map((r) => r.id), ...queuedTickets(s.db)].filter((t) => !late.has(t)),
    );
    expectedN += expected.size;
    const firsts = new Map<string, string[]>();
    for (const p of s.printed) {
      if (!expected.has(p.ticketId))
        problems.push(`${name}: job ${p.job} printed ticket ${p.ticketId}, not sold here`);
      if (!p.reprint) firsts.set(p.ticketId, [...(firsts.get(p.ticketId) ?? []), p.job]);
    }
    printedN += s.printed.length;
    for (const t of expected) {
      const jobs = firsts.get(t) ?? [];
      if (jobs.length === 0) problems.push(`${name}: ticket ${t} never printed`);
      else if (jobs.length > 1)
        problems.push(`${name}: ticket ${t} printed unmarked in jobs ${jobs.join(', ')}`);
    }
    if (s.db !== null)
      for (const j of replicaRows<{ id: string; kind: string; status: string }>(
        s.db,
        "SELECT id, kind, status FROM print_jobs WHERE status <> 'printed' ORDER BY seq",
      ))
        problems.push(`${name}: ${j.kind} job ${j.id} still ${j.status}`);
  }
  return auditRow(
    'tickets printed exactly once',
    `${String(expectedN)} tickets, each in one unmarked job`,
    `${String(printedN)} tickets on paper`,
    problems,
  );
};

/** Orders of the sales in a station's review list (refused after the fact, or completed late). */
function reviewedOrders(db: NonNullable<StationState['db']>): Set<string> {
  return new Set(
    replicaRows<{ order_id: string | null }>(
      db,
      "SELECT json_extract(payload, '$.orderId') AS order_id FROM review_items WHERE kind = 'sell'",
    )
      .map((r) => r.order_id)
      .filter((id): id is string => id !== null),
  );
}

type TillRow = {
  id: string;
  station_id: string;
  float: Record<string, number>;
  z_report: { perTender?: { tender: string; expected: number }[] } | null;
};

/** Per tender: float + the till's orders' payments − its voids and refunds − its drops. */
async function tillProblems(src: AuditSources, till: TillRow, st: StationState): Promise<string[]> {
  const name = st.station.name;
  if (st.db === null) return [`${name}: till ${till.id} has no replica to read its events from`];
  const events = replicaRows<{
    kind: string;
    tender: string | null;
    amount_minor: number;
    order_id: string | null;
  }>(
    st.db,
    'SELECT kind, tender, amount_minor, order_id FROM till_events WHERE till_id = ?',
    till.id,
  );
  const orderIds = [
    ...new Set(
      events.filter((e) => e.kind === 'sale' && e.order_id !== null).map((e) => e.order_id),
    ),
  ];
  const paid = await src.pool.query<{ tender: string; amount: string }>(
    `SELECT tender, sum(amount_minor)::text AS amount FROM payments
     WHERE order_id = ANY($1::uuid[]) AND status = 'succeeded' GROUP BY tender`,
    [orderIds],
  );
  const drops = await src.pool.query<{ tender: string; amount: string }>(
    'SELECT tender, sum(amount_minor)::text AS amount FROM till_drops WHERE till_id = $1 GROUP BY tender',
    [till.id],
  );
  const computed = new Map<string, number>(Object.entries(till.float));
  const add = (tender: string, n: number) => computed.set(tender, (computed.get(tender) ?? 0) + n);
  for (const p of paid.rows) add(p.tender, Number(p.amount));
  // A sale the server refused after the money was taken (an offline or unanswered sale) is still in
  // the drawer: it waits in the station's review list for a manager to settle.
  const onServer = await src.pool.query<{ id: string }>(
    'SELECT id::text FROM orders WHERE id = ANY($1::uuid[])',
    [orderIds],
  );
  const known = new Set(onServer.rows.map((o) => o.id));
  const inReview = reviewedOrders(st.db);
  for (const e of events)
    if (
      e.kind === 'sale' &&
      e.tender !== null &&
      e.order_id !== null &&
      !known.has(e.order_id) &&
      inReview.has(e.order_id)
    )
      add(e.tender, e.amount_minor);
  for (const d of drops.rows) add(d.tender, -Number(d.amount));
  for (const e of events)
    if ((e.kind === 'void' || e.kind === 'refund') && e.tender !== null)
      add(e.tender, -e.amount_minor);
  // The replica's own expected, from its events as its X/Z-report counts them (till-report.ts).
  const replica = new Map<string, number>(Object.entries(till.float));
  const sign: Record<string, number> = { sale: 1, void: -1, refund: -1, drop: -1 };
  for (const e of events)
    if (e.tender !== null && sign[e.kind] !== undefined)
      replica.set(e.tender, (replica.get(e.tender) ?? 0) + (sign[e.kind] ?? 0) * e.amount_minor);
  const reported = new Map((till.z_report?.perTender ?? []).map((t) => [t.tender, t.expected]));
  const problems: string[] = [];
  if (till.z_report === null) problems.push(`${name}: closed till ${till.id} uploaded no Z-report`);
  for (const tender of new Set([...computed.keys(), ...reported.keys(), ...replica.keys()])) {
    const want = computed.get(tender) ?? 0;
    const got = reported.get(tender) ?? 0;
    const local = replica.get(tender) ?? 0;
    if (want !== got || want !== local)
      problems.push(
        `${name}: till ${till.id} ${tender} expected ${String(got)} (server), ${String(local)} (replica); its orders make ${String(want)}`,
      );
  }
  return problems;
}

/** Every closed till's expected per tender equals what its orders, voids, refunds and drops make. */
export const tillsReconcile: AuditCheck = async (src) => {
  const tills = await src.pool.query<TillRow>(
    'SELECT id::text, station_id::text, float, z_report FROM tills WHERE closed_at IS NOT NULL ORDER BY opened_at',
  );
  const problems: string[] = [];
  for (const till of tills.rows) {
    const st = src.stations.find((s) => s.station.id === till.station_id);
    if (st !== undefined) problems.push(...(await tillProblems(src, till, st)));
  }
  const closed = new Set(tills.rows.map((t) => t.id));
  for (const st of src.stations) {
    if (st.db === null) continue;
    for (const t of replicaRows<{ id: string }>(
      st.db,
      'SELECT id FROM tills WHERE closed_at IS NOT NULL',
    ))
      if (!closed.has(t.id))
        problems.push(`${st.station.name}: closed till ${t.id} is not closed on the server`);
    // Every counter order of the station was taken on one of its tills.
    const onTills = new Set(
      replicaRows<{ order_id: string }>(
        st.db,
        "SELECT order_id FROM till_events WHERE kind = 'sale' AND order_id IS NOT NULL",
      ).map((e) => e.order_id),
    );
    const counter = await src.pool.query<{ id: string }>(
      "SELECT id::text FROM orders WHERE station_id = $1 AND channel = 'counter'",
      [st.station.id],
    );
    // A late sale (the server completed it after the counter stopped waiting) took no money: it is
    // on no till, and in the review list for a manager to collect payment or void.
    const reviewed = reviewedOrders(st.db);
    for (const o of counter.rows)
      if (!onTills.has(o.id) && !reviewed.has(o.id))
        problems.push(`${st.station.name}: counter order ${o.id} on no till and not in review`);
  }
  return auditRow(
    'till counts = counter orders',
    'expected per tender = float + orders − voids/refunds − drops',
    `${String(tills.rows.length)} closed tills`,
    problems,
  );
};
