// Payment. Cash: type what the customer hands over (Enter with nothing typed = exact) and the change
// shows; card: the terminal's reference; voucher: its code; UPI / wallet: the transaction reference.
// Part payments add up to a split tender, and stay on the sale when the cashier steps back to the seats.
import { useEffect, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { parseMoney } from '../../../common/money.js';
import {
  COUNTER_TENDERS,
  REFERENCE_LABELS,
  REFERENCE_REQUIRED,
  TENDER_LABELS,
} from '../../../common/tenders.js';
import { localeOf, money } from '../lib/format.js';
import { quickCash } from '../lib/quick-cash.js';
import { useCounter } from '../store/counter-store.js';
import { sumTenders, type TenderKind } from '../store/tender-slice.js';

const NAMES: Record<TenderKind, string> = TENDER_LABELS;
/** The key that picks each tender on this screen (F5/F6 work everywhere; V and U here). */
export const TENDER_KEYS: Record<TenderKind, string> = {
  cash: 'F5',
  card: 'F6',
  voucher: 'V',
  electronic: 'U',
};
const AMOUNT_LABELS: Record<TenderKind, string> = {
  cash: 'Cash handed over',
  card: 'Card amount',
  voucher: 'Voucher amount',
  electronic: 'UPI / wallet amount',
};
const TAKE_LABELS: Record<TenderKind, string> = {
  cash: 'Take cash (Enter)',
  card: 'Card paid (Enter)',
  voucher: 'Take voucher (Enter)',
  electronic: 'UPI / wallet paid (Enter)',
};

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
  const referenceInput = useRef<HTMLInputElement>(null);
  const needsReference = REFERENCE_REQUIRED.has(mode);
  const l = localeOf(cinema, map?.currency);
  const currency = map?.currency ?? l.currency;
  const m = (n: number) => money(n, l, currency);
  const total = quote?.totalMinor ?? null;
  const due = total === null ? null : Math.max(0, total - sumTenders(tenders));
  const typed = amount.trim() === '' ? null : parseMoney(amount, currency);
  const change = mode === 'cash' && due !== null && typed !== null && typed > due ? typed - due : 0;

  // A voucher or UPI payment starts at its code: typing it and Enter takes the amount due. Once a
  // part is taken the amount field has the focus again, where V and U pick the next tender.
  const shownMode = useRef<TenderKind | null>(null);
  useEffect(() => {
    const switched = shownMode.current !== mode;
    shownMode.current = mode;
    (switched && REFERENCE_REQUIRED.has(mode) ? referenceInput : amountInput).current?.focus();
    setAmount('');
    setReference('');
  }, [mode, tenders.length]);
  // A question answered with "stay" or "correct it" hands the focus back to the amount, selected.
  const asking = useCounter((s) => s.largeCash !== null || s.leaving !== null);
  useEffect(() => {
    if (asking) return;
    amountInput.current?.focus();
    amountInput.current?.select();
  }, [asking]);

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
    if (needsReference && reference.trim() === '') {
      notify(
        'error',
        `${NAMES[mode]}: type the ${REFERENCE_LABELS[mode].toLowerCase()} first, then Enter.`,
      );
      referenceInput.current?.focus();
      return;
    }
    // Nothing typed means the exact amount due, even if the price is still on its way.
    void takeTender({
      tender: mode,
      amountMinor: typed,
      ...(mode !== 'cash' && reference.trim() !== '' ? { reference: reference.trim() } : {}),
    });
  };

  // V and U pick a tender wherever a letter cannot be typed (the amount field takes digits only).
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target === referenceInput.current) return;
    const picked = COUNTER_TENDERS.find(
      (k) => TENDER_KEYS[k].toLowerCase() === e.key.toLowerCase(),
    );
    if (picked === undefined || picked === 'cash' || picked === 'card') return;
    e.preventDefault();
    void startTender(picked);
  };

  if (!map) return null;
  const seatLabels = new Map(map.seats.map((s) => [s.id, s.label]));
  const typeNames = new Map(map.ticketTypes.map((t) => [t.id, t.name]));
  const itemNames = new Map(menu.map((i) => [i.id, i.name]));
  return (
    <main className="tender" aria-labelledby="tender-h" aria-busy={selling} onKeyDown={onKey}>
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
          {COUNTER_TENDERS.map((k) => (
            <button
              key={k}
              type="button"
              className={`tab${mode === k ? ' active' : ''}`}
              aria-pressed={mode === k}
              onClick={() => void startTender(k)}
            >
              <kbd>{TENDER_KEYS[k]}</kbd> {NAMES[k]}
            </button>
          ))}
        </div>
        <p className="due">
          {tenders.length > 0 ? 'Still due' : 'Due'}{' '}
          <strong data-testid="amount-due">{due === null ? '…' : m(due)}</strong>
        </p>
        <form onSubmit={submit} className="tender-form">
          <label htmlFor="tender-amount">{AMOUNT_LABELS[mode]}</label>
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
          {mode !== 'cash' && (
            <>
              <label htmlFor="tender-ref">
                {REFERENCE_LABELS[mode]}
                {needsReference ? ' (required)' : ''}
              </label>
              <input
                id="tender-ref"
                ref={referenceInput}
                autoComplete="off"
                maxLength={80}
                aria-required={needsReference}
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
            {selling ? 'Selling and printing…' : TAKE_LABELS[mode]}
          </button>
          <p className="muted small">
            Enter with no amount takes the exact amount due. Less than due takes part and leaves the
            rest for another tender; only cash gives change. Esc goes back to the seats, keeping
            what was taken.
          </p>
        </form>
      </section>
    </main>
  );
}
