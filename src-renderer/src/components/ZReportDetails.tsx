// The detail tables of a till report: per staff member, ticket types, food and drink, taxes.
import type { ZReport } from '../../../common/contract/station.js';

type Props = { report: ZReport; money: (minor: number | null) => string };

/** Who did what on the till, and what was sold. */
export function ZReportDetails({ report, money: m }: Props) {
  const food = report.perConcession.length > 0;
  return (
    <div className="zcols">
      <table className="table" data-testid="z-staff">
        <caption>By staff member</caption>
        <thead>
          <tr>
            <th scope="col">Staff</th>
            <th scope="col" className="num">
              Sales
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Voids
            </th>
            <th scope="col" className="num">
              Refunds
            </th>
          </tr>
        </thead>
        <tbody>
          {report.perStaff.map((s) => (
            <tr key={s.staffId} data-staff={s.name}>
              <th scope="row">{s.name}</th>
              <td className="num" data-col="count">
                {s.salesCount}
              </td>
              <td className="num" data-col="sales">
                {m(s.salesMinor)}
              </td>
              <td className="num">{m(s.voidsMinor)}</td>
              <td className="num" data-col="refunds">
                {m(s.refundsMinor)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
  );
}
