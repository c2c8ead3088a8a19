// The order and its card payment: the basket as priced by the station, one "pay by card" button,
// then the terminal's prompt (with the simulated terminal's own buttons in the demo), then thanks.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeOf } from '../../../common/contract/define.js';
import type { StationContract } from '../../../common/contract/station.js';
import { money, timeOf } from '../lib/format.js';
import { useKiosk, useKioskLocale } from './use-kiosk.js';

/** The order, priced, and the pay button. */
export function PayStep() {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const quote = useKiosk((s) => s.quote);
  const map = useKiosk((s) => s.map);
  const typeCounts = useKiosk((s) => s.typeCounts);
  const seatIds = useKiosk((s) => s.seatIds);
  const menu = useKiosk((s) => s.menu);
  const hold = useKiosk((s) => s.hold);
  const pay = useKiosk((s) => s.pay);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  if (quote === null || map === null) return null;
  const types = Object.entries(typeCounts).flatMap(([id, n]) =>
    Array.from({ length: n }, () => map.ticketTypes.find((x) => x.id === id)?.name ?? ''),
  );
  const cur = map.currency;
  return (
    <section className="k-step" aria-labelledby="k-title">
      <h1 id="k-title">{t('pay.title')}</h1>
      <p className="k-dim">
        {map.show.movieTitle} · {map.show.localTime} · {map.show.screenName}
      </p>
      <table className="k-order">
        <tbody>
          {quote.lines.map((line, i) => (
            <tr key={line.seatId}>
              <th scope="row">
                {t('pay.ticket', {
                  seat: map.seats.find((s) => s.id === (seatIds[i] ?? line.seatId))?.label ?? '',
                  type: types[i] ?? '',
                })}
              </th>
              <td>{money(line.priceMinor, l, cur)}</td>
            </tr>
          ))}
          {quote.concessions.map((c) => (
            <tr key={c.itemId}>
              <th scope="row">
                {c.quantity} × {menu.find((m) => m.id === c.itemId)?.name ?? ''}
              </th>
              <td>{money(c.totalMinor, l, cur)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('pay.total')}</th>
            <td className="k-total">{money(quote.totalMinor, l, cur)}</td>
          </tr>
          <tr className="k-dim">
            <th scope="row">{t('pay.tax')}</th>
            <td>{money(quote.taxMinor, l, cur)}</td>
          </tr>
        </tfoot>
      </table>
      {hold !== null && (
        <p className="k-dim">{t('pay.heldUntil', { time: timeOf(hold.expiresAt, l) })}</p>
      )}
      <div className="k-actions">
        <button ref={button} type="button" className="k-primary k-huge" onClick={() => void pay()}>
          {t('pay.card', { amount: money(quote.totalMinor, l, cur) })}
        </button>
      </div>
      <p className="k-dim">{t('pay.cardOnly')}</p>
    </section>
  );
}

/** The customer is at the card terminal. */
export function PayingStep({ invoke }: { invoke: InvokeOf<StationContract> }) {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const quote = useKiosk((s) => s.quote);
  const cur = useKiosk((s) => s.map?.currency);
  const simulated = useKiosk((s) => s.status?.terminal.kind === 'simulated');
  const cancel = useKiosk((s) => s.cancelPayment);
  const drive = (answer: 'approve' | 'decline') => void invoke('kiosk:terminal', { answer });
  return (
    <section className="k-step k-paying" aria-labelledby="k-title" aria-busy="true">
      <h1 id="k-title">{t('paying.title')}</h1>
      <p className="k-total">
        {t('paying.amount', { amount: money(quote?.totalMinor ?? 0, l, cur) })}
      </p>
      <p>{t('paying.follow')}</p>
      <div className="k-card-anim" aria-hidden="true" />
      <div className="k-actions">
        <button type="button" className="k-secondary" onClick={() => void cancel()}>
          {t('paying.cancel')}
        </button>
      </div>
      {simulated && (
        <aside className="k-terminal" aria-label={t('paying.simulated')}>
          <h2>{t('paying.simulated')}</h2>
          <button type="button" className="k-secondary" onClick={() => drive('approve')}>
            {t('paying.approve')}
          </button>
          <button type="button" className="k-secondary" onClick={() => drive('decline')}>
            {t('paying.decline')}
          </button>
        </aside>
      )}
    </section>
  );
}

/** Paid: the tickets print; back to the start after a while or on "Done". */
export function DoneStep() {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const sale = useKiosk((s) => s.sale);
  const show = useKiosk((s) => s.show);
  const reset = useKiosk((s) => s.reset);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    const id = setTimeout(() => void reset(), 30_000);
    return () => clearTimeout(id);
  }, [reset]);
  return (
    <section className="k-step k-done" aria-labelledby="k-title">
      <h1 id="k-title">{t('done.title')}</h1>
      <p role="status">{t('done.printing')}</p>
      {show !== null && (
        <p>
          {t('done.enjoy', {
            film: show.movieTitle,
            time: timeOf(show.startsAt, l),
            screen: show.screenName,
          })}
        </p>
      )}
      {sale !== null && (
        <p className="k-dim">
          {sale.tickets.map((x) => x.seatLabel).join(', ')} ·{' '}
          {money(sale.totalMinor, l, sale.currency)}
        </p>
      )}
      <p>{t('done.take')}</p>
      <div className="k-actions">
        <button ref={button} type="button" className="k-primary" onClick={() => void reset()}>
          {t('done.finish')}
        </button>
      </div>
    </section>
  );
}
