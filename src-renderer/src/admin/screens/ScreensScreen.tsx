// Screens of the cinema: formats, cleaning time, seats of the active layout; add and edit; each
// opens its seat layouts.
import { errorText } from '../kit/fields.js';
import { useEffect, useState } from 'react';
import {
  screenInput,
  type FormatView,
  type ScreenInput,
  type ScreenView,
} from '../../../../common/api/admin-cinemas.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { fieldErrorsOf, messageFor } from '../kit/fields.js';
import { ListTable } from '../kit/ListTable.js';
import { useSave } from '../kit/use-save.js';
import { LayoutsScreen } from '../layouts/LayoutsScreen.js';

/** The screens section. */
export function ScreensScreen() {
  const { api, cinemaId, readOnly, setDirty } = useAdmin();
  const [screens, setScreens] = useState<ScreenView[] | null>(null);
  const [formats, setFormats] = useState<FormatView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ScreenView | 'new' | null>(null);
  const [layoutsOf, setLayoutsOf] = useState<ScreenView | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    api.screens(cinemaId).then(setScreens, (e: unknown) => {
      setError(errorText(e));
    });
    api.formats().then(setFormats, () => undefined);
  }, [api, cinemaId, reload]);
  if (layoutsOf)
    return (
      <LayoutsScreen
        api={api}
        screen={layoutsOf}
        readOnly={readOnly !== null}
        onDirtyChange={setDirty}
        onBack={() => {
          setLayoutsOf(null);
          setReload((n) => n + 1);
        }}
      />
    );
  return (
    <section aria-labelledby="screens-h" className="admin-section">
      <header className="admin-head">
        <h2 id="screens-h">Screens &amp; layouts</h2>
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={() => setEditing('new')}
        >
          New screen
        </button>
      </header>
      {editing && (
        <ScreenForm
          screen={editing === 'new' ? null : editing}
          formats={formats}
          onDone={() => {
            setEditing(null);
            setReload((n) => n + 1);
          }}
        />
      )}
      <ListTable<ScreenView>
        caption="Screens"
        rows={screens}
        rowKey={(s) => s.id}
        error={error}
        empty="This cinema has no screens yet."
        columns={[
          { key: 'name', label: 'Screen', render: (s) => s.name },
          { key: 'formats', label: 'Formats', render: (s) => s.formats.join(', ') || '—' },
          { key: 'seats', label: 'Seats', render: (s) => String(s.seatCount) },
          {
            key: 'wheelchair',
            label: 'Wheelchair places',
            render: (s) => String(s.wheelchairCount),
          },
          { key: 'cleaning', label: 'Cleaning (min)', render: (s) => String(s.cleaningMinutes) },
          { key: 'layouts', label: 'Layout versions', render: (s) => String(s.layoutCount) },
          {
            key: 'actions',
            label: 'Actions',
            render: (s) => (
              <span className="row-actions">
                <button type="button" onClick={() => setLayoutsOf(s)}>
                  Seat layouts<span className="visually-hidden"> of {s.name}</span>
                </button>
                <button type="button" disabled={readOnly !== null} onClick={() => setEditing(s)}>
                  Edit<span className="visually-hidden"> {s.name}</span>
                </button>
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}

function ScreenForm({
  screen,
  formats,
  onDone,
}: {
  screen: ScreenView | null;
  formats: FormatView[];
  onDone: () => void;
}) {
  const { api, cinemaId, readOnly } = useAdmin();
  const [d, setD] = useState<ScreenInput>({
    name: screen?.name ?? '',
    cleaningMinutes: screen?.cleaningMinutes ?? 15,
    formats: screen?.formats ?? ['2D'],
  });
  const { save, saving, error, serverErrors } = useSave();
  const errors = fieldErrorsOf(screenInput, d);
  const shown = (f: string) => messageFor(serverErrors, f) ?? messageFor(errors, f);
  return (
    <form
      className="admin-form admin-inline-form"
      aria-label={screen ? `Edit ${screen.name}` : 'New screen'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(errors).length > 0) return;
        void save(() =>
          screen ? api.updateScreen(screen.id, d) : api.createScreen(cinemaId, d),
        ).then((s) => s && onDone());
      }}
    >
      <fieldset disabled={readOnly !== null || saving} className="admin-grid">
        <Field id="screen-name" label="Screen name" error={shown('/name')}>
          <input value={d.name} autoFocus onChange={(e) => setD({ ...d, name: e.target.value })} />
        </Field>
        <Field
          id="screen-cleaning"
          label="Cleaning between shows (minutes)"
          error={shown('/cleaningMinutes')}
        >
          <input
            inputMode="numeric"
            value={String(d.cleaningMinutes)}
            onChange={(e) => setD({ ...d, cleaningMinutes: Number(e.target.value) })}
          />
        </Field>
        <fieldset
          className="checks"
          aria-describedby={shown('/formats') ? 'screen-formats-error' : undefined}
        >
          <legend>Formats it can show</legend>
          {formats.map((f) => (
            <label key={f.id}>
              <input
                type="checkbox"
                checked={d.formats.includes(f.code)}
                onChange={(e) =>
                  setD({
                    ...d,
                    formats: e.target.checked
                      ? [...d.formats, f.code]
                      : d.formats.filter((c) => c !== f.code),
                  })
                }
              />
              {f.name}
            </label>
          ))}
          {shown('/formats') && (
            <span id="screen-formats-error" className="field-error" role="alert">
              {shown('/formats')}
            </span>
          )}
        </fieldset>
      </fieldset>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={readOnly !== null || saving}>
          {screen ? 'Save screen' : 'Add screen'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
