// The cinema's stations: state, last sync and what they have waiting; add one (its one-time
// enrollment code shown once), a new code for one not yet enrolled, revoke.
import { errorText } from '../kit/fields.js';
import { useEffect, useState } from 'react';
import { createStationBody, type StationView } from '../../../../common/api/stations.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { fieldErrorsOf, messageFor } from '../kit/fields.js';
import { ListTable } from '../kit/ListTable.js';
import { ShownOnce } from '../kit/ShownOnce.js';
import { useSave } from '../kit/use-save.js';

/** "3 min ago" for an instant, or "never". */
export function ago(iso: string | null, now = Date.now()): string {
  if (iso === null) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${String(Math.round(s / 60))} min ago`;
  if (s < 86_400) return `${String(Math.round(s / 3600))} h ago`;
  return `${String(Math.round(s / 86_400))} days ago`;
}

const STATE_TEXT = { waiting: 'Waiting for enrollment', enrolled: 'Enrolled', revoked: 'Revoked' };

/** The stations section. */
export function StationsScreen() {
  const { api, cinemaId, readOnly } = useAdmin();
  const [list, setList] = useState<StationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'counter' | 'kiosk' | 'door'>('counter');
  const [code, setCode] = useState<{ name: string; code: string; expiresAt: string } | null>(null);
  const [revoke, setRevoke] = useState<StationView | null>(null);
  const [reload, setReload] = useState(0);
  const { save, saving, error: saveError, serverErrors } = useSave();
  useEffect(() => {
    api.stations(cinemaId).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => {
        setError(errorText(e));
      },
    );
  }, [api, cinemaId, reload]);
  const again = () => setReload((n) => n + 1);
  const off = readOnly !== null;
  const errors = fieldErrorsOf(createStationBody, { name, kind });
  const nameError =
    messageFor(serverErrors, '/name') ?? (name !== '' ? messageFor(errors, '/name') : undefined);
  return (
    <section aria-labelledby="stations-h" className="admin-section">
      <header className="admin-head">
        <h2 id="stations-h">Stations</h2>
        <button type="button" className="primary" disabled={off} onClick={() => setAdding(true)}>
          New station
        </button>
      </header>
      {adding && (
        <form
          className="admin-form admin-inline-form"
          aria-label="New station"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (Object.keys(errors).length > 0) return;
            void save(() => api.createStation(cinemaId, { name: name.trim(), kind })).then((r) => {
              if (!r) return;
              setAdding(false);
              setName('');
              setCode({ name: r.station.name, code: r.code, expiresAt: r.expiresAt });
              again();
            });
          }}
        >
          <fieldset disabled={off || saving} className="admin-grid">
            <Field id="station-name" label="Station name" error={nameError}>
              <input value={name} autoFocus onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field id="station-kind" label="Kind">
              <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="counter">Counter</option>
                <option value="kiosk">Kiosk</option>
                <option value="door">Door scanner</option>
              </select>
            </Field>
          </fieldset>
          <div className="admin-actions">
            <button
              type="submit"
              className="primary"
              disabled={off || saving || name.trim() === ''}
            >
              Create station
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {saveError && (
        <p className="admin-error" role="alert">
          {saveError}
        </p>
      )}
      <ListTable<StationView>
        caption="Stations"
        rows={list}
        rowKey={(s) => s.id}
        error={error}
        empty="This cinema has no stations."
        columns={[
          { key: 'name', label: 'Station', render: (s) => s.name },
          { key: 'kind', label: 'Kind', render: (s) => s.kind },
          { key: 'status', label: 'State', render: (s) => STATE_TEXT[s.status] },
          { key: 'sync', label: 'Last sync', render: (s) => ago(s.lastSeenAt) },
          {
            key: 'pending',
            label: 'Waiting to send',
            render: (s) => (s.pendingCount === null ? '—' : String(s.pendingCount)),
          },
          {
            key: 'actions',
            label: 'Actions',
            render: (s) =>
              s.status === 'revoked' ? null : (
                <span className="row-actions">
                  {s.status === 'waiting' && (
                    <button
                      type="button"
                      disabled={off}
                      onClick={() =>
                        void save(() => api.newEnrollmentCode(s.id)).then(
                          (r) =>
                            r && setCode({ name: s.name, code: r.code, expiresAt: r.expiresAt }),
                        )
                      }
                    >
                      New code<span className="visually-hidden"> for {s.name}</span>
                    </button>
                  )}
                  <button type="button" disabled={off} onClick={() => setRevoke(s)}>
                    Revoke<span className="visually-hidden"> {s.name}</span>
                  </button>
                </span>
              ),
          },
        ]}
      />
      {revoke && (
        <ConfirmDialog
          id="revoke-station"
          title={`Revoke ${revoke.name}?`}
          actions={[
            {
              label: 'Revoke',
              kind: 'danger',
              run: () => {
                const s = revoke;
                setRevoke(null);
                void save(() => api.revokeStation(s.id)).then(again);
              },
            },
          ]}
          onEscape={() => setRevoke(null)}
          escapeLabel="Cancel"
        >
          <p>It stops working at once: it can no longer sync, sell or sign anyone in.</p>
        </ConfirmDialog>
      )}
      {code && (
        <ShownOnce
          title={`Enrollment code for ${code.name}`}
          what="The one-time enrollment code"
          secret={code.code}
          note={`Type it at the new station before ${new Date(code.expiresAt).toLocaleString()}.`}
          onClose={() => setCode(null)}
        />
      )}
    </section>
  );
}
