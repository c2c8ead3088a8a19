// Void or refund tickets of a sale: which tickets, why, a manager's PIN for a refund, and what goes
// back on each tender and how (the station's rule from common/, so the slip shows the same).
import { saleNumberLabel } from '../../../common/sale-number.js';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { SaleView } from '../../../common/contract/station.js';
import { giveBackText, splitGiveBack } from '../../../common/give-back.js';
import { localeOf, money } from '../lib/format.js';
import { managerPinProblem } from '../lib/manager-pin.js';
import { useFocusTrap } from '../lib/use-focus-trap.js';
import { useCounter } from '../store/counter-store.js';

const REASONS = [
  'Customer changed their mind',
  'Wrong seats sold',
  'Wrong show sold',
  'Payment problem',
  'Show cancelled or disrupted',
];

type Props = { sale: SaleView; refund: boolean; onClose: () => void };

/** A modal dialog for one sale. */
export function VoidDialog({ sale, refund: askRefund, onClose }: Props) {
  const voidSale = useCounter((s) => s.voidSale);
  const cinema = useCounter((s) => s.status?.cinema);
  const valid = sale.tickets.filter((t) => t.status === 'valid');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(valid.map((t) => t.ticketId)));
  const [reason, setReason] = useState(REASONS[0] ?? '');
  const [refund, setRefund] = useState(askRefund);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  const box = useRef<HTMLFormElement>(null);
  useFocusTrap(box);
  const l = localeOf(cinema, sale.currency);
  // The last tickets of a sale take its food and drink with them: the whole sale is given back.
  const whole = valid.length > 0 && valid.every((t) => chosen.has(t.ticketId));
  const food = whole ? sale.concessions.reduce((a, c) => a + c.totalMinor, 0) : 0;
  const amount =
    valid.filter((t) => chosen.has(t.ticketId)).reduce((a, t) => a + t.priceMinor, 0) + food;
  const giveBack = splitGiveBack(amount, sale.tenderBalances);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (chosen.size === 0) {
      setError('Tick at least one ticket.');
      return;
    }
    const pinProblem = refund
      ? managerPinProblem(pin, 'A refund needs a manager: ask them to type their PIN.')
      : null;
    if (pinProblem !== null) {
      setError(pinProblem);
      return;
    }
    setBusy(true);
    const all = chosen.size === valid.length;
    const message = await voidSale({
      orderId: sale.orderId,
      ...(all ? {} : { ticketIds: [...chosen] }),
      reason,
      refund,
      ...(refund ? { managerPin: pin } : {}),
    });
    setBusy(false);
    if (message === null) {
      onClose();
      return;
    }
    setError(message);
    // The station decided this is a refund (another till session): ask for the manager's PIN.
    if (/manager/i.test(message)) setRefund(true);
  };

  return (
    <div className="dialog-backdrop">
      <form
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="void-h"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="void-h">
          {refund ? 'Refund' : 'Void'} sale {saleNumberLabel(sale.saleNumber, sale.training)}
        </h2>
        <fieldset>
          <legend>Tickets</legend>
          {valid.map((t) => (
            <label key={t.ticketId} className="check">
              <input
                type="checkbox"
                checked={chosen.has(t.ticketId)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(t.ticketId);
                  else next.delete(t.ticketId);
                  setChosen(next);
                }}
              />
              {t.seatLabel} · {t.ticketType} · {money(t.priceMinor, l, sale.currency)}
            </label>
          ))}
        </fieldset>
        {sale.concessions.length > 0 && (
          <p className="muted small" data-testid="void-food">
            {whole
              ? `With all its tickets, the food and drink go back too: ${sale.concessions.map((c) => `${String(c.quantity)} × ${c.name}`).join(', ')}.`
              : 'The food and drink stay with the customer until the last ticket goes back.'}
          </p>
        )}
        <label htmlFor="void-reason">Reason</label>
        <select
          id="void-reason"
          ref={first}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        >
          {REASONS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={refund} onChange={(e) => setRefund(e.target.checked)} />
          Refund (a sale of an earlier till session, or money back on another tender) — needs a
          manager’s PIN
        </label>
        {refund && (
          <>
            <label htmlFor="void-pin">Manager PIN</label>
            <input
              id="void-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
            />
          </>
        )}
        <div className="due" data-testid="give-back">
          <p>
            Give back <strong>{money(amount, l, sale.currency)}</strong>
          </p>
          <ul>
            {giveBack.map((g) => (
              <li key={`${g.tender}-${g.reference ?? ''}`}>
                {giveBackText(g, money(g.amountMinor, l, sale.currency))}
              </li>
            ))}
          </ul>
        </div>
        {error !== null && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Working…' : refund ? 'Refund tickets' : 'Void tickets'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel (Esc)
          </button>
        </div>
      </form>
    </div>
  );
}
