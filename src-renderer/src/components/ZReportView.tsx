// A till report (X while open, Z once closed) as the manager reads it, in the cinema's money.
import type { ZReport } from '../../../common/contract/station.js';
import { tenderLabel } from '../../../common/tenders.js';
import { saleNumberLabel } from '../../../common/sale-number.js';
import { dateTimeOf, localeOf, money } from '../lib/format.js';
import { ZReportDetails } from './ZReportDetails.js';
import { useCounter } from '../store/counter-store.js';

/** The report tables. */
export function ZReportView({ report, title }: { report: ZReport; title: string }) {
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema, report.currency);
  const m = (n: number | null) => (n === null ? '—' : money(n, l, report.currency));
  const classAmount = (c: 'ticket' | 'concession') =>
    report.perItemClass.find((x) => x.itemClass === c)?.amountMinor ?? 0;
  const food = report.perConcession.length > 0;
  const blind = report.blind;
  return (
    <section className="zreport" aria-labelledby="zreport-h" data-testid="zreport">
      <h2 id="zreport-h">
        {title}
        {report.training ? ' · TRAINING' : ''}
      </h2>
      {report.training && (
        <p className="notice-training" data-testid="z-training">
          TRAINING: practice sales only, not takings.
        </p>
      )}
      <p className="muted" data-testid="z-owner">
        {report.staffName}’s till · opened {dateTimeOf(report.openedAt, l)}
        {report.closedAt !== null ? ` · closed ${dateTimeOf(report.closedAt, l)}` : ''}
      </p>
      <dl className="zsummary">
        <dt>Sales</dt>
        <dd data-testid="z-sales-count">{report.sales.count}</dd>
        <dt>Gross sales (after discounts)</dt>
        <dd data-testid="z-sales-amount">{m(report.totals.grossMinor)}</dd>
        <dt>Discounts given</dt>
        <dd data-testid="z-discounts">{m(report.totals.discountsMinor)}</dd>
        <dt>Voids</dt>
        <dd data-testid="z-voids">
          {report.voids.count} · −{m(report.voids.amountMinor)}
        </dd>
        <dt>Refunds</dt>
        <dd data-testid="z-refunds">
          {report.refunds.count} · −{m(report.refunds.amountMinor)}
        </dd>
        <dt>Net</dt>
        <dd data-testid="z-net">
          <strong>{m(report.totals.netMinor)}</strong>
        </dd>
        {food && (
          <>
            <dt>Tickets</dt>
            <dd data-testid="z-tickets-amount">{m(classAmount('ticket'))}</dd>
            <dt>Food and drink</dt>
            <dd data-testid="z-food-amount">{m(classAmount('concession'))}</dd>
          </>
        )}
        <dt>Sale numbers</dt>
        <dd>
          {report.sales.firstSaleNumber === null
            ? '—'
            : `${saleNumberLabel(report.sales.firstSaleNumber, report.training)}–${saleNumberLabel(report.sales.lastSaleNumber, report.training)}`}
        </dd>
        <dt>Opening float</dt>
        <dd>{m(report.totals.floatMinor)}</dd>
        <dt>Drops</dt>
        <dd>{m(report.totals.dropsMinor)}</dd>
        <dt>Counted / expected</dt>
        <dd data-testid="z-counted">
          {m(report.totals.countedMinor)} /{' '}
          {blind ? 'after the count' : m(report.totals.expectedMinor)}
        </dd>
        {report.closedByName !== null && report.closedByName !== report.staffName && (
          <>
            <dt>Closed by</dt>
            <dd data-testid="z-closed-by">{report.closedByName}</dd>
          </>
        )}
        {report.varianceApproval && (
          <>
            <dt>Variance approved by</dt>
            <dd data-testid="z-approval">
              {report.varianceApproval.approvedByName}: “{report.varianceApproval.note}”
            </dd>
          </>
        )}
      </dl>
      <table className="table">
        <caption>By tender</caption>
        <thead>
          <tr>
            <th scope="col">Tender</th>
            <th scope="col" className="num">
              Float
            </th>
            <th scope="col" className="num">
              Sales
            </th>
            <th scope="col" className="num">
              Refunds
            </th>
            <th scope="col" className="num">
              Drops
            </th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Counted
            </th>
            <th scope="col" className="num">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {report.perTender.map((t) => (
            <tr key={t.tender} data-tender={t.tender}>
              <th scope="row">{tenderLabel(t.tender)}</th>
              <td className="num">{m(t.float)}</td>
              <td className="num" data-col="sales">
                {m(t.sales)}
              </td>
              <td className="num">{m(t.refunds)}</td>
              <td className="num">{m(t.drops)}</td>
              {!blind && (
                <td className="num" data-col="expected">
                  {m(t.expected)}
                </td>
              )}
              <td className="num">{m(t.counted)}</td>
              {!blind && (
                <td
                  className={`num${t.difference !== null && t.difference !== 0 ? ' off' : ''}`}
                  data-col="difference"
                >
                  {t.difference === null ? '—' : `${t.difference > 0 ? '+' : ''}${m(t.difference)}`}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ZReportDetails report={report} money={m} />
    </section>
  );
}
