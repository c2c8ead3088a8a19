// What a customer pays for one ticket, by the one pricing function (common/pricing.ts): every price
// screen shows this, so it agrees with the counter, the kiosk, the web and the receipt.
import { priceOrder, type TaxComponent } from '../../../../common/pricing.js';

/** The total of one ticket (added taxes included), or null when it cannot be priced. */
export function customerPays(
  basePriceMinor: number,
  formatBp: number,
  ticketTypeBp: number,
  taxes: readonly TaxComponent[],
  currency: string,
): number | null {
  const r = priceOrder(
    {
      currency,
      tickets: [
        { basePriceMinor, formatMultiplierBp: formatBp, ticketTypeMultiplierBp: ticketTypeBp },
      ],
      taxes: [...taxes],
    },
    new Date(0),
  );
  return r.ok ? r.value.totalMinor : null;
}

/** How the ticket taxes read beside a price: "incl. VAT 20 %" or "+ CGST 9 %, SGST 9 %". */
export function taxNote(taxes: readonly TaxComponent[]): string {
  const ticket = taxes.filter((t) => t.itemClass === 'ticket');
  const pct = (bp: number) => `${String(bp / 100)} %`;
  const incl = ticket.filter((t) => t.inclusive).map((t) => `${t.name} ${pct(t.rateBp)}`);
  const added = ticket.filter((t) => !t.inclusive).map((t) => `${t.name} ${pct(t.rateBp)}`);
  return [
    incl.length > 0 ? `incl. ${incl.join(', ')}` : '',
    added.length > 0 ? `with ${added.join(', ')} added` : '',
  ]
    .filter((x) => x !== '')
    .join('; ');
}

/** Basis points as a percentage for a table: 1800 → "18 %". */
export const pct = (bp: number): string => `${String(bp / 100)} %`;

/** A percentage typed in a field as basis points ("18" → 1800); empty is NaN, which the schema refuses. */
export const bpOf = (text: string): number =>
  text.trim() === '' ? Number.NaN : Math.round(Number(text) * 100);
