// The audit trail (issue 17 item 6): who did what, to which entity, in which cinema and when, with
// an admin edit's before/after as a diff. Filters are typed, then applied with Enter or the button,
// so the list does not reload on every keystroke.
import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { zonedInstant } from '../../../../common/schedule.js';
import type { AuditEntryView, AuditPage, AuditQuery } from '../../../../common/api/admin-audit.js';
import { useAdmin } from '../context.js';
import { ListTable, type Column } from '../kit/ListTable.js';
import { errorText } from '../kit/fields.js';
import { AuditDetails } from './AuditDiff.js';

const PAGE = 50;

type Filters = {
  actor: string;
  action: string;
  entity: string;
  thisCinema: boolean;
  from: string;
  to: string;
};
const NONE: Filters = { actor: '', action: '', entity: '', thisCinema: false, from: '', to: '' };

/** A datetime-local value, read in the cinema's time zone (STYLE 7), as an ISO instant. */
function instant(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  if (!m?.[1] || !m[2]) return undefined;
  try {
    return zonedInstant(m[1], m[2], timeZone).toISOString();
  } catch {
    return undefined;
  }
}

/** The query for the applied filters. */
function auditQueryOf(f: Filters, cinemaId: string, timeZone: string, page: number): AuditQuery {
  const q: AuditQuery = { page, pageSize: PAGE };
  if (f.actor.trim() !== '') q.actor = f.actor.trim();
  if (f.action.trim() !== '') q.action = f.action.trim();
  if (f.entity.trim() !== '') q.entity = f.entity.trim();
  if (f.thisCinema && cinemaId !== '') q.cinemaId = cinemaId;
  const from = instant(f.from, timeZone);
  const to = instant(f.to, timeZone);
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  return q;
}

const formatter = (timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', timeZone });

/** The Audit trail tab. */
export function AuditTrail() {
  const { api, cinemaId } = useAdmin();
  const [draft, setDraft] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<AuditEntryView | null>(null);
  // Times are shown and typed in the managed cinema's zone, as everywhere in the admin view.
  const [timeZone, setTimeZone] = useState<string | null>(null);
  useEffect(() => {
    api.cinema(cinemaId).then(
      (c) => setTimeZone(c.timeZone),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, cinemaId]);
  const when = useMemo(() => formatter(timeZone ?? 'UTC'), [timeZone]);

  useEffect(() => {
    if (timeZone === null) return;
    let live = true;
    setData(null);
    setError(null);
    api.audit(auditQueryOf(applied, cinemaId, timeZone, page)).then(
      (p) => {
        if (live) setData(p);
      },
      (e: unknown) => {
        if (live) setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, applied, cinemaId, timeZone, page]);

  const apply = (e: SyntheticEvent) => {
    e.preventDefault();
    setPage(1);
    setOpen(null);
    setApplied(draft);
  };
  const field = (k: 'actor' | 'action' | 'entity' | 'from' | 'to') => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value }),
  });

  const columns: Column<AuditEntryView>[] = [
    {
      key: 'at',
      label: `When (${timeZone ?? 'cinema time'})`,
      render: (r) => (
        <button
          type="button"
          className="text-button"
          aria-expanded={open?.id === r.id}
          aria-controls="audit-details"
          onClick={() => setOpen(open?.id === r.id ? null : r)}
        >
          {when.format(new Date(r.at))}
        </button>
      ),
    },
    {
      key: 'who',
      label: 'Who',
      render: (r) => r.actorName ?? (r.actorId ? `${r.actorKind} ${r.actorId}` : r.actorKind),
    },
    { key: 'action', label: 'Action', render: (r) => r.action },
    { key: 'entity', label: 'What', render: (r) => `${r.entity} ${r.entityId.slice(0, 8)}` },
    { key: 'cinema', label: 'Cinema', render: (r) => r.cinemaName ?? '—' },
    { key: 'channel', label: 'Through', render: (r) => r.channel },
  ];

  return (
    <div className="audit-trail">
      <form className="audit-filters" onSubmit={apply} aria-label="Audit trail filters">
        <label>
          Who <input {...field('actor')} placeholder="name or id" />
        </label>
        <label>
          Action <input {...field('action')} placeholder="e.g. show." />
        </label>
        <label>
          Entity <input {...field('entity')} placeholder="e.g. tax" />
        </label>
        <label>
          From <input type="datetime-local" {...field('from')} />
        </label>
        <label>
          Until <input type="datetime-local" {...field('to')} />
        </label>
        <label className="audit-check">
          <input
            type="checkbox"
            checked={draft.thisCinema}
            onChange={(e) => setDraft({ ...draft, thisCinema: e.target.checked })}
          />
          This cinema only
        </label>
        <button type="submit">Apply filters</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NONE);
            setApplied(NONE);
            setPage(1);
          }}
        >
          Clear
        </button>
      </form>
      <ListTable
        caption="Audit trail"
        columns={columns}
        rows={data?.items ?? null}
        rowKey={(r) => String(r.id)}
        error={error}
        empty="Nothing in the audit trail matches these filters."
        onOpen={(r) => setOpen(r)}
        paging={{ page, pageSize: PAGE, total: data?.total ?? 0, onPage: setPage }}
      />
      <section id="audit-details" className="audit-details" aria-live="polite">
        {open && (
          <>
            <h3 id="audit-details-h">
              {open.action} · {open.entity} {open.entityId} · {open.actorName ?? open.actorKind} ·{' '}
              {when.format(new Date(open.at))}
            </h3>
            <AuditDetails details={open.details} labelledBy="audit-details-h" />
          </>
        )}
      </section>
    </div>
  );
}
