// Food and drink in the basket: one line per item with − / + and remove, priced by the station's
// quote (discount and added taxes applied, like the tickets above them).
import type { Locale } from '../lib/format.js';
import { money } from '../lib/format.js';
import { foodPrice } from '../lib/food-price.js';
import { useCounter } from '../store/counter-store.js';

/** The basket's food lines, and a polite announcement of what they hold. */
export function ConcessionLines({ locale, currency }: { locale: Locale; currency: string }) {
  const items = useCounter((s) => s.concessionItems);
  const lines = useCounter((s) => s.concessionLines);
  const quote = useCounter((s) => s.quote);
  const taxes = useCounter((s) => s.map?.taxes);
  const changeConcession = useCounter((s) => s.changeConcession);
  const removeConcession = useCounter((s) => s.removeConcession);
  const byId = new Map(items.map((i) => [i.id, i]));
  const quoted = new Map(
    quote?.concessions.map((q) => [`${q.itemId}:${String(q.quantity)}`, q.totalMinor]) ?? [],
  );
  const m = (n: number) => money(n, locale, currency);
  const summary = lines
    .map((l) => `${String(l.quantity)} × ${byId.get(l.itemId)?.name ?? 'item'}`)
    .join(', ');

  // The live region stays in the page even when empty: one added later would not be announced.
  return (
    <>
      {lines.length > 0 && (
        <ul className="basket-lines food-lines" aria-label="Food and drink in the basket">
          {lines.map((l) => {
            const item = byId.get(l.itemId);
            const name = item?.name ?? 'Item';
            // The quote of this very quantity; until it arrives, the price with its taxes, as the menu shows it.
            const amount =
              quoted.get(`${l.itemId}:${String(l.quantity)}`) ??
              (item ? foodPrice(item, taxes, l.quantity) : undefined);
            return (
              <li key={l.itemId} className="food-line" data-item={name}>
                <span className="food-line-name" title={name}>
                  {name}
                </span>
                <span className="stepper" role="group" aria-label={`How many ${name}`}>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`One less ${name}`}
                    onClick={() => changeConcession(l.itemId, -1)}
                  >
                    −
                  </button>
                  <span className="food-qty" data-testid="food-qty">
                    {l.quantity}
                  </span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`One more ${name}`}
                    onClick={() => changeConcession(l.itemId, 1)}
                  >
                    +
                  </button>
                </span>
                <span className="amount">{amount === undefined ? '' : m(amount)}</span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${name}`}
                  onClick={() => removeConcession(l.itemId)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {lines.length === 0 ? '' : `Food and drink in the basket: ${summary}`}
      </p>
    </>
  );
}
