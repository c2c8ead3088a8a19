// A screen's seat layouts: every version with its counts and use; draw a new one, edit one (a
// version that shows use is saved as the next version), choose the one new shows get.
import { errorText } from '../kit/fields.js';
import { useEffect, useState } from 'react';
import type { ScreenView } from '../../../../common/api/admin-cinemas.js';
import type {
  LayoutDraft,
  LayoutSummary,
  LayoutView,
} from '../../../../common/api/admin-layouts.js';
import type { AdminApi } from '../api.js';
import { AdminError } from '../api.js';
import { useAdmin } from '../context.js';
import { ListTable } from '../kit/ListTable.js';
import { blankDraft } from './editor-state.js';
import { LayoutEditor } from './LayoutEditor.js';

const DEFAULT_CATEGORIES = [
  { code: 'STD', name: 'Standard', rank: 1, color: '#4F7CAC' },
  { code: 'PRM', name: 'Premium', rank: 2, color: '#D9A441' },
];

/** The layouts of one screen. */
export function LayoutsScreen(props: {
  api: AdminApi;
  screen: ScreenView;
  readOnly: boolean;
  onBack: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { api, screen, readOnly, onBack } = props;
  // Closing the editor with unsaved changes asks first, as leaving any admin form does.
  const { guard } = useAdmin();
  const [list, setList] = useState<LayoutSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ layout: LayoutView | null; draft: LayoutDraft } | null>(
    null,
  );
  const [size, setSize] = useState({ rows: '10', columns: '14' });
  const [message, setMessage] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    api.layouts(screen.id).then(setList, (e: unknown) => {
      setError(errorText(e));
    });
  }, [api, screen.id, reload]);

  if (editing)
    return (
      <LayoutEditor
        screenName={screen.name}
        layout={editing.layout}
        initial={editing.draft}
        readOnly={readOnly}
        onDirtyChange={props.onDirtyChange}
        onCancel={() => guard(() => setEditing(null))}
        onSave={async (draft) => {
          if (editing.layout) {
            const saved = await api.saveLayout(editing.layout.id, draft);
            setMessage(
              saved.outcome === 'new-version'
                ? `Saved as version ${String(saved.layout.version)}: new shows get it; the ${String(editing.layout.showCount)} shows that have version ${String(editing.layout.version)} keep their map.`
                : 'Saved. No show used this layout, so it was changed in place.',
            );
          } else {
            const made = await api.createLayout(screen.id, draft);
            setMessage(`Layout “${made.name}” saved: new shows of ${screen.name} get it.`);
          }
          setEditing(null);
          setReload((n) => n + 1);
        }}
      />
    );
  const rows = Number(size.rows);
  const columns = Number(size.columns);
  const sizeOk =
    Number.isInteger(rows) &&
    rows >= 1 &&
    rows <= 60 &&
    Number.isInteger(columns) &&
    columns >= 1 &&
    columns <= 80;
  return (
    <section aria-labelledby="layouts-h" className="admin-section">
      <header className="admin-head">
        <h2 id="layouts-h">Seat layouts of {screen.name}</h2>
        <button type="button" onClick={onBack}>
          Back to screens
        </button>
      </header>
      {message && (
        <p className="admin-ok" role="status">
          {message}
        </p>
      )}
      <form
        className="admin-inline-form layout-new"
        aria-label="New layout"
        onSubmit={(e) => {
          e.preventDefault();
          if (sizeOk)
            setEditing({
              layout: null,
              draft: blankDraft(`${screen.name} layout`, rows, columns, DEFAULT_CATEGORIES),
            });
        }}
      >
        <label>
          Rows{' '}
          <input
            inputMode="numeric"
            value={size.rows}
            onChange={(e) => setSize({ ...size, rows: e.target.value })}
          />
        </label>
        <label>
          Seats across{' '}
          <input
            inputMode="numeric"
            value={size.columns}
            onChange={(e) => setSize({ ...size, columns: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" disabled={readOnly || !sizeOk}>
          New layout
        </button>
        {!sizeOk && <span className="field-error">1–60 rows and 1–80 seats across</span>}
      </form>
      <ListTable<LayoutSummary>
        caption="Layout versions"
        rows={list}
        rowKey={(l) => l.id}
        error={error}
        empty="No layout yet: draw one."
        columns={[
          { key: 'name', label: 'Layout', render: (l) => `${l.name} (v${String(l.version)})` },
          {
            key: 'active',
            label: 'New shows',
            render: (l) =>
              l.active ? <span className="badge badge-now_showing">Active</span> : '',
          },
          { key: 'seats', label: 'Seats', render: (l) => String(l.seatCount) },
          {
            key: 'wheelchair',
            label: 'Wheelchair places',
            render: (l) => String(l.wheelchairCount),
          },
          { key: 'shows', label: 'Shows using it', render: (l) => String(l.showCount) },
          { key: 'sold', label: 'Seats sold', render: (l) => String(l.soldCount) },
          {
            key: 'actions',
            label: 'Actions',
            render: (l) => (
              <span className="row-actions">
                <button
                  type="button"
                  onClick={() =>
                    void api.layout(l.id).then(
                      (v) => setEditing({ layout: v, draft: v.draft }),
                      (e: unknown) => setError(e instanceof AdminError ? e.message : String(e)),
                    )
                  }
                >
                  {readOnly ? 'View' : 'Edit'}
                  <span className="visually-hidden">
                    {' '}
                    {l.name} version {l.version}
                  </span>
                </button>
                {!l.active && (
                  <button
                    type="button"
                    disabled={readOnly}
                    onClick={() =>
                      void api.activateLayout(l.id).then(
                        () => setReload((n) => n + 1),
                        (e: unknown) => setError(e instanceof AdminError ? e.message : String(e)),
                      )
                    }
                  >
                    Make active
                    <span className="visually-hidden">
                      {' '}
                      {l.name} version {l.version}
                    </span>
                  </button>
                )}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
