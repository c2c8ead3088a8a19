// Backups of the central database (issue 17 item 5), for chain admins: the list with size,
// checksum, who and when; "Back up now"; restore into a new database. Jobs run on the server, so
// the list is read again every few seconds while one is running.
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { databaseName, type BackupView } from '../../../../common/api/admin-backups.js';
import { useAdmin } from '../context.js';
import { ListTable, type Column } from '../kit/ListTable.js';
import { errorText } from '../kit/fields.js';

const POLL_MS = 2000;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Bytes as a person reads them. */
function size(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'kB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n)} ${units[i] ?? 'B'}`;
}

const STATUS = { running: 'Running…', succeeded: 'Done', failed: 'Failed' } as const;

/** The Backups tab. */
export function Backups() {
  const { api, readOnly } = useAdmin();
  const [rows, setRows] = useState<BackupView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const [target, setTarget] = useState('');
  const [targetError, setTargetError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.backups().then(
      (l) => {
        setRows(l.items);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [api]);
  useEffect(load, [load]);
  const running = rows?.some((r) => r.status === 'running') ?? false;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(load, POLL_MS);
    return () => clearInterval(t);
  }, [running, load]);

  const backUp = () => {
    setBusy(true);
    api
      .startBackup()
      .then(
        () => setNote('Backup started; it appears as Done when it has finished.'),
        (e: unknown) => setNote(errorText(e)),
      )
      .finally(() => {
        setBusy(false);
        load();
      });
  };
  const restore = (e: SyntheticEvent) => {
    e.preventDefault();
    if (!restoring) return;
    const name = target.trim();
    const ok = name === '' || databaseName.safeParse(name).success;
    if (!ok) {
      setTargetError('Use lowercase letters, digits and _ (at most 63), starting with a letter.');
      return;
    }
    setBusy(true);
    api
      .restoreBackup(restoring.id, name === '' ? {} : { targetDatabase: name })
      .then(
        (r) => {
          setNote(`Restoring into the new database ${r.targetDatabase ?? ''}.`);
          setRestoring(null);
        },
        (err: unknown) => setTargetError(errorText(err)),
      )
      .finally(() => {
        setBusy(false);
        load();
      });
  };

  const download = (r: BackupView) => {
    setBusy(true);
    api
      .downloadBackup(r.id)
      .then(
        (blob) => {
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = r.fileName ?? 'marquee-backup';
          a.click();
          URL.revokeObjectURL(a.href);
          setNote(`Downloaded ${r.fileName ?? ''}; its SHA-256 is ${r.sha256 ?? '?'}.`);
        },
        (e: unknown) => setNote(errorText(e)),
      )
      .finally(() => setBusy(false));
  };

  const columns: Column<BackupView>[] = [
    { key: 'at', label: 'Started', render: (r) => when.format(new Date(r.startedAt)) },
    {
      key: 'kind',
      label: 'What',
      render: (r) =>
        r.kind === 'backup'
          ? `Backup${r.scheduled ? ' (daily)' : ''}`
          : `Restore into ${r.targetDatabase ?? '?'}`,
    },
    {
      key: 'status',
      label: 'Status',
      render: (r) => (r.error ? `${STATUS[r.status]}: ${r.error}` : STATUS[r.status]),
    },
    {
      key: 'who',
      label: 'Who',
      render: (r) => r.requestedByName ?? (r.scheduled ? 'Schedule' : '—'),
    },
    { key: 'size', label: 'Size', render: (r) => size(r.sizeBytes) },
    {
      key: 'sha',
      label: 'SHA-256',
      render: (r) => (r.sha256 ? <code title={r.sha256}>{r.sha256.slice(0, 12)}…</code> : '—'),
    },
    {
      key: 'act',
      label: 'Actions',
      render: (r) =>
        r.available ? (
          <span className="backup-actions">
            <button
              type="button"
              disabled={readOnly !== null || busy}
              aria-label={`Restore the backup of ${when.format(new Date(r.startedAt))}`}
              onClick={() => {
                setRestoring(r);
                setTarget('');
                setTargetError(null);
              }}
            >
              Restore…
            </button>
            <button
              type="button"
              disabled={busy}
              aria-label={`Download the backup of ${when.format(new Date(r.startedAt))}`}
              onClick={() => download(r)}
            >
              Download
            </button>
          </span>
        ) : r.kind === 'backup' && r.status === 'succeeded' ? (
          <span className="muted">file deleted</span>
        ) : null,
    },
  ];

  return (
    <div className="backups">
      <div className="admin-list-bar">
        <button
          type="button"
          onClick={backUp}
          disabled={readOnly !== null || busy || running || rows === null}
        >
          Back up now
        </button>
        {note && (
          <p role="status" className="muted">
            {note}
          </p>
        )}
      </div>
      {restoring && (
        <form className="backup-restore" onSubmit={restore} aria-labelledby="restore-h">
          <h3 id="restore-h">Restore the backup of {when.format(new Date(restoring.startedAt))}</h3>
          <p>
            It goes into a new database; the running one is not changed. Point the server at the new
            database (DATABASE_URL) to use it.
          </p>
          <label>
            New database name (empty: named after the date)
            <input
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              aria-invalid={targetError !== null}
              aria-describedby={targetError ? 'restore-error' : undefined}
              autoFocus
              onKeyDown={(e) => {
                if (e.key === 'Escape') setRestoring(null);
              }}
            />
          </label>
          {targetError && (
            <p id="restore-error" className="admin-error" role="alert">
              {targetError}
            </p>
          )}
          <button type="submit" disabled={busy}>
            Restore
          </button>
          <button type="button" onClick={() => setRestoring(null)}>
            Cancel
          </button>
        </form>
      )}
      <ListTable
        caption="Backups and restores"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        error={error}
        empty="No backups yet."
      />
    </div>
  );
}
