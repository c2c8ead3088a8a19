// A cinema's concessions menu (issue 16): items and combos, prices, tax class and availability.
// Each row opens a small form; the server names any field it refuses.
import { useEffect, useState } from 'react';
import { concessionInput, type ConcessionView } from '../../../../common/api/admin-prices.js';
import { formatMoney, minorDigits, parseMoney } from '../../../../common/money.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { EditForm } from '../kit/EditForm.js';
import { ListTable } from '../kit/ListTable.js';
import type { PriceRefs } from './PricesScreen.js';

/** The concessions menu. */
export function Concessions({ refs }: { refs: PriceRefs }) {
  const { api, cinemaId, readOnly, setDirty } = useAdmin();
  const [items, setItems] = useState<ConcessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ConcessionView | 'new' | null>(null);
  const [n, setN] = useState(0);
  const { currency, locale } = refs.cinema;
  const digits = minorDigits(currency);
  const [d, setD] = useState({
    name: '',
    category: '',
    price: '',
    active: true,
    comboOf: [] as string[],
  });
  useEffect(() => {
    api.concessions(cinemaId).then(setItems, (e: unknown) => setError(errorText(e)));
  }, [api, cinemaId, n]);
  const value = {
    name: d.name.trim(),
    category: d.category.trim(),
    priceMinor: parseMoney(d.price, currency) ?? Number.NaN,
    currency,
    comboOf: d.comboOf.length === 0 ? null : d.comboOf,
    active: d.active,
  };
  const set = (p: Partial<typeof d>) => {
    setD({ ...d, ...p });
    setDirty(true);
  };
  const nameOf = (id: string) => items?.find((i) => i.id === id)?.name ?? '?';
  const openItem = (i: ConcessionView) => {
    setEditing(i);
    setD({
      name: i.name,
      category: i.category,
      price: (i.priceMinor / 10 ** digits).toFixed(digits),
      active: i.active,
      comboOf: i.comboOf ?? [],
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
            setD({ name: '', category: '', price: '', active: true, comboOf: [] });
          }}
        >
          New item
        </button>
      </div>
      {editing && (
        <EditForm
          title={editing === 'new' ? 'New menu item' : `Menu item ${editing.name}`}
          schema={concessionInput}
          value={value}
          onSave={async () => {
            await (editing === 'new'
              ? api.createConcession(cinemaId, value)
              : api.updateConcession(editing.id, value));
            setN((x) => x + 1);
          }}
          onClose={() => setEditing(null)}
          fields={(errors) => (
            <>
              <Field id="item-name" label="Name" error={messageFor(errors, '/name')}>
                <input value={d.name} onChange={(e) => set({ name: e.target.value })} />
              </Field>
              <Field
                id="item-cat"
                label="Category"
                error={messageFor(errors, '/category')}
                hint="e.g. Snacks, Drinks, Combos"
              >
                <input value={d.category} onChange={(e) => set({ category: e.target.value })} />
              </Field>
              <Field
                id="item-price"
                label={`Price (${currency})`}
                error={messageFor(errors, '/priceMinor')}
              >
                <input
                  inputMode="decimal"
                  value={d.price}
                  onChange={(e) => set({ price: e.target.value })}
                />
              </Field>
              <fieldset className="checks">
                <legend>A combo of (two or more; none: a single item)</legend>
                {(items ?? [])
                  .filter((i) => i.comboOf === null && (editing === 'new' || i.id !== editing.id))
                  .map((i) => (
                    <label key={i.id}>
                      <input
                        type="checkbox"
                        checked={d.comboOf.includes(i.id)}
                        onChange={() =>
                          set({
                            comboOf: d.comboOf.includes(i.id)
                              ? d.comboOf.filter((x) => x !== i.id)
                              : [...d.comboOf, i.id],
                          })
                        }
                      />
                      {i.name}
                    </label>
                  ))}
              </fieldset>
              {messageFor(errors, '/comboOf') && (
                <p className="field-error">{messageFor(errors, '/comboOf')}</p>
              )}
              <label className="prices-check">
                <input
                  type="checkbox"
                  checked={d.active}
                  onChange={() => set({ active: !d.active })}
                />{' '}
                On sale at this cinema
              </label>
            </>
          )}
        />
      )}
      <ListTable<ConcessionView>
        caption="Concessions menu"
        rows={items}
        rowKey={(i) => i.id}
        error={error}
        empty="The menu is empty."
        onOpen={openItem}
        columns={[
          {
            key: 'name',
            label: 'Item',
            render: (i) => (
              <button type="button" className="text-button" onClick={() => openItem(i)}>
                {i.name}
              </button>
            ),
          },
          { key: 'category', label: 'Category', render: (i) => i.category },
          {
            key: 'price',
            label: 'Price',
            render: (i) => formatMoney(i.priceMinor, i.currency, locale),
          },
          {
            key: 'combo',
            label: 'Combo of',
            render: (i) => (i.comboOf === null ? '—' : i.comboOf.map(nameOf).join(' + ')),
          },
          { key: 'state', label: 'State', render: (i) => (i.active ? 'On sale' : 'Off the menu') },
        ]}
      />
    </>
  );
}
