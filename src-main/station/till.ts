// Tills (DESIGN §7): open with a float, sales and refunds per tender, cash drops, close with counted
// against expected, Z-report. A training till's sales never count as revenue.
import { randomUUID } from 'node:crypto';
import type { StaffInfo, TillInfo, ZReport } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { COUNTER_TENDERS } from '../../common/tenders.js';
import type { LocalDb } from './local-db.js';

type TillRow = {
  id: string;
  staff_id: string;
  opened_at: number;
  closed_at: number | null;
  training: number;
  float: string;
  counted: string | null;
};
type EventRow = {
  kind: string;
  tender: string | null;
  amount_minor: number;
  order_id: string | null;
  details: string | null;
};
/** What a sale, void or refund adds to (a void: takes from) the Z-report, kept with its till event. */
export type TillDetails = {
  taxes?: { name: string; amountMinor: number }[];
  ticketTypes?: { name: string; count: number; amountMinor: number }[];
  concessions?: { name: string; count: number; amountMinor: number }[];
};
type CountAmount = { count: number; amountMinor: number };

const TENDERS = COUNTER_TENDERS;

/** Till operations on the station's SQLite. */
export function createTills(db: LocalDb, currency: () => string) {
  const staffName = (id: string) =>
    (
      db.$client.prepare('SELECT name FROM staff WHERE id = ?').get(id) as
        { name: string } | undefined
    )?.name ?? 'Unknown';
  const openRow = () =>
    db.$client
      .prepare('SELECT * FROM tills WHERE closed_at IS NULL ORDER BY opened_at DESC LIMIT 1')
      .get() as TillRow | undefined;
  const info = (t: TillRow | undefined): TillInfo =>
    t
      ? {
          id: t.id,
          openedAt: new Date(t.opened_at).toISOString(),
          staffName: staffName(t.staff_id),
          training: t.training === 1,
          float: JSON.parse(t.float) as Record<string, number>,
        }
      : null;
  const addEvent = db.$client.prepare(
    'INSERT INTO till_events (id, till_id, kind, tender, amount_minor, order_id, reference, details, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  return {
    /** The open till, or null. */
    current: (): TillInfo => info(openRow()),
    /** The open till's row id; BO_CONFLICT if none is open. */
    requireOpen(): { id: string; training: boolean } {
      const t = openRow();
      if (!t)
        throw new BoError(
          'BO_CONFLICT',
          'Open the till first (Till → Open, with the float in the drawer).',
        );
      return { id: t.id, training: t.training === 1 };
    },
    /** Opens a till with a float per tender. */
    open(
      staff: StaffInfo,
      float: Partial<Record<(typeof TENDERS)[number], number>>,
      training: boolean,
    ): TillInfo {
      if (openRow())
        throw new BoError('BO_CONFLICT', 'A till is open already on this station. Close it first.');
      const id = randomUUID();
      const now = Date.now();
      db.$client.transaction(() => {
        db.$client
          .prepare(
            'INSERT INTO tills (id, staff_id, opened_at, training, float) VALUES (?, ?, ?, ?, ?)',
          )
          .run(id, staff.id, now, training ? 1 : 0, JSON.stringify(float));
        addEvent.run(randomUUID(), id, 'open', 'cash', float.cash ?? 0, null, null, null, now);
      })();
      return info(openRow());
    },
    /** Records a money movement of a sale, refund or void in the open till (inside the caller's transaction). */
    record(
      tillId: string,
      kind: 'sale' | 'refund' | 'void',
      tender: string,
      amountMinor: number,
      orderId: string,
      details: TillDetails | null,
      reference?: string,
    ): void {
      addEvent.run(
        randomUUID(),
        tillId,
        kind,
        tender,
        amountMinor,
        orderId,
        reference ?? null,
        details ? JSON.stringify(details) : null,
        Date.now(),
      );
    },
    /** Records a cash drop. */
    drop(amountMinor: number, reference: string | undefined): TillInfo {
      const t = this.requireOpen();
      const report = this.report(t.id);
      const cash = report.perTender.find((p) => p.tender === 'cash');
      if (cash && amountMinor > cash.expected)
        throw new BoError(
          'BO_VALIDATION',
          'That is more cash than the drawer should hold. Count again.',
        );
      addEvent.run(
        randomUUID(),
        t.id,
        'drop',
        'cash',
        amountMinor,
        null,
        reference ?? null,
        null,
        Date.now(),
      );
      return info(openRow());
    },
    /** Closes the open till with counted amounts; returns its Z-report. */
    close(counted: Partial<Record<(typeof TENDERS)[number], number>>): ZReport {
      const t = this.requireOpen();
      db.$client
        .prepare('UPDATE tills SET closed_at = ?, counted = ? WHERE id = ?')
        .run(Date.now(), JSON.stringify(counted), t.id);
      return this.report(t.id);
    },
    /** The Z-report (or X-report while open) of a till; the open one by default. */
    report(tillId?: string): ZReport {
      const t =
        (tillId === undefined
          ? openRow()
          : (db.$client.prepare('SELECT * FROM tills WHERE id = ?').get(tillId) as
              TillRow | undefined)) ??
        (db.$client.prepare('SELECT * FROM tills ORDER BY opened_at DESC LIMIT 1').get() as
          TillRow | undefined);
      if (!t) throw new BoError('BO_NOT_FOUND', 'No till has been opened on this station yet.');
      const events = db.$client
        .prepare(
          'SELECT kind, tender, amount_minor, order_id, details FROM till_events WHERE till_id = ?',
        )
        .all(t.id) as EventRow[];
      const float = JSON.parse(t.float) as Record<string, number>;
      const counted = t.counted === null ? null : (JSON.parse(t.counted) as Record<string, number>);
      const sum = (kind: string, tender: string) =>
        events
          .filter((e) => e.kind === kind && e.tender === tender)
          .reduce((a, e) => a + e.amount_minor, 0);
      const countOf = (kinds: string[], tender: string) =>
        events.filter((e) => kinds.includes(e.kind) && e.tender === tender).length;
      const perTender = TENDERS.filter(
        (x) => x === 'cash' || events.some((e) => e.tender === x) || float[x] !== undefined,
      ).map((tender) => {
        const f = float[tender] ?? 0;
        const sales = sum('sale', tender);
        const refunds = sum('refund', tender) + sum('void', tender);
        const drops = sum('drop', tender);
        const expected = f + sales - refunds - drops;
        const c = counted === null ? null : (counted[tender] ?? 0);
        return {
          tender,
          float: f,
          sales,
          salesCount: countOf(['sale'], tender),
          refunds,
          refundsCount: countOf(['refund', 'void'], tender),
          drops,
          expected,
          counted: c,
          difference: c === null ? null : c - expected,
        };
      });
      const byType = new Map<string, CountAmount>();
      const byItem = new Map<string, CountAmount>();
      const add = (
        into: Map<string, CountAmount>,
        rows: readonly { name: string; count: number; amountMinor: number }[] | undefined,
        sign: number,
      ) => {
        for (const r of rows ?? []) {
          const cur = into.get(r.name) ?? { count: 0, amountMinor: 0 };
          into.set(r.name, {
            count: cur.count + sign * r.count,
            amountMinor: cur.amountMinor + sign * r.amountMinor,
          });
        }
      };
      const byTax = new Map<string, number>();
      const back = { void: { count: 0, amountMinor: 0 }, refund: { count: 0, amountMinor: 0 } };
      const seenDetails = new Set<string>();
      for (const e of events) {
        if (e.details === null) continue;
        // A split-tender sale records its details once, on its first event; a sale voided in two
        // steps has two void events, and each counts.
        if (e.kind === 'sale') {
          if (seenDetails.has(e.order_id ?? '')) continue;
          seenDetails.add(e.order_id ?? '');
        }
        const d = JSON.parse(e.details) as TillDetails;
        const sign = e.kind === 'sale' ? 1 : -1;
        add(byType, d.ticketTypes, sign);
        add(byItem, d.concessions, sign);
        for (const tx of d.taxes ?? [])
          byTax.set(tx.name, (byTax.get(tx.name) ?? 0) + sign * tx.amountMinor);
        if (e.kind === 'void' || e.kind === 'refund')
          back[e.kind].count += (d.ticketTypes ?? []).reduce((a, x) => a + x.count, 0);
      }
      for (const e of events)
        if (e.kind === 'void' || e.kind === 'refund') back[e.kind].amountMinor += e.amount_minor;
      const orders = db.$client
        .prepare(
          "SELECT count(*) AS n, sum(total_minor) AS total, min(sale_number) AS first, max(sale_number) AS last FROM orders WHERE id IN (SELECT order_id FROM till_events WHERE till_id = ? AND kind = 'sale')",
        )
        .get(t.id) as {
        n: number;
        total: number | null;
        first: number | null;
        last: number | null;
      };
      return {
        tillId: t.id,
        openedAt: new Date(t.opened_at).toISOString(),
        closedAt: t.closed_at === null ? null : new Date(t.closed_at).toISOString(),
        staffName: staffName(t.staff_id),
        training: t.training === 1,
        currency: currency(),
        perTender,
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
          amountMinor: orders.total ?? 0,
          firstSaleNumber: orders.first,
          lastSaleNumber: orders.last,
        },
      };
    },
  };
}

export type Tills = ReturnType<typeof createTills>;
