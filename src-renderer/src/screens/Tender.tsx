// Payment. Cash: type what the customer hands over (Enter with nothing typed = exact) and the change
// shows; card: the terminal's reference. Part payments add up to a split tender.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { parseMoney } from '../../../common/money.js';
import { TENDER_LABELS } from '../../../common/tenders.js';
import { localeOf, money } from '../lib/format.js';
import { quickCash } from '../lib/quick-cash.js';
import { useCounter } from '../store/counter-store.js';
import { sumTenders, type TenderKind } from '../store/tender-slice.js';

const NAMES: Record<TenderKind, string> = TENDER_LABELS;

/** The tender screen. */
export function Tender() {
  const map = useCounter((s) => s.map);
  const lines = useCounter((s) => s.lines);
  const food = useCounter((s) => s.concessionLines);
  const menu = useCounter((s) => s.concessionItems);
  const quote = useCounter((s) => s.quote);
  const mode = useCounter((s) => s.tenderMode);
  const tenders = useCounter((s) => s.tenders);
  const selling = useCounter((s) => s.selling);
  const takeTender = useCounter((s) => s.takeTender);
  const removeTender = useCounter((s) => s.removeTender);
  const startTender = useCounter((s) => s.startTender);
  const notify = useCounter((s) => s.notify);
  const cinema = useCounter((s) => s.status?.cinema);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const amountInput = useRef<HTMLInputElement>(null);
  const l = localeOf(cinema, map?.currency);
  const currency = map?.currency ?? l.currency;
  const m = (n: number) => money(n, l, currency);
  const total = quote?.totalMinor ?? null;
  const due = total === null ? null : Math.max(0, total - sumTenders(tenders));
  const typed = amount.trim() === '' ? null : parseMoney(amount, currency);
  const change = mode === 'cash' && due !== null && typed !== null && typed > due ? typed - due : 0;

  useEffect(() => {
    amountInput.current?.focus();
    setAmount('');
    setReference('');
  }, [mode, tenders.length]);

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (selling) return;
    if (amount.trim() !== '' && typed === null) {
      notify(
        'error',
        `“${amount}” is not an amount. Type digits (e.g. 500 or 12.50) without the currency sign, or leave it empty for the exact amount.`,
      );
      return;
    }
    // Nothing typed means the exact amount due, even if the price is still on its way.
    void takeTender({
      tender: mode,
      amountMinor: typed,
      ...(mode === 'card' && reference.trim() !== '' ? { reference: reference.trim() } : {}),
    });
  };

  if (!map) return null;
  const seatLabels = new Map(map.seats.map((s) => [s.id, s.label]));
  const typeNames = new Map(map.ticketTypes.map((t) => [t.id, t.name]));
  const itemNames = new Map(menu.map((i) => [i.id, i.name]));
  return (
    <main className="tender" aria-labelledby="tender-h" aria-busy={selling}>
      <section className="tender-summary" aria-label="Order">
        <h2 id="tender-h">Payment</h2>
        <p className="show-facts">
          {map.show.movieTitle} · {map.show.localTime} · {map.show.screenName}
        </p>
        <ul className="summary-lines">
          {lines.map((x) => (
            <li key={x.seatId}>
              <span>{seatLabels.get(x.seatId)}</span> <span>{typeNames.get(x.ticketTypeId)}</span>
              <span className="amount">
                {m(quote?.lines.find((q) => q.seatId === x.seatId)?.priceMinor ?? 0)}
              </span>
            </li>
          ))}
          {food.map((f) => (
            <li key={f.itemId}>
              <span>{f.quantity} ×</span> <span>{itemNames.get(f.itemId)}</span>
              <span className="amount">
                {m(quote?.concessions.find((q) => q.itemId === f.itemId)?.totalMinor ?? 0)}
              </span>
            </li>
          ))}
        </ul>
        <p className="big-total">
          Total <strong data-testid="tender-total">{total === null ? '…' : m(total)}</strong>
        </p>
        {tenders.length > 0 && (
          <ul className="tender-lines" aria-label="Taken so far">
            {tenders.map((t, i) => (
              <li key={`${t.tender}-${String(i)}`}>
                {NAMES[t.tender]} {m(t.amountMinor)}
                {t.reference !== undefined ? ` (ref ${t.reference})` : ''}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${NAMES[t.tender]} ${m(t.amountMinor)}`}
                  onClick={() => removeTender(i)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="tender-panel" aria-label="Tender">
        <div className="tabs" role="group" aria-label="Tender type">
          {(['cash', 'card'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className={`tab${mode === k ? ' active' : ''}`}
              aria-pressed={mode === k}
              onClick={() => void startTender(k)}
            >
              <kbd>{k === 'cash' ? 'F5' : 'F6'}</kbd> {NAMES[k]}
            </button>
          ))}
        </div>
        <p className="due">
          {tenders.length > 0 ? 'Still due' : 'Due'}{' '}
          <strong data-testid="amount-due">{due === null ? '…' : m(due)}</strong>
        </p>
        <form onSubmit={submit} className="tender-form">
          <label htmlFor="tender-amount">
            {mode === 'cash' ? 'Cash handed over' : 'Card amount'}
          </label>
          <input
            id="tender-amount"
            ref={amountInput}
            className="amount-input"
            inputMode="decimal"
            autoComplete="off"
            placeholder={due === null ? '' : `${m(due)} — Enter for exact`}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            disabled={selling}
          />
          {mode === 'card' && (
            <>
              <label htmlFor="tender-ref">Terminal reference (from the card slip)</label>
              <input
                id="tender-ref"
                autoComplete="off"
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                disabled={selling}
              />
            </>
          )}
          {mode === 'cash' && due !== null && (
            <div className="quick-cash" role="group" aria-label="Quick cash amounts">
              <button
                type="button"
                disabled={selling}
                onClick={() => void takeTender({ tender: 'cash', amountMinor: due })}
              >
                Exact
              </button>
              {quickCash(due, currency).map((v) => (
                <button
                  key={v}
                  type="button"
                  disabled={selling}
                  onClick={() => void takeTender({ tender: 'cash', amountMinor: v })}
                >
                  {m(v)}
                </button>
              ))}
            </div>
          )}
          {mode === 'cash' && (
            <p className="change" aria-live="polite">
              Change: <strong>{m(change)}</strong>
            </p>
          )}
          <button type="submit" className="primary wide" disabled={selling}>
            {selling
              ? 'Selling and printing…'
              : mode === 'cash'
                ? 'Take cash (Enter)'
                : 'Card paid (Enter)'}
          </button>
          <p className="muted small">
            Enter with no amount takes the exact amount due. Less than due takes part and leaves the
            rest for another tender. Esc goes back to the seats.
          </p>
        </form>
      </section>
    </main>
  );
}
