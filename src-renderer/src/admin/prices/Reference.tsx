// The other price tabs (issue 16): the chain's ticket types and the formats' multipliers (each with
// what an adult seat at 10.00 becomes), a cinema's taxes (with an example line) and its concessions
// menu (items and combos). Each row opens a small form; the server names any field it refuses.
import { useEffect, useState } from 'react';
import {
  concessionInput,
  taxInput,
  ticketTypeInput,
  type ConcessionView,
  type TaxView,
  type TicketTypeView,
} from '../../../../common/api/admin-prices.js';
import { formatMoney, minorDigits, parseMoney } from '../../../../common/money.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { EditForm } from '../kit/EditForm.js';
import { ListTable } from '../kit/ListTable.js';
import { customerPays, taxNote } from './customer-pays.js';
import type { PriceRefs } from './PricesScreen.js';

const pct = (bp: number) => `${String(bp / 100)} %`;
const bpOf = (text: string) => (text.trim() === '' ? Number.NaN : Math.round(Number(text) * 100));

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
