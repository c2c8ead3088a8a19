// What a cashier hands back when a sale with tenders already taken is abandoned: per tender, how.
import { TENDER_LABELS, type CounterTender } from '../../../common/tenders.js';

/** A tender taken on the sale in progress. */
export type TakenTender = { tender: CounterTender; amountMinor: number; reference?: string };

/** One thing to hand back, in the cashier's words, e.g. "Give back 100.00 cash". */
export type GiveBack = { tender: CounterTender; amountMinor: number; text: string };

/** The hand-back instructions for `taken`, one per tender line; `m` formats money. */
export function giveBackLines(
  taken: readonly TakenTender[],
  m: (minor: number) => string,
): GiveBack[] {
  return taken.map((t) => {
    const ref = t.reference === undefined || t.reference === '' ? '' : ` (ref ${t.reference})`;
    const amount = m(t.amountMinor);
    const text: Record<CounterTender, string> = {
      cash: `Give back ${amount} cash from the drawer`,
      card: `Reverse ${amount} on the card terminal${ref}`,
      voucher: `Hand back voucher ${t.reference ?? ''} (${amount})`,
      electronic: `Refund ${amount} by ${TENDER_LABELS.electronic}${ref}`,
    };
    return { tender: t.tender, amountMinor: t.amountMinor, text: text[t.tender] };
  });
}
