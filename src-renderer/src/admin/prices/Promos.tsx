// Promo codes of the chain (issue 16): percent or fixed, a validity window in the cinema's local
// time, a usage limit, a minimum spend and the channels they may be used on.
import { useEffect, useState } from 'react';
import {
  promoInput,
  type PromoInput,
  type PromoView,
} from '../../../../common/api/admin-prices.js';
import { formatMoney, minorDigits, parseMoney } from '../../../../common/money.js';
import { localDateOf, zonedInstant } from '../../../../common/schedule.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { EditForm } from '../kit/EditForm.js';
import { ListTable } from '../kit/ListTable.js';
import type { PriceRefs } from './PricesScreen.js';

const CHANNELS = [
  { id: 'counter', label: 'Counter' },
  { id: 'kiosk', label: 'Kiosk' },
  { id: 'web', label: 'Web' },
] as const;

type Draft = {
  code: string;
  name: string;
  kind: 'percent' | 'fixed';
  value: string;
  validFrom: string;
  validTo: string;
  maxUses: string;
  minSpend: string;
  channels: PromoInput['channels'];
  active: boolean;
};

/** An instant as a datetime-local value in a zone ("2030-03-04T18:30"). */
function localInput(iso: string | null, tz: string): string {
  if (iso === null) return '';
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${localDateOf(at, tz)}T${time}`;
}

/** A datetime-local value in a zone as an ISO instant; NaN text when it is not one. */
function instantOf(v: string, tz: string): string | null {
  if (v.trim() === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(v);
  return m ? zonedInstant(m[1] ?? '', m[2] ?? '', tz).toISOString() : 'invalid';
}

/** The promo codes tab. */
export function Promos({ refs }: { refs: PriceRefs }) {
  const { api, readOnly, setDirty } = useAdmin();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('all');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ items: PromoView[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PromoView | 'new' | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    api
      .promos({ q, status, page, pageSize: 25 })
      .then(setRows, (e: unknown) => setError(errorText(e)));
  }, [api, q, status, page, n]);
  const { currency, locale, timeZone } = refs.cinema;
  const when = (iso: string | null) =>
    iso === null
      ? '—'
      : new Intl.DateTimeFormat(locale, {
          timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(new Date(iso));
  return (
    <>
      <div className="admin-actions">
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={() => setEditing('new')}
        >
          New promo code
        </button>
      </div>
      {editing && (
        <PromoForm
          key={editing === 'new' ? 'new' : editing.id}
          promo={editing === 'new' ? null : editing}
          currency={currency}
          timeZone={timeZone}
          onDone={() => {
            setDirty(false);
            setEditing(null);
            setN((x) => x + 1);
          }}
        />
      )}
      <ListTable<PromoView>
        caption="Promo codes"
        rows={rows?.items ?? null}
        rowKey={(p) => p.id}
        error={error}
        empty="No promo codes match."
        search={{
          value: q,
          onChange: (v) => {
            setQ(v);
            setPage(1);
          },
          label: 'Search codes',
        }}
        filters={
          <select
            aria-label="Which codes"
            className="admin-filter"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="all">All codes</option>
            <option value="current">Current</option>
            <option value="expired">Expired</option>
            <option value="withdrawn">Withdrawn</option>
          </select>
        }
        paging={{ page, pageSize: 25, total: rows?.total ?? 0, onPage: setPage }}
        onOpen={(p) => setEditing(p)}
        columns={[
          {
            key: 'code',
            label: 'Code',
            render: (p) => (
              <button type="button" className="text-button" onClick={() => setEditing(p)}>
                {p.code}
              </button>
            ),
          },
          { key: 'name', label: 'Name', render: (p) => p.name },
          {
            key: 'value',
            label: 'Takes off',
            render: (p) =>
              p.kind === 'percent'
                ? `${String(p.value / 100)} %`
                : formatMoney(p.value, p.currency ?? currency, locale),
          },
          {
            key: 'valid',
            label: 'Valid',
            render: (p) => `${when(p.validFrom)} → ${when(p.validTo)}`,
          },
          {
            key: 'uses',
            label: 'Used',
            render: (p) =>
              `${String(p.uses)}${p.maxUses === null ? '' : ` of ${String(p.maxUses)}`}`,
          },
          { key: 'channels', label: 'Where', render: (p) => p.channels.join(', ') },
          { key: 'state', label: 'State', render: (p) => (p.active ? 'Active' : 'Withdrawn') },
        ]}
      />
    </>
  );
}

function PromoForm({
  promo,
  currency,
  timeZone,
  onDone,
}: {
  promo: PromoView | null;
  currency: string;
  timeZone: string;
  onDone: () => void;
}) {
  const { api, setDirty } = useAdmin();
  const digits = minorDigits(currency);
  const [d, setD] = useState<Draft>(() => ({
    code: promo?.code ?? '',
    name: promo?.name ?? '',
    kind: promo?.kind ?? 'percent',
    value:
      promo === null
        ? ''
        : promo.kind === 'percent'
          ? String(promo.value / 100)
          : (promo.value / 10 ** digits).toFixed(digits),
    validFrom: localInput(promo?.validFrom ?? null, timeZone),
    validTo: localInput(promo?.validTo ?? null, timeZone),
    maxUses: promo?.maxUses === null || promo === null ? '' : String(promo.maxUses),
    minSpend:
      promo?.minSpendMinor == null ? '' : (promo.minSpendMinor / 10 ** digits).toFixed(digits),
    channels: promo?.channels ?? ['counter', 'kiosk', 'web'],
    active: promo?.active ?? true,
  }));
  const input = (): PromoInput => ({
    code: d.code.trim(),
    name: d.name.trim(),
    kind: d.kind,
    value:
      d.kind === 'percent'
        ? Math.round(Number(d.value) * 100)
        : (parseMoney(d.value, currency) ?? Number.NaN),
    currency: d.kind === 'fixed' ? currency : null,
    validFrom: instantOf(d.validFrom, timeZone),
    validTo: instantOf(d.validTo, timeZone),
    maxUses: d.maxUses.trim() === '' ? null : Number(d.maxUses),
    minSpendMinor:
      d.minSpend.trim() === '' ? null : (parseMoney(d.minSpend, currency) ?? Number.NaN),
    channels: d.channels,
    active: d.active,
  });
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch });
    setDirty(true);
  };
  return (
    <EditForm
      title={promo ? `Promo code ${promo.code}` : 'New promo code'}
      schema={promoInput}
      value={input()}
      saveLabel={promo ? 'Save code' : 'Add code'}
      onSave={() =>
        promo === null ? api.createPromo(input()) : api.updatePromo(promo.id, input())
      }
      onClose={onDone}
      note={
        promo && (
          <p className="admin-note">
            Used {promo.uses} time{promo.uses === 1 ? '' : 's'} so far.
          </p>
        )
      }
      fields={(errors) => (
        <>
          <Field
            id="promo-code"
            label="Code"
            error={messageFor(errors, '/code')}
            hint="What customers type, e.g. SUMMER10"
          >
            <input value={d.code} onChange={(e) => set({ code: e.target.value })} />
          </Field>
          <Field id="promo-name" label="Name" error={messageFor(errors, '/name')}>
            <input value={d.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field id="promo-kind" label="Kind">
            <select value={d.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
              <option value="percent">Percent off</option>
              <option value="fixed">Amount off ({currency})</option>
            </select>
          </Field>
          <Field
            id="promo-value"
            label={d.kind === 'percent' ? 'Percent off' : `Amount off (${currency})`}
            error={messageFor(errors, '/value') ?? messageFor(errors, '/currency')}
          >
            <input
              inputMode="decimal"
              value={d.value}
              onChange={(e) => set({ value: e.target.value })}
            />
          </Field>
          <Field
            id="promo-from"
            label="Valid from"
            error={messageFor(errors, '/validFrom')}
            hint={`Cinema time (${timeZone}); empty: now`}
          >
            <input
              type="datetime-local"
              value={d.validFrom}
              onChange={(e) => set({ validFrom: e.target.value })}
            />
          </Field>
          <Field
            id="promo-to"
            label="Valid until"
            error={messageFor(errors, '/validTo')}
            hint="Empty: no end"
          >
            <input
              type="datetime-local"
              value={d.validTo}
              onChange={(e) => set({ validTo: e.target.value })}
            />
          </Field>
          <Field
            id="promo-max"
            label="Most uses"
            error={messageFor(errors, '/maxUses')}
            hint="Empty: no limit"
          >
            <input
              inputMode="numeric"
              value={d.maxUses}
              onChange={(e) => set({ maxUses: e.target.value })}
            />
          </Field>
          <Field
            id="promo-min"
            label={`Minimum spend (${currency})`}
            error={messageFor(errors, '/minSpendMinor')}
            hint="Empty: none"
          >
            <input
              inputMode="decimal"
              value={d.minSpend}
              onChange={(e) => set({ minSpend: e.target.value })}
            />
          </Field>
          <fieldset className="checks">
            <legend>Where it can be used</legend>
            {CHANNELS.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={d.channels.includes(c.id)}
                  onChange={() =>
                    set({
                      channels: d.channels.includes(c.id)
                        ? d.channels.filter((x) => x !== c.id)
                        : [...d.channels, c.id],
                    })
                  }
                />
                {c.label}
              </label>
            ))}
          </fieldset>
          {messageFor(errors, '/channels') && (
            <p className="field-error">{messageFor(errors, '/channels')}</p>
          )}
          <label className="prices-check">
            <input type="checkbox" checked={d.active} onChange={() => set({ active: !d.active })} />{' '}
            Active (untick to withdraw)
          </label>
        </>
      )}
    />
  );
}
