// The X- and Z-report of a till, computed from its events: totals, per tender, per staff member,
// ticket types, food and drink, taxes. A void or refund takes from the till it lands on.
import type { ZReport, ZReportStaff, ZReportTender } from '../../common/contract/station.js';
import { COUNTER_TENDERS } from '../../common/tenders.js';
import type { LocalDb } from './local-db.js';

/** A till row as the station stores it. */
export type TillRow = {
  id: string;
  staff_id: string;
  opened_at: number;
  closed_at: number | null;
  training: number;
  float: string;
  counted: string | null;
  closed_by: string | null;
  variance_approved_by: string | null;
  variance_note: string | null;
};

type EventRow = {
  kind: string;
  tender: string | null;
  amount_minor: number;
  order_id: string | null;
  staff_id: string | null;
  details: string | null;
};

/** What a sale, void or refund adds to (a void: takes from) the Z-report, kept with its till event. */
export type TillDetails = {
  taxes?: { name: string; amountMinor: number }[];
  ticketTypes?: { name: string; count: number; amountMinor: number }[];
  concessions?: { name: string; count: number; amountMinor: number }[];
};

type CountAmount = { count: number; amountMinor: number };
type Named = readonly { name: string; count: number; amountMinor: number }[] | undefined;

/** A staff member's name from the replica, for reports and messages. */
export function staffNameOf(db: LocalDb, id: string | null): string {
  if (id === null) return 'Unknown';
  return (
    (
      db.$client.prepare('SELECT name FROM staff WHERE id = ?').get(id) as
        { name: string } | undefined
    )?.name ?? 'Unknown'
  );
}

function addNamed(into: Map<string, CountAmount>, rows: Named, sign: number): void {
  for (const r of rows ?? []) {
    const cur = into.get(r.name) ?? { count: 0, amountMinor: 0 };
    into.set(r.name, {
      count: cur.count + sign * r.count,
      amountMinor: cur.amountMinor + sign * r.amountMinor,
    });
  }
}

function tenderLines(
  events: EventRow[],
  float: Record<string, number>,
  counted: Record<string, number> | null,
): ZReportTender[] {
  const of = (kinds: string[], tender: string) =>
    events.filter((e) => kinds.includes(e.kind) && e.tender === tender);
  const sum = (kinds: string[], tender: string) =>
    of(kinds, tender).reduce((a, e) => a + e.amount_minor, 0);
  return COUNTER_TENDERS.filter(
    (x) => x === 'cash' || events.some((e) => e.tender === x) || float[x] !== undefined,
  ).map((tender) => {
    const f = float[tender] ?? 0;
    const sales = sum(['sale'], tender);
    const refunds = sum(['refund', 'void'], tender);
    const drops = sum(['drop'], tender);
    const expected = f + sales - refunds - drops;
    const c = counted === null ? null : (counted[tender] ?? 0);
    return {
      tender,
      float: f,
      sales,
      salesCount: of(['sale'], tender).length,
      refunds,
      refundsCount: of(['refund', 'void'], tender).length,
      drops,
      expected,
      counted: c,
      difference: c === null ? null : c - expected,
    };
  });
}

function staffLines(db: LocalDb, events: EventRow[], owner: string): ZReportStaff[] {
  const by = new Map<string, ZReportStaff & { orders: Set<string> }>();
  const line = (id: string) => {
    let s = by.get(id);
    if (!s) {
      s = {
        staffId: id,
        name: staffNameOf(db, id),
        salesCount: 0,
        salesMinor: 0,
        voidsCount: 0,
        voidsMinor: 0,
        refundsCount: 0,
        refundsMinor: 0,
        orders: new Set(),
      };
      by.set(id, s);
    }
    return s;
  };
  line(owner);
  for (const e of events) {
    // Events written before tills named people belong to the till's owner.
    const s = line(e.staff_id ?? owner);
    if (e.kind === 'sale') {
      s.salesMinor += e.amount_minor;
      if (e.order_id !== null) s.orders.add(e.order_id);
    } else if (e.kind === 'void' || e.kind === 'refund') {
      const d = e.details === null ? {} : (JSON.parse(e.details) as TillDetails);
      const tickets = (d.ticketTypes ?? []).reduce((a, x) => a + x.count, 0);
      if (e.kind === 'void') {
        s.voidsCount += tickets;
        s.voidsMinor += e.amount_minor;
      } else {
        s.refundsCount += tickets;
        s.refundsMinor += e.amount_minor;
      }
    }
  }
  return [...by.values()].map(({ orders, ...s }) => ({ ...s, salesCount: orders.size }));
}

