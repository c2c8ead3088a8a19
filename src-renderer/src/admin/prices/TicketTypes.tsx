// The chain's ticket types and the formats' multipliers (issue 16), each with what an adult seat at
// 10.00 becomes. Each row opens a small form; the server names any field it refuses.
import { useState } from 'react';
import { ticketTypeInput, type TicketTypeView } from '../../../../common/api/admin-prices.js';
import { formatMoney, minorDigits } from '../../../../common/money.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { EditForm } from '../kit/EditForm.js';
import { ListTable } from '../kit/ListTable.js';
import { bpOf, customerPays, pct } from './customer-pays.js';
import type { PriceRefs } from './PricesScreen.js';

/** Ticket types and format multipliers. */
export function TypesAndFormats({ refs }: { refs: PriceRefs }) {
  const { api, readOnly, setDirty } = useAdmin();
  const [editing, setEditing] = useState<TicketTypeView | 'new' | null>(null);
  const [d, setD] = useState({ code: '', name: '', percent: '100', sortOrder: '1' });
  const [fmtError, setFmtError] = useState<string | null>(null);
  const { currency, locale } = refs.cinema;
  const ten = 10 ** minorDigits(currency) * 10;
  const value = {
    code: d.code.trim(),
    name: d.name.trim(),
    multiplierBp: bpOf(d.percent),
    sortOrder: Number(d.sortOrder),
  };
  const open = (t: TicketTypeView | 'new') => {
    setEditing(t);
    setD(
      t === 'new'
        ? { code: '', name: '', percent: '100', sortOrder: String(refs.ticketTypes.length + 1) }
        : {
            code: t.code,
            name: t.name,
            percent: String(t.multiplierBp / 100),
            sortOrder: String(t.sortOrder),
          },
    );
  };
  const set = (p: Partial<typeof d>) => {
    setD({ ...d, ...p });
    setDirty(true);
  };
  return (
    <>
      <div className="admin-actions">
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={() => open('new')}
        >
          New ticket type
        </button>
      </div>
      {editing && (
        <EditForm
          title={editing === 'new' ? 'New ticket type' : `Ticket type ${editing.name}`}
          schema={ticketTypeInput}
          value={value}
          onSave={async () => {
            await (editing === 'new'
              ? api.createTicketType(value)
              : api.updateTicketType(editing.id, value));
            refs.reload();
          }}
          onClose={() => setEditing(null)}
          fields={(errors) => (
            <>
              <Field
                id="tt-code"
                label="Code"
                error={messageFor(errors, '/code')}
                hint="Capitals, e.g. SENIOR"
              >
                <input value={d.code} onChange={(e) => set({ code: e.target.value })} />
              </Field>
              <Field id="tt-name" label="Name" error={messageFor(errors, '/name')}>
                <input value={d.name} onChange={(e) => set({ name: e.target.value })} />
              </Field>
              <Field
                id="tt-pct"
                label="Percent of the seat price"
                error={messageFor(errors, '/multiplierBp')}
              >
                <input
                  inputMode="decimal"
                  value={d.percent}
                  onChange={(e) => set({ percent: e.target.value })}
                />
              </Field>
              <Field
                id="tt-order"
                label="Order at the counter"
                error={messageFor(errors, '/sortOrder')}
              >
                <input
                  inputMode="numeric"
                  value={d.sortOrder}
                  onChange={(e) => set({ sortOrder: e.target.value })}
                />
              </Field>
            </>
          )}
        />
      )}
      <ListTable<TicketTypeView>
        caption="Ticket types"
        rows={refs.ticketTypes}
        rowKey={(t) => t.id}
        empty="No ticket types."
        onOpen={open}
        columns={[
          {
            key: 'name',
            label: 'Ticket type',
            render: (t) => (
              <button type="button" className="text-button" onClick={() => open(t)}>
                {t.name}
              </button>
            ),
          },
          { key: 'code', label: 'Code', render: (t) => t.code },
          { key: 'pct', label: 'Of the seat price', render: (t) => pct(t.multiplierBp) },
          {
            key: 'example',
            label: `A ${formatMoney(ten, currency, locale)} 2D seat`,
            render: (t) =>
              formatMoney(
                customerPays(ten, 10_000, t.multiplierBp, refs.taxes, currency) ?? 0,
                currency,
                locale,
              ),
          },
        ]}
      />
      <h3>Formats</h3>
      {fmtError && (
        <p className="admin-error" role="alert">
          {fmtError}
        </p>
      )}
      <table className="admin-table">
        <caption className="visually-hidden">Format multipliers</caption>
        <thead>
          <tr>
            <th scope="col">Format</th>
            <th scope="col">Multiplier</th>
            <th scope="col">A {formatMoney(ten, currency, locale)} adult seat</th>
          </tr>
        </thead>
        <tbody>
          {refs.formats.map((f) => (
            <tr key={f.id}>
              <th scope="row">
                {f.code} <span className="field-hint">{f.name}</span>
              </th>
              <td>
                <input
                  aria-label={`${f.code} multiplier in percent`}
                  inputMode="decimal"
                  defaultValue={String(f.multiplierBp / 100)}
                  disabled={readOnly !== null}
                  onBlur={(e) => {
                    const bp = bpOf(e.target.value);
                    if (bp === f.multiplierBp) return;
                    api.updateFormat(f.id, { multiplierBp: bp }).then(
                      () => {
                        setFmtError(null);
                        refs.reload();
                      },
                      (err: unknown) => setFmtError(`${f.code}: ${errorText(err)}`),
                    );
                  }}
                />{' '}
                %
              </td>
              <td>
                {formatMoney(
                  customerPays(ten, f.multiplierBp, 10_000, refs.taxes, currency) ?? 0,
                  currency,
                  locale,
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-hint">Only chain admins change formats: every cinema uses them.</p>
    </>
  );
}
