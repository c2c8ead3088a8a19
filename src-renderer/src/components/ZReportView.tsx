// A till report (X while open, Z once closed) as the manager reads it, in the cinema's money.
import type { ZReport } from '../../../common/contract/station.js';
import { saleNumberLabel } from '../../../common/sale-number.js';
import { dateTimeOf, localeOf, money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The report tables. */
export function ZReportView({ report, title }: { report: ZReport; title: string }) {
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema, report.currency);
  const m = (n: number | null) => (n === null ? '—' : money(n, l, report.currency));
  const classAmount = (c: 'ticket' | 'concession') =>
    report.perItemClass.find((x) => x.itemClass === c)?.amountMinor ?? 0;
  const food = report.perConcession.length > 0;
  return (
    <section className="zreport" aria-labelledby="zreport-h" data-testid="zreport">
      <h2 id="zreport-h">
        {title}
        {report.training ? ' · TRAINING' : ''}
      </h2>
      <p className="muted">
        {report.staffName} · opened {dateTimeOf(report.openedAt, l)}
        {report.closedAt !== null ? ` · closed ${dateTimeOf(report.closedAt, l)}` : ''}
      </p>
      <dl className="zsummary">
        <dt>Sales</dt>
        <dd data-testid="z-sales-count">{report.sales.count}</dd>
        <dt>Sales total</dt>
        <dd data-testid="z-sales-amount">{m(report.sales.amountMinor)}</dd>
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
        <dt>Voids</dt>
        <dd>
          {report.voids.count} · {m(report.voids.amountMinor)}
        </dd>
        <dt>Refunds</dt>
        <dd>
          {report.refunds.count} · {m(report.refunds.amountMinor)}
        </dd>
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
              <th scope="row">{t.tender}</th>
              <td className="num">{m(t.float)}</td>
              <td className="num" data-col="sales">
                {m(t.sales)}
              </td>
              <td className="num">{m(t.refunds)}</td>
              <td className="num">{m(t.drops)}</td>
              <td className="num" data-col="expected">
                {m(t.expected)}
              </td>
              <td className="num">{m(t.counted)}</td>
              <td
                className={`num${t.difference !== null && t.difference !== 0 ? ' off' : ''}`}
                data-col="difference"
              >
                {t.difference === null ? '—' : `${t.difference > 0 ? '+' : ''}${m(t.difference)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="zcols">
        <table className="table">
          <caption>By ticket type</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Tickets
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {report.perTicketType.map((t) => (
              <tr key={t.ticketType} data-ticket-type={t.ticketType}>
                <th scope="row">{t.ticketType}</th>
                <td className="num">{t.count}</td>
                <td className="num">{m(t.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {food && (
          <table className="table">
            <caption>Food and drink</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Sold
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {report.perConcession.map((c) => (
                <tr key={c.item} data-item={c.item}>
                  <th scope="row">{c.item}</th>
                  <td className="num">{c.count}</td>
                  <td className="num">{m(c.amountMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <table className="table">
          <caption>Taxes</caption>
          <thead>
            <tr>
              <th scope="col">Tax</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {report.taxes.map((t) => (
              <tr key={t.name}>
                <th scope="row">{t.name}</th>
                <td className="num">{m(t.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
