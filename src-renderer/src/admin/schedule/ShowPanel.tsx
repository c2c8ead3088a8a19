// One show beside the planner: its times, state and seats; its price card; how many seats the web
// and the kiosks may sell (as a share or in seats); publish, move, delete a draft, cancel, house seats.
import { useState } from 'react';
import type { PriceCardView } from '../../../../common/api/admin-prices.js';
import type { PlannedShow } from '../../../../common/api/admin-schedule.js';
import { localDateOf, zonedInstant } from '../../../../common/schedule.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText } from '../kit/fields.js';
import { percentOfSeats, seatsForPercent } from './planner-math.js';

type Props = {
  show: PlannedShow;
  cards: PriceCardView[];
  timeZone: string;
  onClose: () => void;
  onChanged: (message: string) => void;
  onSeats: () => void;
};

const quotaText = (capacity: number, q: number | null) =>
  q === null ? '' : String(percentOfSeats(capacity, q));

/** The side panel of the selected show. */
export function ShowPanel({ show, cards, timeZone, onClose, onChanged, onSeats }: Props) {
  const { api, cinemaId, readOnly } = useAdmin();
  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );
  const [start, setStart] = useState(local(show.startsAt));
  const [card, setCard] = useState(show.priceCardId ?? '');
  const [web, setWeb] = useState(quotaText(show.capacity, show.webQuota));
  const [kiosk, setKiosk] = useState(quotaText(show.capacity, show.kioskQuota));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const locked = readOnly !== null || show.status === 'cancelled' || show.status === 'finished';
  const run = async (what: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await what();
      onChanged(message);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const quota = (text: string): number | null | 'bad' => {
    if (text.trim() === '') return null;
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? seatsForPercent(show.capacity, n) : 'bad';
  };
  const saveQuotas = () => {
    const w = quota(web);
    const k = quota(kiosk);
    if (w === 'bad' || k === 'bad') {
      setError('A share is a number from 0 to 100 (per cent of the seats), or empty for no limit.');
      return;
    }
    void run(
      () => api.patchShow(show.id, { webQuota: w, kioskQuota: k }),
      `Web ${w === null ? 'unlimited' : `${String(w)} seats`}, kiosks ${k === null ? 'unlimited' : `${String(k)} seats`}; the rest stay for the counter.`,
    );
  };
  const moveTo = () => {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(start)) {
      setError('Type the new start as HH:MM, e.g. 18:30.');
      return;
    }
    const date = localDateOf(new Date(show.startsAt), timeZone);
    const sales = show.sold + show.held;
    if (
      sales > 0 &&
      !window.confirm(
        `${String(sales)} seats are sold or held. Move the show? Its online customers will be told.`,
      )
    )
      return;
    void run(
      () =>
        api.patchShow(show.id, {
          startsAt: zonedInstant(date, start, timeZone).toISOString(),
          ...(sales > 0 ? { confirmSales: true } : {}),
        }),
      `${show.filmTitle} now starts at ${start}.`,
    );
  };
  return (
    <aside className="planner-panel" aria-labelledby="show-panel-h">
      <header>
        <h3 id="show-panel-h">{show.filmTitle}</h3>
        <button type="button" className="text-button" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="planner-facts">
        <dt>When</dt>
        <dd>
          {local(show.startsAt)} (film {local(show.filmStartsAt)}–{local(show.filmEndsAt)}, screen
          free {local(show.endsAt)})
        </dd>
        <dt>State</dt>
        <dd>
          {show.status === 'draft' ? 'Draft: only managers see it' : show.status.replace('_', ' ')}
        </dd>
        <dt>Seats</dt>
        <dd>
          {show.sold} sold, {show.held} held, {show.blocked} house, of {show.capacity}
        </dd>
        <dt>Format</dt>
        <dd>
          {show.formatCode}, {show.language}
        </dd>
      </dl>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {show.status === 'draft' && (
        <button
          type="button"
          className="primary"
          disabled={locked}
          onClick={() =>
            void run(
              () => api.publishShows(cinemaId, { showIds: [show.id] }),
              `${show.filmTitle} is on sale.`,
            )
          }
        >
          Publish this show
        </button>
      )}
      <Field id="show-start" label="Start (ads first)" hint="HH:MM, the same day">
        <input value={start} disabled={locked} onChange={(e) => setStart(e.target.value)} />
      </Field>
      <button type="button" disabled={locked} onClick={moveTo}>
        Move
      </button>
      <Field id="show-card" label="Price card">
        <select value={card} disabled={locked} onChange={(e) => setCard(e.target.value)}>
          <option value="" disabled>
            Choose a card
          </option>
          {cards
            .filter((c) => c.active)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
      </Field>
      <button
        type="button"
        disabled={locked || card === '' || card === show.priceCardId}
        onClick={() =>
          void run(
            () => api.patchShow(show.id, { priceCardId: card }),
            `${show.filmTitle} is priced with ${cards.find((c) => c.id === card)?.name ?? 'the card'} from now on.`,
          )
        }
      >
        Use this card
      </button>
      <fieldset className="planner-quotas" disabled={locked}>
        <legend>Channel quotas (% of {show.capacity} seats; empty: no limit)</legend>
        <Field id="show-web" label="Web may sell (%)">
          <input inputMode="numeric" value={web} onChange={(e) => setWeb(e.target.value)} />
        </Field>
        <Field id="show-kiosk" label="Kiosks may sell (%)">
          <input inputMode="numeric" value={kiosk} onChange={(e) => setKiosk(e.target.value)} />
        </Field>
        <button type="button" onClick={saveQuotas}>
          Save quotas
        </button>
      </fieldset>
      <button type="button" disabled={locked} onClick={onSeats}>
        House seats…
      </button>
      {show.status === 'draft' ? (
        <button
          type="button"
          className="danger"
          disabled={locked}
          onClick={() =>
            void run(() => api.deleteShow(show.id), `The draft of ${show.filmTitle} was deleted.`)
          }
        >
          Delete draft
        </button>
      ) : (
        <div className="planner-cancel">
          <Field
            id="show-cancel"
            label="Reason to cancel"
            hint="Web customers are refunded and told"
          >
            <input value={reason} disabled={locked} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button
            type="button"
            className="danger"
            disabled={locked || reason.trim() === ''}
            onClick={() => {
              if (
                window.confirm(
                  `Cancel ${show.filmTitle} at ${local(show.startsAt)}? This cannot be undone.`,
                )
              )
                void run(
                  () => api.cancelShow(show.id, reason.trim()),
                  `${show.filmTitle} was cancelled.`,
                );
            }}
          >
            Cancel show
          </button>
        </div>
      )}
    </aside>
  );
}
