// Price cards (issue 16; Veezi's price cards): the seat-category prices of the shows a card matches
// by weekday, start time, screen and format. Beside the form, what a customer pays for each seat
// category and ticket type in the chosen format, by the one pricing function.
import { useEffect, useState } from 'react';
import type { ScreenView } from '../../../../common/api/admin-cinemas.js';
import {
  priceCardInput,
  type PriceCardInput,
  type PriceCardView,
} from '../../../../common/api/admin-prices.js';
import { formatMoney, minorDigits, parseMoney } from '../../../../common/money.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { EditForm } from '../kit/EditForm.js';
import { ListTable } from '../kit/ListTable.js';
import { customerPays, taxNote } from './customer-pays.js';
import type { PriceRefs } from './PricesScreen.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Draft = Omit<PriceCardInput, 'prices'> & { prices: Record<string, string> };

const draftOf = (c: PriceCardView | null, currency: string, codes: string[]): Draft => ({
  name: c?.name ?? '',
  currency,
  weekdays: c?.weekdays ?? [1, 2, 3, 4, 5, 6, 7],
  fromTime: c?.fromTime ?? '00:00',
  toTime: c?.toTime ?? '24:00',
  formats: c?.formats ?? [],
  screenIds: c?.screenIds ?? [],
  active: c?.active ?? true,
  prices: Object.fromEntries(
    codes.map((code) => {
      const v = c?.prices[code];
      return [
        code,
        v === undefined ? '' : (v / 10 ** minorDigits(currency)).toFixed(minorDigits(currency)),
      ];
    }),
  ),
});

/** The typed prices in minor units; a bad amount stays NaN so the schema names its field. */
const inputOf = (d: Draft): PriceCardInput => ({
  ...d,
  prices: Object.fromEntries(
    Object.entries(d.prices)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, parseMoney(v, d.currency) ?? Number.NaN]),
  ),
});

/** The price cards tab. */
export function PriceCards({ refs }: { refs: PriceRefs }) {
  const { api, cinemaId, readOnly, setDirty } = useAdmin();
  const [cards, setCards] = useState<PriceCardView[] | null>(null);
  const [codes, setCodes] = useState<{ code: string; name: string }[]>([]);
  const [screens, setScreens] = useState<ScreenView[]>([]);
  const [editing, setEditing] = useState<PriceCardView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    api.priceCards(cinemaId).then(setCards, (e: unknown) => setError(errorText(e)));
    api.seatCategories(cinemaId).then(setCodes, () => undefined);
    api.screens(cinemaId).then(setScreens, () => undefined);
  }, [api, cinemaId, n]);
  const days = (w: number[]) =>
    w.length === 7 ? 'Every day' : w.map((d) => WEEKDAYS[d - 1] ?? '').join(' ');
  return (
    <>
      <div className="admin-actions">
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={() => setEditing('new')}
        >
          New price card
        </button>
      </div>
      {editing && (
        <CardForm
          key={editing === 'new' ? 'new' : editing.id}
          card={editing === 'new' ? null : editing}
          codes={codes}
          screens={screens}
          refs={refs}
          onDone={() => {
            setDirty(false);
            setEditing(null);
            setN((x) => x + 1);
          }}
        />
      )}
      <ListTable<PriceCardView>
        caption="Price cards"
        rows={cards}
        rowKey={(c) => c.id}
        error={error}
        empty="No price cards yet: new shows cannot be priced until there is one."
        onOpen={(c) => setEditing(c)}
        columns={[
          {
            key: 'name',
            label: 'Card',
            render: (c) => (
              <button type="button" className="text-button" onClick={() => setEditing(c)}>
                {c.name}
              </button>
            ),
          },
          { key: 'days', label: 'Days', render: (c) => days(c.weekdays) },
          { key: 'times', label: 'Starts', render: (c) => `${c.fromTime}–${c.toTime}` },
          {
            key: 'applies',
            label: 'Applies to',
            render: (c) =>
              [
                c.formats.join(', ') || 'all formats',
                c.screenIds.length === 0
                  ? 'all screens'
                  : `${String(c.screenIds.length)} screen(s)`,
              ].join('; '),
          },
          {
            key: 'prices',
            label: 'Prices',
            render: (c) =>
              Object.entries(c.prices)
                .map(([k, v]) => `${k} ${formatMoney(v, c.currency, refs.cinema.locale)}`)
                .join(' · '),
          },
          { key: 'shows', label: 'Coming shows', render: (c) => String(c.upcomingShows) },
          { key: 'state', label: 'State', render: (c) => (c.active ? 'In use' : 'Withdrawn') },
        ]}
      />
    </>
  );
}

