// Copying a day or the week of shows to other days (issue 16): the same local times on the same
// screens, as drafts. If some cannot be copied the server names each; the manager may then copy
// the others, and is told which were skipped and why.
import { useRef, useState } from 'react';
import type { ShowsCreated } from '../../../../common/api/admin-schedule.js';
import { addDays } from '../../../../common/schedule.js';
import { useFocusTrap } from '../../lib/use-focus-trap.js';
import { AdminError } from '../api.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText } from '../kit/fields.js';

type Props = {
  from: string;
  days: number;
  onClose: () => void;
  onCopied: (message: string) => void;
};

/** The copy dialog. */
export function CopyDialog({ from, days, onClose, onCopied }: Props) {
  const { api, cinemaId } = useAdmin();
  const box = useRef<HTMLDivElement>(null);
  useFocusTrap(box);
  const [to, setTo] = useState(addDays(from, days === 7 ? 7 : 1));
  const [refused, setRefused] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const said = (r: ShowsCreated) =>
    `${String(r.shows.length)} show${r.shows.length === 1 ? '' : 's'} copied as drafts` +
    (r.skipped.length > 0
      ? `; not copied: ${r.skipped.map((s) => `${s.filmTitle} (${s.conflicts[0]?.message ?? 'conflict'})`).join('; ')}`
      : '.');
  const copy = async (skipConflicts: boolean) => {
    setError(null);
    try {
      onCopied(said(await api.copySchedule(cinemaId, { from, to, days, skipConflicts })));
    } catch (e) {
      if (e instanceof AdminError && e.code === 'BO_SHOW_CONFLICT') setRefused(e.message);
      else setError(errorText(e));
    }
  };
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog planner-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="copy-h"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h3 id="copy-h">{days === 7 ? `Copy the week of ${from}` : `Copy ${from}`}</h3>
        <Field id="copy-to" label={days === 7 ? 'To the week starting' : 'To the day'}>
          <input type="date" value={to} autoFocus onChange={(e) => setTo(e.target.value)} />
        </Field>
        {refused && (
          <p className="admin-error" role="alert">
            {refused} Copy the others and list what was left out?
          </p>
        )}
        {error && (
          <p className="admin-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          {refused ? (
            <button type="button" className="primary" onClick={() => void copy(true)}>
              Copy the others
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void copy(false)}>
              Copy
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
