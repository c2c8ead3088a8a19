// Pick-up at the kiosk: the booking reference typed on screen (or the email's QR read by the
// kiosk's scanner, which types it) → the booking → "print my tickets", once. A second print is
// refused by the station core; the customer is sent to the counter.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { InvokeOf } from '../../../common/contract/define.js';
import type { StationContract } from '../../../common/contract/station.js';
import { dateTimeOf } from '../lib/format.js';
import { createPickupStore } from '../pickup/pickup-store.js';
import { useKioskLocale } from './use-kiosk.js';

const KNOWN = new Set([
  'BO_BOOKING_NOT_FOUND',
  'BO_ALREADY_COLLECTED',
  'BO_BOOKING_STATE',
  'BO_TICKET_NOT_VALID',
  'BO_FORBIDDEN',
]);

/** The kiosk's pick-up step. */
export function KioskPickup({ invoke }: { invoke: InvokeOf<StationContract> }) {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const [store] = useState(() => createPickupStore(invoke));
  const s = useStore(store);
  const [query, setQuery] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);
  const onFind = (e: SyntheticEvent) => {
    e.preventDefault();
    if (query.trim() !== '') void s.find(query);
  };
  const b = s.booking;
  const collected = b?.collected ?? null;
  const error =
    s.error === null
      ? collected !== null && s.printed === null
        ? t('pickup.BO_ALREADY_COLLECTED')
        : null
      : KNOWN.has(s.error.code)
        ? t(`pickup.${s.error.code}`)
        : t('errors.generic', { message: s.error.message });
  return (
    <section className="k-step k-pickup" aria-labelledby="k-title">
      <h1 id="k-title">{t('pickup.title')}</h1>
      <form className="k-find" onSubmit={onFind}>
        <label htmlFor="k-pickup-query">{t('pickup.label')}</label>
        <input
          id="k-pickup-query"
          ref={field}
          value={query}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="k-primary" disabled={s.busy}>
          {t('pickup.find')}
        </button>
      </form>
      {error !== null && (
        <p className="k-note" role="alert" data-code={s.error?.code ?? 'BO_ALREADY_COLLECTED'}>
          {error}
        </p>
      )}
      {b !== null && (
        <div className="k-booking">
          <h2>
            {t('pickup.booking', {
              film: b.movieTitle,
              time: dateTimeOf(b.startsAt, l),
              screen: b.screenName,
            })}
          </h2>
          <p>{t('pickup.reference', { reference: b.reference })}</p>
          <ul>
            {b.seats.map((x) => (
              <li key={x.ticketId}>
                {x.label} · {x.ticketType}
              </li>
            ))}
            {b.food.map((f) => (
              <li key={f.name}>
                {String(f.quantity)} × {f.name}
              </li>
            ))}
          </ul>
          {collected === null && (
            <div className="k-actions">
              <button
                type="button"
                className="k-primary k-huge"
                disabled={s.busy}
                onClick={() => void s.collect()}
              >
                {t('pickup.print')}
              </button>
            </div>
          )}
        </div>
      )}
      {s.printed !== null && (
        <p className="k-done-note" role="status">
          {t('pickup.printed', { count: b?.seats.length ?? 0 })}{' '}
          {s.printed.offline ? t('pickup.offline') : ''}
        </p>
      )}
    </section>
  );
}
