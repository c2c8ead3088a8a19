// The doors (issue 18): for a day of the cinema, how many of each show's tickets were let in, and
// the tickets two doors both let in (usually both offline), with the door and time of each.
import { useEffect, useState } from 'react';
import type { DoorReport } from '../../../../common/api/door.js';
import { useAdmin } from '../context.js';
import { errorText } from '../kit/fields.js';
import { ListTable } from '../kit/ListTable.js';

type ShowRow = DoorReport['shows'][number];
type ConflictRow = DoorReport['conflicts'][number];

/** The doors section. */
export function DoorReportScreen() {
  const { api, cinemaId } = useAdmin();
  const [date, setDate] = useState('');
  const [report, setReport] = useState<DoorReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.doorReport(cinemaId, date === '' ? undefined : date).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, cinemaId, date]);
  const zone = report?.timeZone;
  const time = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
      new Date(iso),
    );
  const at = (a: ConflictRow['first']) => (
    <>
      {a.door} ({a.stationName}), <time dateTime={a.admittedAt}>{time(a.admittedAt)}</time>
    </>
  );
  const admitted = report?.shows.reduce((n, s) => n + s.admitted, 0) ?? 0;
  const sold = report?.shows.reduce((n, s) => n + s.sold, 0) ?? 0;
  return (
    <section aria-labelledby="door-report-h" className="admin-section">
      <header className="admin-head">
        <h2 id="door-report-h">Doors</h2>
        <p className="admin-note" role="status">
          {report === null
            ? 'Loading…'
            : `${String(admitted)} of ${String(sold)} tickets let in · ${String(report.conflicts.length)} let in twice`}
        </p>
      </header>
      <ListTable<ShowRow>
        caption="Admitted of sold per show"
        rows={report?.shows ?? null}
        rowKey={(s) => s.showId}
        error={error}
        empty="No shows on this day."
        filters={
          <label>
            Day
            <input
              type="date"
              value={date === '' ? (report?.date ?? '') : date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
        }
        columns={[
          {
            key: 'time',
            label: 'Time',
            render: (s) => <time dateTime={s.startsAt}>{time(s.startsAt)}</time>,
          },
          { key: 'film', label: 'Film', render: (s) => s.filmTitle },
          { key: 'screen', label: 'Screen', render: (s) => s.screenName },
          {
            key: 'admitted',
            label: 'Admitted',
            render: (s) => `${String(s.admitted)} of ${String(s.sold)}`,
          },
          {
            key: 'status',
            label: 'Status',
            render: (s) => (s.status === 'cancelled' ? 'Cancelled' : ''),
          },
        ]}
      />
      <h3 id="door-conflicts-h">Let in twice</h3>
      <p className="admin-note">
        Two doors let the same ticket in, usually while they were offline. The first counts; the
        second is kept here for you to look into.
      </p>
      <ListTable<ConflictRow>
        caption="Tickets let in twice"
        rows={report?.conflicts ?? null}
        rowKey={(c) => c.admissionId}
        empty="No ticket was let in twice on this day."
        columns={[
          {
            key: 'show',
            label: 'Show',
            render: (c) => `${time(c.startsAt)} ${c.filmTitle}`,
          },
          {
            key: 'seat',
            label: 'Seat',
            render: (c) => c.seatLabel ?? 'Not synced yet',
          },
          {
            key: 'ticket',
            label: 'Ticket',
            render: (c) => <code title={c.ticketId}>{c.ticketId.slice(0, 8)}</code>,
          },
          { key: 'first', label: 'First', render: (c) => at(c.first) },
          { key: 'second', label: 'Second', render: (c) => at(c.second) },
        ]}
      />
      <p className="admin-note">
        Refused scans are listed on each door’s own screen; they are not sent to the server.
      </p>
    </section>
  );
}
