// After a sale: the change to hand back, big; what printed; the receipt as the paper shows it. A
// training sale says plainly that nothing was sold, charged or printed as a ticket.
import { useEffect, useRef } from 'react';
import { saleNumberLabel } from '../../../common/sale-number.js';
import { COUNTER_TENDERS, TENDER_LABELS, type CounterTender } from '../../../common/tenders.js';
import { localeOf, money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The sale-complete screen. */
export function SaleDone() {
  const sale = useCounter((s) => s.lastSale);
  const receipt = useCounter((s) => s.receiptText);
  const jobStates = useCounter((s) => s.jobStates);
  const newSale = useCounter((s) => s.newSale);
  const reprintLast = useCounter((s) => s.reprintLast);
  const cinema = useCounter((s) => s.status?.cinema);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  if (!sale) return null;
  const l = localeOf(cinema, sale.currency);
  const m = (n: number) => money(n, l, sale.currency);
  const states = sale.printJobIds.map((id) => jobStates[id]?.status ?? 'queued');
  const printed = states.length > 0 && states.every((s) => s === 'printed');
  const number = saleNumberLabel(sale.saleNumber, sale.training);
  const tenderName = (t: string) =>
    (COUNTER_TENDERS as readonly string[]).includes(t) ? TENDER_LABELS[t as CounterTender] : t;
  const failing = sale.printJobIds
    .map((id) => jobStates[id]?.lastError)
    .find((e) => e !== null && e !== undefined);
  return (
    <main className="done" aria-labelledby="done-h">
      <section className="done-main">
        <h2 id="done-h">
          {sale.training
            ? `Training sale ${number}: no tickets printed, nothing was charged`
            : `Sale ${number} complete`}
        </h2>
        <p className="change-due" data-testid="change-due">
          {sale.changeDueMinor > 0 ? (
            <>
              {sale.training ? 'Practice change' : 'Change due'}{' '}
              <strong>{m(sale.changeDueMinor)}</strong>
            </>
          ) : (
            <>No change due</>
          )}
        </p>
        <p
          data-testid="sold-seats"
          data-seats={sale.tickets.map((t) => t.seatLabel).join(' ')}
          data-total={sale.totalMinor}
        >
          {sale.training ? (
            <>Practice only: no seat was sold and the drawer stays shut.</>
          ) : (
            <>
              {sale.tickets.length} ticket{sale.tickets.length === 1 ? '' : 's'}:{' '}
              {sale.tickets.map((t) => `${t.seatLabel} ${t.ticketType}`).join(', ')}
            </>
          )}
          {sale.concessions.length > 0 &&
            ` · ${sale.concessions.map((c) => `${String(c.quantity)} × ${c.name}`).join(', ')}`}{' '}
          · Total {m(sale.totalMinor)} · {sale.training ? 'Practised' : 'Paid'}{' '}
          {sale.tenders
            .map(
              (t) =>
                `${tenderName(t.tender)} ${m(t.amountMinor)}${t.reference === null ? '' : ` (${t.reference})`}`,
            )
            .join(' + ')}
        </p>
        {sale.offline && (
          <p className="banner banner-offline">
            Sold offline from this counter’s seats: it is sent to the server when the connection is
            back.
          </p>
        )}
        <p aria-live="polite" className={failing ? 'inline-error' : 'muted'}>
          {failing
            ? `Printer problem: ${failing}. The tickets print when it is fixed; F9 reprints.`
            : sale.training
              ? printed
                ? 'Training receipt printed, marked TRAINING.'
                : 'Training receipt is printing…'
              : printed
                ? 'Tickets and receipt printed.'
                : 'Tickets and receipt are printing…'}
        </p>
        <div className="done-actions">
          <button ref={button} type="button" className="primary" onClick={newSale}>
            <kbd>F2</kbd> New sale (Enter)
          </button>
          {!sale.training && (
            <button type="button" onClick={() => void reprintLast()}>
              <kbd>F9</kbd> Reprint tickets
            </button>
          )}
        </div>
      </section>
      <section className="receipt" aria-label="Receipt preview">
        <h3>Receipt</h3>
        {receipt === null ? (
          <p className="muted">Preparing the preview…</p>
        ) : (
          <pre className="paper">{receipt}</pre>
        )}
      </section>
    </main>
  );
}
