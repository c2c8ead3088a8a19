// Pick-up of a web booking (issue 18): type the reference (or scan the email's QR into the field)
// → the booking with its seats and food → print its tickets → confirmation. Keyboard first: the
// field has the focus, Enter finds, Enter on "Print tickets" prints. Used by the counter (F11) and
// meant for the kiosk: `kiosk` hides the manager's reprint, which a kiosk refuses anyway.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useStore } from 'zustand';
import type { InvokeOf } from '../../../common/contract/define.js';
import type { StationContract } from '../../../common/contract/station.js';
import { managerPinProblem } from '../lib/manager-pin.js';
import { dateTimeOf, money, type Locale } from '../lib/format.js';
import { createPickupStore } from './pickup-store.js';

/** The pick-up panel; `locale` formats times and money in the cinema's zone and currency. */
export function PickupPanel({
  invoke,
  locale,
  kiosk = false,
}: {
  invoke: InvokeOf<StationContract>;
  locale: Locale;
  kiosk?: boolean;
}) {
  const [store] = useState(() => createPickupStore(invoke));
  const s = useStore(store);
  const [query, setQuery] = useState('');
  const [pin, setPin] = useState('');
  const [pinProblem, setPinProblem] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);
  // Found and not yet printed: Enter prints.
  useEffect(() => {
    if (s.booking !== null && s.booking.collected === null) printButton.current?.focus();
  }, [s.booking]);

  const onFind = (e: SyntheticEvent) => {
    e.preventDefault();
    if (query.trim() !== '') void s.find(query);
  };
  const onReprint = (e: SyntheticEvent) => {
    e.preventDefault();
    const problem = managerPinProblem(pin, 'A manager types their PIN to approve a reprint.');
    setPinProblem(problem);
    if (problem === null) void s.reprint(pin).then(() => setPin(''));
  };
  const b = s.booking;
  const alreadyCollected =
    s.error?.code === 'BO_ALREADY_COLLECTED' || (b?.collected ?? null) !== null;
  return (
    <main className="pickup" aria-labelledby="pickup-h">
      <h2 id="pickup-h">Pick up a booking</h2>
      <form className="pickup-find" onSubmit={onFind}>
        <label htmlFor="pickup-query">Booking reference or QR code</label>
        <input
          id="pickup-query"
          ref={field}
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" disabled={s.busy}>
          Find
        </button>
      </form>
      {s.error !== null && (
        <p className="pickup-error" role="alert" data-code={s.error.code}>
          {s.error.message}
        </p>
      )}
      {b !== null && (
        <section className="pickup-booking" aria-label={`Booking ${b.reference}`}>
          <h3>
            {b.movieTitle} · {dateTimeOf(b.startsAt, locale)} · {b.screenName}
          </h3>
          <p>
            Reference <strong>{b.reference}</strong> · {money(b.totalMinor, locale, b.currency)}{' '}
            {b.paid ? 'paid' : b.status}
          </p>
          <ul aria-label="Seats">
            {b.seats.map((t) => (
              <li key={t.ticketId}>
                {t.label} · {t.ticketType}
              </li>
            ))}
          </ul>
          {b.food.length > 0 && (
            <ul aria-label="Food and drink">
              {b.food.map((f) => (
                <li key={f.name}>
                  {String(f.quantity)} × {f.name}
                </li>
              ))}
            </ul>
          )}
          {b.collected !== null && s.printed === null && (
            <p role="status">
              Already printed {b.collected.here ? 'here' : 'at another station'} at{' '}
              {dateTimeOf(b.collected.at, locale)}.
            </p>
          )}
          {b.collected === null && (
            <button
              type="button"
              ref={printButton}
              disabled={s.busy}
              onClick={() => void s.collect()}
            >
              Print tickets
            </button>
          )}
        </section>
      )}
      {s.printed !== null && (
        <p className="pickup-done" role="status">
          {s.printed.reprint ? 'Reprinted' : 'Printed'}: {String(b?.seats.length ?? 0)} ticket
          {b?.seats.length === 1 ? '' : 's'}.
          {s.printed.offline ? ' Offline: the pick-up is sent when the connection is back.' : ''}
        </p>
      )}
      {!kiosk && b !== null && alreadyCollected && (
        <form className="pickup-reprint" onSubmit={onReprint}>
          <label htmlFor="pickup-pin">Manager PIN to reprint</label>
          <input
            id="pickup-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            aria-invalid={pinProblem !== null}
            aria-describedby={pinProblem === null ? undefined : 'pickup-pin-problem'}
            onChange={(e) => setPin(e.target.value)}
          />
          <button type="submit" disabled={s.busy}>
            Reprint
          </button>
          {pinProblem !== null && <p id="pickup-pin-problem">{pinProblem}</p>}
        </form>
      )}
    </main>
  );
}
