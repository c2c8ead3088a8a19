// The basket beside the map: a ticket type per seat, promo code, totals priced by the station, and any
// payment already taken on the sale (it stays until the sale completes or is handed back).
import { useState } from 'react';
import type { StationSeatMap } from '../../../common/contract/station.js';
import { TENDER_LABELS } from '../../../common/tenders.js';
import { localeOf, money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';
import { ConcessionLines } from './ConcessionLines.js';
import { ConcessionPicker } from './ConcessionPicker.js';

/** The basket panel. */
export function Basket({ map }: { map: StationSeatMap }) {
  const lines = useCounter((s) => s.lines);
  const quote = useCounter((s) => s.quote);
  const quoting = useCounter((s) => s.quoting);
  const quoteError = useCounter((s) => s.quoteError);
  const discountCode = useCounter((s) => s.discountCode);
  const applyDiscount = useCounter((s) => s.applyDiscount);
  const setTicketType = useCounter((s) => s.setTicketType);
  const removeSeat = useCounter((s) => s.removeSeat);
  const requestLeave = useCounter((s) => s.requestLeave);
  const tenders = useCounter((s) => s.tenders);
  const startTender = useCounter((s) => s.startTender);
  const cinema = useCounter((s) => s.status?.cinema);
  const food = useCounter((s) => s.concessionLines);
  const [code, setCode] = useState(discountCode);
  const l = localeOf(cinema, map.currency);
  const m = (n: number) => money(n, l, map.currency);
  const seats = new Map(map.seats.map((s) => [s.id, s]));
  const categories = new Map(map.categories.map((c) => [c.id, c]));
  const linePrice = new Map(quote?.lines.map((x) => [x.seatId, x.priceMinor]) ?? []);
  // The taxes of what is in the basket: food may be taxed differently from tickets.
  const taxes = map.taxes.filter((t) => t.itemClass === 'ticket' || food.length > 0);
  const inclusive = taxes.every((t) => t.inclusive);
  const taxNames = [...new Set(taxes.map((t) => t.name))].join(' + ');
  const units = food.reduce((a, f) => a + f.quantity, 0);
  const counts = [
    lines.length === 0 ? '' : `${String(lines.length)} ticket${lines.length === 1 ? '' : 's'}`,
    units === 0 ? '' : `${String(units)} item${units === 1 ? '' : 's'}`,
  ].filter((x) => x !== '');

  return (
    <aside className="basket" aria-labelledby="basket-h">
      <h2 id="basket-h">
        Basket <span className="muted">{counts.length === 0 ? '' : `· ${counts.join(' · ')}`}</span>
      </h2>
      {lines.length === 0 ? (
        <p className="empty">
          Press 1–9 for the best seats together, or pick seats on the map (Space).
        </p>
      ) : (
        <ul className="basket-lines">
          {lines.map((line) => {
            const seat = seats.get(line.seatId);
            const cat = seat ? categories.get(seat.categoryId) : undefined;
            const price = linePrice.get(line.seatId) ?? cat?.prices[line.ticketTypeId];
            return (
              <li key={line.seatId} className="basket-line">
                <span className="seat-cell">
                  <span className="seat-label">{seat?.label ?? '?'}</span>
                  <span className="muted small">{cat?.name}</span>
                </span>
                <label className="visually-hidden" htmlFor={`type-${line.seatId}`}>
                  Ticket type for {seat?.label}
                </label>
                <select
                  id={`type-${line.seatId}`}
                  value={line.ticketTypeId}
                  onChange={(e) => setTicketType(line.seatId, e.target.value)}
                >
                  {map.ticketTypes.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
                <span className="amount">{price === undefined ? '' : m(price)}</span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${seat?.label ?? 'seat'}`}
                  onClick={() => removeSeat(line.seatId)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ConcessionLines locale={l} currency={map.currency} />
      {lines.length === 0 && food.length > 0 && (
        <p className="muted small">Food and drink are sold with tickets: add seats to sell them.</p>
      )}
      <ConcessionPicker locale={l} />
      <form
        className="promo"
        onSubmit={(e) => {
          e.preventDefault();
          applyDiscount(code);
        }}
      >
        <label htmlFor="promo">Promo code</label>
        <input
          id="promo"
          value={code}
          autoComplete="off"
          onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <button type="submit">Apply</button>
      </form>
      {quoteError !== null && (
        <p className="inline-error" role="alert">
          {quoteError}
        </p>
      )}
      <dl className="totals" aria-busy={quoting}>
        <dt>Subtotal</dt>
        <dd>{quote ? m(quote.subtotalMinor) : '—'}</dd>
        {quote && quote.discountMinor > 0 && (
          <>
            <dt>Discount {discountCode}</dt>
            <dd>−{m(quote.discountMinor)}</dd>
          </>
        )}
        <dt>
          {taxNames === '' ? 'Tax' : taxNames} {inclusive ? '(included)' : ''}
        </dt>
        <dd>{quote ? m(quote.taxMinor) : '—'}</dd>
        <dt className="total">Total</dt>
        <dd className="total" data-testid="basket-total">
          {quote ? m(quote.totalMinor) : '—'}
        </dd>
      </dl>
      {tenders.length > 0 && (
        <p className="taken" data-testid="basket-taken">
          Taken:{' '}
          <strong>
            {tenders.map((t) => `${TENDER_LABELS[t.tender]} ${m(t.amountMinor)}`).join(' + ')}
          </strong>
          {quote && (
            <>
              {' '}
              · still due{' '}
              <strong>
                {m(Math.max(0, quote.totalMinor - tenders.reduce((a, t) => a + t.amountMinor, 0)))}
              </strong>
            </>
          )}{' '}
          · <kbd>F5</kbd> to continue
        </p>
      )}
      <div className="basket-actions">
        <button
          type="button"
          className="primary"
          disabled={lines.length === 0}
          onClick={() => void startTender('cash')}
        >
          <kbd>F5</kbd> Cash
        </button>
        <button
          type="button"
          className="primary"
          disabled={lines.length === 0}
          onClick={() => void startTender('card')}
        >
          <kbd>F6</kbd> Card
        </button>
        <button
          type="button"
          className="clear"
          disabled={lines.length === 0}
          onClick={() => requestLeave('clear')}
        >
          Empty the basket (Del)
        </button>
      </div>
    </aside>
  );
}
