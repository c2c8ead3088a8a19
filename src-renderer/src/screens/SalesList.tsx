// Sales of this counter, newest first: void or refund tickets, reprint.
import { useEffect, useState } from 'react';
import type { SaleView } from '../../../common/contract/station.js';
import { saleNumberLabel } from '../../../common/sale-number.js';
import { VoidDialog } from '../components/VoidDialog.js';
import { localeOf, money, timeOf } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The sales screen (F3). */
export function SalesList() {
  const sales = useCounter((s) => s.sales);
  const loading = useCounter((s) => s.salesLoading);
  const loadSales = useCounter((s) => s.loadSales);
  const reprintSale = useCounter((s) => s.reprintSale);
  const till = useCounter((s) => s.status?.till ?? null);
  const shows = useCounter((s) => s.shows);
  const cinema = useCounter((s) => s.status?.cinema);
  const [dialog, setDialog] = useState<{ sale: SaleView; refund: boolean } | null>(null);
  const l = localeOf(cinema);
  const showNames = new Map(shows.map((s) => [s.id, `${s.movieTitle} ${s.localTime}`]));

  useEffect(() => {
    void loadSales();
  }, [loadSales]);

  // A sale of the open till's session can be voided; anything older is a refund.
  const inSession = (s: SaleView) => till !== null && s.createdAt >= till.openedAt;

  return (
    <main className="sales" aria-labelledby="sales-h">
      <h2 id="sales-h">Sales at this counter</h2>
      {!loading && sales.length === 0 && <p className="empty">No sales at this counter yet.</p>}
      {sales.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Time</th>
              <th scope="col">Show</th>
              <th scope="col">Tickets</th>
              <th scope="col">Paid</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sales.map((s) => {
              const valid = s.tickets.some((t) => t.status === 'valid');
              return (
                <tr key={s.orderId}>
                  <td>{saleNumberLabel(s.saleNumber, s.training) || '—'}</td>
                  <td>{timeOf(s.createdAt, l)}</td>
                  <td>{showNames.get(s.showId) ?? '—'}</td>
                  <td>
                    {[...s.tickets]
                      .sort((a, b) =>
                        a.seatLabel.localeCompare(b.seatLabel, undefined, { numeric: true }),
                      )
                      .map((t) => `${t.seatLabel}${t.status === 'valid' ? '' : ` (${t.status})`}`)
                      .join(', ')}
                    {s.concessions.length > 0 && (
                      <span className="muted">
                        {' '}
                        + {s.concessions.map((c) => `${String(c.quantity)} × ${c.name}`).join(', ')}
                      </span>
                    )}
                  </td>
                  <td>
                    {s.tenders
                      .map((t) => `${t.tender} ${money(t.amountMinor, l, s.currency)}`)
                      .join(' + ')}
                  </td>
                  <td className="num">{money(s.totalMinor, l, s.currency)}</td>
                  <td>
                    {s.status.replace('_', ' ')}
                    {s.offline ? ' · offline' : ''}
                    {s.training ? ' · training' : ''}
                  </td>
                  <td>
                    <div className="row-actions">
                      {valid && (
                        <button
                          type="button"
                          onClick={() => setDialog({ sale: s, refund: !inSession(s) })}
                        >
                          {inSession(s) ? 'Void…' : 'Refund…'}
                        </button>
                      )}
                      {/* A voided or refunded ticket never prints again: nothing valid, no reprint. */}
                      <button
                        type="button"
                        onClick={() => void reprintSale(s.orderId)}
                        disabled={!valid}
                        title={
                          valid
                            ? undefined
                            : 'Every ticket was voided or refunded: nothing to reprint'
                        }
                        aria-label={`Reprint sale ${saleNumberLabel(s.saleNumber, s.training)}`}
                      >
                        Reprint
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {dialog && (
        <VoidDialog sale={dialog.sale} refund={dialog.refund} onClose={() => setDialog(null)} />
      )}
    </main>
  );
}
