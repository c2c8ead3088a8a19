// The cinema's details: name, address, time zone, currency, locale and the tax ids printed on
// tickets and receipts.
import { errorText } from '../kit/fields.js';
import { useEffect, useMemo, useState } from 'react';
import {
  cinemaPatch,
  type CinemaPatch,
  type CinemaView,
} from '../../../../common/api/admin-cinemas.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { fieldErrorsOf, messageFor } from '../kit/fields.js';
import { useSave } from '../kit/use-save.js';

type Draft = {
  name: string;
  address: string;
  timeZone: string;
  currency: string;
  locale: string;
  taxIds: string;
  adsMinutes: string;
  dayStartsAt: string;
};
const draftOf = (c: CinemaView): Draft => ({
  name: c.name,
  address: c.address,
  timeZone: c.timeZone,
  currency: c.currency,
  locale: c.locale,
  taxIds: c.taxIds.join('\n'),
  adsMinutes: String(c.adsMinutes),
  dayStartsAt: c.dayStartsAt,
});
const patchOf = (d: Draft): CinemaPatch => ({
  name: d.name.trim(),
  address: d.address.trim(),
  timeZone: d.timeZone,
  currency: d.currency.trim(),
  locale: d.locale.trim(),
  taxIds: d.taxIds
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== ''),
  adsMinutes: d.adsMinutes.trim() === '' ? Number.NaN : Number(d.adsMinutes),
  dayStartsAt: d.dayStartsAt.trim(),
});
const ZONES = Intl.supportedValuesOf('timeZone');

/** The cinema section. */
export function CinemaScreen() {
  const { api, cinemaId } = useAdmin();
  const [cinema, setCinema] = useState<CinemaView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.cinema(cinemaId).then(setCinema, (e: unknown) => {
      setError(errorText(e));
    });
  }, [api, cinemaId]);
  return (
    <section aria-labelledby="cinema-h" className="admin-section">
      <header className="admin-head">
        <h2 id="cinema-h">Cinema{cinema ? `: ${cinema.name}` : ''}</h2>
      </header>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="admin-ok" role="status">
          Saved. The next ticket and receipt of every station of this cinema print it.
        </p>
      )}
      {cinema && (
        <CinemaForm
          key={JSON.stringify(cinema)}
          cinema={cinema}
          onEdit={() => setSaved(false)}
          onSaved={(c) => {
            setCinema(c);
            setSaved(true);
          }}
        />
      )}
    </section>
  );
}

function CinemaForm({
  cinema,
  onSaved,
  onEdit,
}: {
  cinema: CinemaView;
  onSaved: (c: CinemaView) => void;
  onEdit: () => void;
}) {
  const { api, readOnly, setDirty } = useAdmin();
  const initial = useMemo(() => draftOf(cinema), [cinema]);
  const [d, setD] = useState(initial);
  const { save, saving, error, serverErrors } = useSave();
  const dirty = JSON.stringify(d) !== JSON.stringify(initial);
  useEffect(() => {
    setDirty(dirty);
    return () => setDirty(false);
  }, [dirty, setDirty]);
  const errors = fieldErrorsOf(cinemaPatch, patchOf(d));
  const shown = (f: string) => messageFor(serverErrors, f) ?? messageFor(errors, f);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    onEdit();
    setD({ ...d, [k]: e.target.value });
  };
  return (
    <form
      className="admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(errors).length > 0) return;
        void save(() => api.updateCinema(cinema.id, patchOf(d))).then((c) => {
          if (!c) return;
          setDirty(false);
          onSaved(c);
        });
      }}
    >
      <fieldset disabled={readOnly !== null || saving} className="admin-grid">
        <Field id="cinema-name" label="Name" error={shown('/name')}>
          <input value={d.name} onChange={set('name')} />
        </Field>
        <Field
          id="cinema-address"
          label="Address"
          error={shown('/address')}
          hint="Printed on tickets and receipts"
        >
          <input value={d.address} onChange={set('address')} />
        </Field>
        <Field id="cinema-zone" label="Time zone" error={shown('/timeZone')}>
          <select value={d.timeZone} onChange={set('timeZone')}>
            {(ZONES.includes(d.timeZone) ? ZONES : [d.timeZone, ...ZONES]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </Field>
        <Field
          id="cinema-currency"
          label="Currency"
          error={shown('/currency')}
          hint="ISO code, e.g. GBP; fixed once prices exist"
        >
          <input value={d.currency} onChange={set('currency')} />
        </Field>
        <Field
          id="cinema-locale"
          label="Locale"
          error={shown('/locale')}
          hint="How numbers and dates are written, e.g. en-GB"
        >
          <input value={d.locale} onChange={set('locale')} />
        </Field>
        <Field
          id="cinema-tax"
          label="Tax ids"
          error={shown('/taxIds')}
          hint="One per line, up to 4; printed under the address"
        >
          <textarea rows={3} value={d.taxIds} onChange={set('taxIds')} />
        </Field>
        <Field
          id="cinema-ads"
          label="Ads and trailers (minutes)"
          error={shown('/adsMinutes')}
          hint="Before each film; new shows take the screen this much earlier"
        >
          <input inputMode="numeric" value={d.adsMinutes} onChange={set('adsMinutes')} />
        </Field>
        <Field
          id="cinema-day"
          label="Cinema day starts at"
          error={shown('/dayStartsAt')}
          hint="Sales before this time count on the day before in reports (from now on)"
        >
          <input value={d.dayStartsAt} onChange={set('dayStartsAt')} placeholder="06:00" />
        </Field>
      </fieldset>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={readOnly !== null || saving || !dirty}>
          Save cinema
        </button>
        <button type="button" disabled={!dirty} onClick={() => setD(initial)}>
          Undo changes
        </button>
      </div>
    </form>
  );
}
