// How the money of a void or refund goes back to the customer (DESIGN §7), computed once by the
// station and shown alike by the void dialog, the notice and the refund slip.
//
// The rule: money goes back the way it came. Each payment of the sale can give back at most what it
// took less what earlier voids of the same sale already gave back on it. A void of part of a sale is
// split across those payments in proportion to what is left on each (whole minor units, the odd
// units to the largest fractions, payment order breaking ties); the void that takes the last tickets
// gives back exactly what is left on each. Only an amount that no recorded payment covers (a sale the
// station holds without its tenders) goes back in cash.
import { allocate } from './money.js';
import { TENDER_LABELS, type CounterTender } from './tenders.js';

/** One payment of a sale as the split sees it. */
export type GiveBackSource = {
  tender: CounterTender;
  /** What this payment took, net of change. */
  paidMinor: number;
  /** What earlier voids and refunds of the sale gave back on this payment. */
  givenBackMinor: number;
  reference: string | null;
};

/** One line of what to give back, and how. */
export type GiveBackLine = {
  tender: CounterTender;
  amountMinor: number;
  /** The card, voucher or transfer reference of the payment it goes back to. */
  reference: string | null;
};

/** What the cashier does for each tender, in the cashier's words. */
export const GIVE_BACK_HOW: Record<CounterTender, string> = {
  cash: 'in cash from the drawer',
  card: 'back to the card on the terminal',
  voucher: 'as a re-issued voucher',
  electronic: 'back by UPI / wallet',
};

/** Splits `amountMinor` across the sale's payments by the rule above; lines of 0 are left out. */
export function splitGiveBack(
  amountMinor: number,
  sources: readonly GiveBackSource[],
): GiveBackLine[] {
  const left = sources.map((s) => Math.max(0, s.paidMinor - s.givenBackMinor));
  const leftTotal = left.reduce((a, x) => a + x, 0);
  const amounts = left.map(() => 0);
  let uncovered = 0;
  if (amountMinor >= leftTotal) {
    left.forEach((x, i) => (amounts[i] = x));
    uncovered = amountMinor - leftTotal;
  } else if (amountMinor > 0) {
    // Largest remainder never gives a share above its exact proportion rounded up, so none passes what is left.
    allocate(amountMinor, left).forEach((x, i) => (amounts[i] = x));
  }
  const lines: GiveBackLine[] = sources
    .map((s, i) => ({ tender: s.tender, amountMinor: amounts[i] ?? 0, reference: s.reference }))
    .filter((l) => l.amountMinor > 0);
  if (uncovered > 0) {
    const cash = lines.find((l) => l.tender === 'cash');
    if (cash) cash.amountMinor += uncovered;
    else lines.push({ tender: 'cash', amountMinor: uncovered, reference: null });
  }
  return lines;
}

/** One give-back line in words, with the amount already formatted: "500.00 back to the card (ref 1234)". */
export function giveBackText(line: GiveBackLine, amount: string): string {
  const ref = line.reference === null || line.reference === '' ? '' : ` (ref ${line.reference})`;
  return `${amount} ${GIVE_BACK_HOW[line.tender]}${ref}`;
}

/** The label of a line's tender, as receipts name it. */
export const giveBackLabel = (line: GiveBackLine): string => TENDER_LABELS[line.tender];
