// What the server re-checks of a station's sale or void before it touches a seat: the payload comes
// from a counter, but the staff it names and the money it claims are the server's to verify.
import { BoError } from '../../common/errors.js';
import {
  REFERENCE_LABELS,
  REFERENCE_REQUIRED,
  TENDER_LABELS,
  type CounterTender,
} from '../../common/tenders.js';
import type { Queryable } from '../services/tx.js';

/** The role a check needs: anyone of the cinema's staff, or a manager (a chain admin counts as both). */
export type StaffNeed = 'staff' | 'manager';

/**
 * Checks that `staffId` is an active staff member posted to the station's cinema (staff_cinemas), or
 * an admin of its chain, and has the role `need` asks for; BO_FORBIDDEN otherwise. `what` names the
 * person in the message. A chain admin may approve at any cinema of the chain here, on the server;
 * at a counter they never can, since no replica holds an admin's PIN hash.
 */
export async function checkStationStaff(
  db: Queryable,
  cinemaId: string,
  staffId: string | undefined,
  need: StaffNeed,
  what: string,
): Promise<void> {
  if (staffId === undefined)
    throw new BoError('BO_FORBIDDEN', `The ${what} is missing. Sign in again at the counter.`);
  const r = await db.query<{ role: string; active: boolean; here: boolean }>({
    name: 'station_staff_check',
    text: `SELECT s.role, s.active, (s.chain_id = c.chain_id AND (s.role = 'admin'
             OR EXISTS (SELECT 1 FROM staff_cinemas sc WHERE sc.staff_id = s.id AND sc.cinema_id = c.id))) AS here
           FROM staff s, cinemas c WHERE s.id = $1 AND c.id = $2`,
    values: [staffId, cinemaId],
  });
  const row = r.rows[0];
  if (row === undefined || !row.here)
    throw new BoError(
      'BO_FORBIDDEN',
      `The ${what} is not on this cinema's staff list. Sign in again with your own PIN.`,
    );
  if (!row.active)
    throw new BoError(
      'BO_FORBIDDEN',
      `The ${what} is no longer active at this cinema. Ask a manager who is on duty.`,
    );
  if (need === 'manager' && row.role !== 'manager' && row.role !== 'admin')
    throw new BoError(
      'BO_FORBIDDEN',
      `The ${what} is not a manager. A refund needs a manager's PIN at the counter.`,
    );
}

/** A tender as a counter sends it. */
type Tender = { tender: CounterTender; amountMinor: number; reference?: string | undefined };

/**
 * Checks a counter sale's money against the total the station charged: card, voucher and UPI never
 * exceed it, cash covers any change, and what was handed over less the change is exactly the total.
 * Returns the tenders net of change, as the sale's payments are recorded.
 */
export function checkCounterTenders(sale: {
  tenders: Tender[];
  changeMinor: number;
  expectedTotalMinor?: number | undefined;
}): Tender[] {
  const total = sale.expectedTotalMinor;
  if (total === undefined)
    throw new BoError(
      'BO_VALIDATION',
      'This sale does not say what the counter charged. Sell it again from the counter.',
    );
  if (sale.tenders.length === 0)
    throw new BoError(
      'BO_VALIDATION',
      'This sale does not say how it was paid. Take payment at the counter before selling.',
    );
  // A voucher without its code or a UPI payment without its reference cannot be traced or refunded.
  const untraced = sale.tenders.find(
    (t) => REFERENCE_REQUIRED.has(t.tender) && (t.reference ?? '').trim() === '',
  );
  if (untraced !== undefined)
    throw new BoError(
      'BO_VALIDATION',
      `The ${TENDER_LABELS[untraced.tender]} payment has no ${REFERENCE_LABELS[untraced.tender].toLowerCase()}. Take it again at the counter with its ${REFERENCE_LABELS[untraced.tender].toLowerCase()}.`,
    );
  const sum = (ts: Tender[]) => ts.reduce((a, t) => a + t.amountMinor, 0);
  const cash = sum(sale.tenders.filter((t) => t.tender === 'cash'));
  const other = sum(sale.tenders.filter((t) => t.tender !== 'cash'));
  if (other > total)
    throw new BoError(
      'BO_VALIDATION',
      'Card, voucher and UPI amounts come to more than the total; only cash gives change.',
    );
  if (sale.changeMinor > cash)
    throw new BoError('BO_VALIDATION', 'The change given is more than the cash taken.');
  if (cash + other - sale.changeMinor !== total)
    throw new BoError(
      'BO_VALIDATION',
      `The payments (${String(cash + other - sale.changeMinor)}) do not match what the counter charged (${String(total)}). Take payment again.`,
    );
  // The change comes out of the last cash tenders first.
  let change = sale.changeMinor;
  const net = [...sale.tenders].reverse().map((t) => {
    if (t.tender !== 'cash' || change === 0) return t;
    const off = Math.min(change, t.amountMinor);
    change -= off;
    return { ...t, amountMinor: t.amountMinor - off };
  });
  return net.reverse().filter((t) => t.tender !== 'cash' || t.amountMinor > 0);
}
