// A cinema's taxes (issue 16): components such as CGST + SGST, included or added, per item class,
// with an example line. Each row opens a small form; the server names any field it refuses.
import { useState } from 'react';
import { taxInput, type TaxView } from '../../../../common/api/admin-prices.js';
import { formatMoney, minorDigits } from '../../../../common/money.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { EditForm } from '../kit/EditForm.js';
import { ListTable } from '../kit/ListTable.js';
import { bpOf, customerPays, pct, taxNote } from './customer-pays.js';
import type { PriceRefs } from './PricesScreen.js';

/** The cinema's taxes. */
export function Taxes({ refs }: { refs: PriceRefs }) {
  const { api, cinemaId, readOnly, setDirty } = useAdmin();
  const [editing, setEditing] = useState<TaxView | 'new' | null>(null);
  const [d, setD] = useState({
    name: '',
    percent: '',
    inclusive: true,
    itemClass: 'ticket' as TaxView['itemClass'],
  });
  const [error, setError] = useState<string | null>(null);
  const { currency, locale } = refs.cinema;
  const ten = 10 ** minorDigits(currency) * 10;
  const value = {
    name: d.name.trim(),
    rateBp: bpOf(d.percent),
    inclusive: d.inclusive,
    itemClass: d.itemClass,
  };
  const set = (p: Partial<typeof d>) => {
    setD({ ...d, ...p });
    setDirty(true);
  };
  const openTax = (t: TaxView) => {
    setEditing(t);
    setD({
      name: t.name,
      percent: String(t.rateBp / 100),
      inclusive: t.inclusive,
      itemClass: t.itemClass,
    });
  };
  return (
    <>
      <div className="admin-actions">
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={() => {
            setEditing('new');
            setD({ name: '', percent: '', inclusive: true, itemClass: 'ticket' });
          }}
        >
          New tax
        </button>
      </div>
      {editing && (
        <EditForm
          title={editing === 'new' ? 'New tax' : `Tax ${editing.name}`}
          schema={taxInput}
          value={value}
          onSave={async () => {
            await (editing === 'new'
              ? api.createTax(cinemaId, value)
              : api.updateTax(editing.id, value));
            refs.reload();
          }}
          onClose={() => setEditing(null)}
          fields={(errors) => (
            <>
              <Field
                id="tax-name"
                label="Name"
                error={messageFor(errors, '/name')}
                hint="e.g. CGST"
              >
                <input value={d.name} onChange={(e) => set({ name: e.target.value })} />
              </Field>
              <Field id="tax-rate" label="Rate (%)" error={messageFor(errors, '/rateBp')}>
                <input
                  inputMode="decimal"
                  value={d.percent}
                  onChange={(e) => set({ percent: e.target.value })}
                />
              </Field>
              <Field id="tax-incl" label="In the price">
                <select
                  value={d.inclusive ? 'yes' : 'no'}
                  onChange={(e) => set({ inclusive: e.target.value === 'yes' })}
                >
                  <option value="yes">Included in the price</option>
                  <option value="no">Added on top</option>
                </select>
              </Field>
              <Field id="tax-class" label="Applies to">
                <select
                  value={d.itemClass}
                  onChange={(e) => set({ itemClass: e.target.value as TaxView['itemClass'] })}
                >
                  <option value="ticket">Tickets</option>
                  <option value="concession">Food and drink</option>
                </select>
              </Field>
            </>
          )}
        />
      )}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      <ListTable<TaxView>
        caption="Taxes"
        rows={refs.taxes}
        rowKey={(t) => t.id}
        empty="No taxes: prices are charged as they are."
        onOpen={(t) => {
          setEditing(t);
          setD({
            name: t.name,
            percent: String(t.rateBp / 100),
            inclusive: t.inclusive,
            itemClass: t.itemClass,
          });
        }}
        columns={[
          {
            key: 'name',
            label: 'Tax',
            render: (t) => (
              <button type="button" className="text-button" onClick={() => openTax(t)}>
                {t.name}
              </button>
            ),
          },
          { key: 'rate', label: 'Rate', render: (t) => pct(t.rateBp) },
          { key: 'how', label: 'How', render: (t) => (t.inclusive ? 'Included' : 'Added') },
          {
            key: 'class',
            label: 'On',
            render: (t) => (t.itemClass === 'ticket' ? 'Tickets' : 'Food and drink'),
          },
          {
            key: 'remove',
            label: 'Remove',
            render: (t) => (
              <button
                type="button"
                className="text-button"
                disabled={readOnly !== null}
                onClick={() => {
                  if (window.confirm(`Remove ${t.name} from future sales?`))
                    api.deleteTax(t.id).then(refs.reload, (e: unknown) => setError(errorText(e)));
                }}
              >
                Remove
              </button>
            ),
          },
        ]}
      />
      <p className="field-hint">
        A {formatMoney(ten, currency, locale)} ticket costs{' '}
        {formatMoney(
          customerPays(ten, 10_000, 10_000, refs.taxes, currency) ?? 0,
          currency,
          locale,
        )}
        {taxNote(refs.taxes) ? ` (${taxNote(refs.taxes)})` : ''}.
      </p>
    </>
  );
}