/** Builds the report of a till; `hideExpected` withholds expected amounts (a blind close in progress). */
export function buildTillReport(
  db: LocalDb,
  t: TillRow,
  currency: string,
  hideExpected: boolean,
): ZReport {
  const events = db.$client
    .prepare(
      'SELECT kind, tender, amount_minor, order_id, staff_id, details FROM till_events WHERE till_id = ? ORDER BY at',
    )
    .all(t.id) as EventRow[];
  const float = JSON.parse(t.float) as Record<string, number>;
  const counted = t.counted === null ? null : (JSON.parse(t.counted) as Record<string, number>);
  const perTender = tenderLines(events, float, counted);
  const byType = new Map<string, CountAmount>();
  const byItem = new Map<string, CountAmount>();
  const byTax = new Map<string, number>();
  const back = { void: { count: 0, amountMinor: 0 }, refund: { count: 0, amountMinor: 0 } };
  const seenDetails = new Set<string>();
  for (const e of events) {
    if (e.kind === 'void' || e.kind === 'refund') back[e.kind].amountMinor += e.amount_minor;
    if (e.details === null) continue;
    // A split-tender sale records its details once, on its first event; a sale voided in two
    // steps has two void events, and each counts.
    if (e.kind === 'sale') {
      if (seenDetails.has(e.order_id ?? '')) continue;
      seenDetails.add(e.order_id ?? '');
    }
    const d = JSON.parse(e.details) as TillDetails;
    const sign = e.kind === 'sale' ? 1 : -1;
    addNamed(byType, d.ticketTypes, sign);
    addNamed(byItem, d.concessions, sign);
    for (const tx of d.taxes ?? [])
      byTax.set(tx.name, (byTax.get(tx.name) ?? 0) + sign * tx.amountMinor);
    if (e.kind === 'void' || e.kind === 'refund')
      back[e.kind].count += (d.ticketTypes ?? []).reduce((a, x) => a + x.count, 0);
  }
  const orders = db.$client
    .prepare(
      "SELECT count(*) AS n, sum(discount_minor) AS discounts, min(sale_number) AS first, max(sale_number) AS last FROM orders WHERE id IN (SELECT order_id FROM till_events WHERE till_id = ? AND kind = 'sale')",
    )
    .get(t.id) as {
    n: number;
    discounts: number | null;
    first: number | null;
    last: number | null;
  };
  const gross = events.filter((e) => e.kind === 'sale').reduce((a, e) => a + e.amount_minor, 0);
  const hide = hideExpected && t.closed_at === null;
  const sumOf = (f: (p: ZReportTender) => number) => perTender.reduce((a, p) => a + f(p), 0);
  return {
    tillId: t.id,
    openedAt: new Date(t.opened_at).toISOString(),
    closedAt: t.closed_at === null ? null : new Date(t.closed_at).toISOString(),
    staffId: t.staff_id,
    staffName: staffNameOf(db, t.staff_id),
    training: t.training === 1,
    currency,
    totals: {
      grossMinor: gross,
      discountsMinor: orders.discounts ?? 0,
      voidsMinor: back.void.amountMinor,
      refundsMinor: back.refund.amountMinor,
      netMinor: gross - back.void.amountMinor - back.refund.amountMinor,
      floatMinor: sumOf((p) => p.float),
      dropsMinor: sumOf((p) => p.drops),
      expectedMinor: hide ? null : sumOf((p) => p.expected ?? 0),
      countedMinor: counted === null ? null : sumOf((p) => p.counted ?? 0),
    },
    perTender: hide
      ? perTender.map((p) => ({ ...p, expected: null, difference: null }))
      : perTender,
    perStaff: staffLines(db, events, t.staff_id),
    perTicketType: [...byType].map(([ticketType, v]) => ({ ticketType, ...v })),
    perConcession: [...byItem].map(([item, v]) => ({ item, ...v })),
    perItemClass: [
      {
        itemClass: 'ticket' as const,
        amountMinor: [...byType.values()].reduce((a, v) => a + v.amountMinor, 0),
      },
      {
        itemClass: 'concession' as const,
        amountMinor: [...byItem.values()].reduce((a, v) => a + v.amountMinor, 0),
      },
    ],
    taxes: [...byTax].map(([name, amountMinor]) => ({ name, amountMinor })),
    voids: back.void,
    refunds: back.refund,
    sales: {
      count: orders.n,
      amountMinor: gross,
      firstSaleNumber: orders.first,
      lastSaleNumber: orders.last,
    },
    blind: hide,
    closedByName: t.closed_by === null ? null : staffNameOf(db, t.closed_by),
    varianceApproval:
      t.variance_approved_by === null
        ? null
        : {
            approvedByName: staffNameOf(db, t.variance_approved_by),
            note: t.variance_note ?? '',
          },
  };
}
