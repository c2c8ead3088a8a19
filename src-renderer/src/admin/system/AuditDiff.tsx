// An audit row's details: an admin edit as a table of changed fields (before → after), anything
// else as its fields, so a person never has to read raw JSON.
import { auditDiff, hasBeforeAfter, shown } from './audit-diff.js';

/** The details of one audit row. */
export function AuditDetails({
  details,
  labelledBy,
}: {
  details: Record<string, unknown> | null;
  labelledBy: string;
}) {
  if (details === null || Object.keys(details).length === 0)
    return <p className="muted">No details were recorded.</p>;
  if (!hasBeforeAfter(details))
    return (
      <dl className="audit-fields" aria-labelledby={labelledBy}>
        {Object.entries(details).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{shown(v) ?? '—'}</dd>
          </div>
        ))}
      </dl>
    );
  const changes = auditDiff(details.before, details.after);
  if (changes.length === 0) return <p className="muted">Saved without changing any field.</p>;
  return (
    <table className="admin-table audit-diff" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} className={`audit-${c.kind}`}>
            <th scope="row">{c.field}</th>
            <td>
              {c.before === null ? <span className="muted">(none)</span> : <del>{c.before}</del>}
            </td>
            <td>
              {c.after === null ? <span className="muted">(none)</span> : <ins>{c.after}</ins>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
