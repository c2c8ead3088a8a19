// What each tender of a sale took and what voids of it already gave back, from the station's own
// records: the payments of the sale and the void and refund events of its tills.
import { splitGiveBack, type GiveBackLine, type GiveBackSource } from '../../common/give-back.js';
import { COUNTER_TENDERS, type CounterTender } from '../../common/tenders.js';
import type { LocalDb } from './local-db.js';

const isCounterTender = (t: string): t is CounterTender =>
  (COUNTER_TENDERS as readonly string[]).includes(t);

/** The sale's payments per tender (references joined), with what was given back on each so far. */
export function giveBackSources(db: LocalDb, orderId: string): GiveBackSource[] {
  const paid = db.$client
    .prepare(
      "SELECT tender, sum(amount_minor) AS paid, group_concat(reference, ', ') AS refs FROM payments WHERE order_id = ? GROUP BY tender ORDER BY min(rowid)",
    )
    .all(orderId) as { tender: string; paid: number; refs: string | null }[];
  const given = new Map(
    (
      db.$client
        .prepare(
          "SELECT tender, sum(amount_minor) AS given FROM till_events WHERE order_id = ? AND kind IN ('void', 'refund') GROUP BY tender",
        )
        .all(orderId) as { tender: string | null; given: number }[]
    ).map((g) => [g.tender, g.given]),
  );
  return paid
    .filter((p): p is typeof p & { tender: CounterTender } => isCounterTender(p.tender))
    .map((p) => ({
      tender: p.tender,
      paidMinor: p.paid,
      givenBackMinor: given.get(p.tender) ?? 0,
      reference: p.refs,
    }));
}

/** How `amountMinor` of this sale goes back now (common/give-back.ts has the rule). */
export function giveBackOf(db: LocalDb, orderId: string, amountMinor: number): GiveBackLine[] {
  return splitGiveBack(amountMinor, giveBackSources(db, orderId));
}