function CardForm({
  card,
  codes,
  screens,
  refs,
  onDone,
}: {
  card: PriceCardView | null;
  codes: { code: string; name: string }[];
  screens: ScreenView[];
  refs: PriceRefs;
  onDone: () => void;
}) {
  const { api, cinemaId, readOnly, setDirty } = useAdmin();
  const currency = refs.cinema.currency;
  const [d, setD] = useState<Draft>(() =>
    draftOf(
      card,
      currency,
      codes.map((c) => c.code),
    ),
  );
  const [format, setFormat] = useState(
    refs.formats.find((f) => f.code === '2D')?.code ?? refs.formats[0]?.code ?? '',
  );
  const [copyName, setCopyName] = useState('');
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch });
    setDirty(true);
  };
  const toggle = <T,>(list: T[], v: T) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  const formatBp = refs.formats.find((f) => f.code === format)?.multiplierBp ?? 10_000;
  const taxes = refs.taxes.map((t) => ({
    name: t.name,
    rateBp: t.rateBp,
    inclusive: t.inclusive,
    itemClass: t.itemClass,
  }));
  const money = (v: number | null) =>
    v === null ? '—' : formatMoney(v, currency, refs.cinema.locale);
  return (
    <EditForm
      title={card ? `Price card: ${card.name}` : 'New price card'}
      schema={priceCardInput}
      value={inputOf(d)}
      saveLabel={card ? 'Save card' : 'Add card'}
      onSave={() =>
        card === null
          ? api.createPriceCard(cinemaId, inputOf(d))
          : api.updatePriceCard(card.id, inputOf(d))
      }
      onClose={onDone}
      aside={
        <div className="prices-pays">
          <h4 id="pays-h">What a customer pays</h4>
          <Field id="pays-format" label="Format">
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              {refs.formats.map((f) => (
                <option key={f.id} value={f.code}>
                  {f.code} (×{f.multiplierBp / 10_000})
                </option>
              ))}
            </select>
          </Field>
          <table className="admin-table" aria-labelledby="pays-h">
            <thead>
              <tr>
                <th scope="col">Seat</th>
                {refs.ticketTypes.map((t) => (
                  <th key={t.id} scope="col">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {codes.map((c) => {
                const base = parseMoney(d.prices[c.code] ?? '', currency);
                return (
                  <tr key={c.code}>
                    <th scope="row">{c.name}</th>
                    {refs.ticketTypes.map((t) => (
                      <td key={t.id}>
                        {money(
                          base === null
                            ? null
                            : customerPays(base, formatBp, t.multiplierBp, taxes, currency),
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="field-hint">{taxNote(taxes) || 'No ticket taxes set for this cinema.'}</p>
        </div>
      }
      actions={(run) =>
        card && (
          <>
            <input
              aria-label="Name of the copy"
              placeholder="Name of the copy"
              value={copyName}
              onChange={(e) => setCopyName(e.target.value)}
            />
            <button
              type="button"
              disabled={readOnly !== null || copyName.trim() === ''}
              onClick={() => run(() => api.copyPriceCard(card.id, copyName.trim()))}
            >
              Copy as new
            </button>
          </>
        )
      }
      fields={(errors) => (
        <>
          <Field id="card-name" label="Name" error={messageFor(errors, '/name')}>
            <input value={d.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field
            id="card-from"
            label="Shows starting from"
            error={messageFor(errors, '/fromTime')}
            hint="HH:MM"
          >
            <input value={d.fromTime} onChange={(e) => set({ fromTime: e.target.value })} />
          </Field>
          <Field
            id="card-to"
            label="…until"
            error={messageFor(errors, '/toTime')}
            hint="HH:MM, 24:00 for midnight"
          >
            <input value={d.toTime} onChange={(e) => set({ toTime: e.target.value })} />
          </Field>
          <fieldset className="checks">
            <legend>Days</legend>
            {WEEKDAYS.map((w, i) => (
              <label key={w}>
                <input
                  type="checkbox"
                  checked={d.weekdays.includes(i + 1)}
                  onChange={() => set({ weekdays: toggle(d.weekdays, i + 1).sort() })}
                />
                {w}
              </label>
            ))}
          </fieldset>
          {messageFor(errors, '/weekdays') && (
            <p className="field-error">{messageFor(errors, '/weekdays')}</p>
          )}
          <fieldset className="checks">
            <legend>Formats (none: all)</legend>
            {refs.formats.map((f) => (
              <label key={f.id}>
                <input
                  type="checkbox"
                  checked={d.formats.includes(f.code)}
                  onChange={() => set({ formats: toggle(d.formats, f.code) })}
                />
                {f.code}
              </label>
            ))}
          </fieldset>
          <fieldset className="checks">
            <legend>Screens (none: all)</legend>
            {screens.map((s) => (
              <label key={s.id}>
                <input
                  type="checkbox"
                  checked={d.screenIds.includes(s.id)}
                  onChange={() => set({ screenIds: toggle(d.screenIds, s.id) })}
                />
                {s.name}
              </label>
            ))}
          </fieldset>
          {codes.map((c) => (
            <Field
              key={c.code}
              id={`card-price-${c.code}`}
              label={`${c.name} (${c.code}), ${currency}`}
              error={messageFor(errors, `/prices/${c.code}`)}
              hint="Adult, before format and tax"
            >
              <input
                inputMode="decimal"
                value={d.prices[c.code] ?? ''}
                onChange={(e) => set({ prices: { ...d.prices, [c.code]: e.target.value } })}
              />
            </Field>
          ))}
          <label className="prices-check">
            <input type="checkbox" checked={d.active} onChange={() => set({ active: !d.active })} />{' '}
            In use (untick to withdraw)
          </label>
        </>
      )}
    />
  );
}
