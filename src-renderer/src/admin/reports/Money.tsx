// The distributor report and the tills (issue 17): per film and week what the distributor is paid
// on, and every till the stations uploaded with its Z-report's net, drops and variance.
import { useAdmin } from '../context.js';
import type { ReportAsk } from './api.js';
import type { ReportFormat } from './format.js';
import { ReportTable } from './ReportTable.js';
import { useReport } from './use-report.js';

const Failed = ({ error }: { error: string | null }) =>
  error === null ? null : (
    <p className="admin-error" role="alert">
      {error}
    </p>
  );

/** The distributor tab. */
export function Distributor({ ask, fmt }: { ask: ReportAsk; fmt: ReportFormat }) {
  const { api } = useAdmin();
  const r = useReport(JSON.stringify(ask), () => api.reportDistributor(ask));
  return (
    <div>
      <p className="admin-note">
        Tickets only, net of voids and refunds, by the week (Monday to Sunday) the money was taken.
      </p>
      <Failed error={r.error} />
      {r.data && (
        <ReportTable
          caption="Distributor report"
          file={`distributor-${ask.from}-${ask.to}`}
          rows={r.data.rows}
          rowKey={(x) => `${x.filmId}:${x.weekOf}`}
          empty="No tickets were sold in this period."
          columns={[
            { label: 'Film', csv: (x) => x.title },
            { label: 'Week of', csv: (x) => x.weekOf },
            { label: 'Admissions', csv: (x) => x.admissions, numeric: true },
            {
              label: 'Gross',
              csv: (x) => fmt.major(x.grossMinor),
              show: (x) => fmt.money(x.grossMinor),
              numeric: true,
            },
            {
              label: 'Tax',
              csv: (x) => fmt.major(x.taxMinor),
              show: (x) => fmt.money(x.taxMinor),
              numeric: true,
            },
            {
              label: 'Net of tax',
              csv: (x) => fmt.major(x.netMinor),
              show: (x) => fmt.money(x.netMinor),
              numeric: true,
            },
          ]}
        />
      )}
    </div>
  );
}

/** The tills tab. */
export function Tills({
  ask,
  fmt,
  timeZone,
}: {
  ask: ReportAsk;
  fmt: ReportFormat;
  timeZone: string;
}) {
  const { api } = useAdmin();
  const r = useReport(JSON.stringify(ask), () => api.reportTills(ask));
  const time = (iso: string | null) =>
    iso === null
      ? 'open'
      : new Intl.DateTimeFormat('en-GB', {
          timeZone,
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(iso));
  const money = (m: number | null) => (m === null ? '–' : fmt.money(m));
  return (
    <div>
      <Failed error={r.error} />
      {r.data && (
        <>
          <p className="admin-note">
            Closed tills took {fmt.money(r.data.closedNetMinor)} in this period (their Z-reports’
            net). A till still open, or not yet uploaded by an offline counter, is added when it
            closes.
          </p>
          <ReportTable
            caption="Tills"
            file={`tills-${ask.from}-${ask.to}`}
            rows={r.data.rows}
            rowKey={(x) => x.tillId}
            empty="No till was opened in this period."
            columns={[
              { label: 'Cinema day', csv: (x) => x.businessDate },
              { label: 'Station', csv: (x) => x.station },
              { label: 'Cashier', csv: (x) => x.staffName },
              { label: 'Opened', csv: (x) => time(x.openedAt) },
              { label: 'Closed', csv: (x) => time(x.closedAt) },
              {
                label: 'Net',
                csv: (x) => (x.netMinor === null ? null : fmt.major(x.netMinor)),
                show: (x) => money(x.netMinor),
                numeric: true,
              },
              {
                label: 'Drops',
                csv: (x) => fmt.major(x.dropsMinor),
                show: (x) => fmt.money(x.dropsMinor),
                numeric: true,
              },
              {
                label: 'Variance',
                csv: (x) => (x.varianceMinor === null ? null : fmt.major(x.varianceMinor)),
                show: (x) => money(x.varianceMinor),
                numeric: true,
              },
              { label: 'Note', csv: (x) => x.varianceNote ?? '' },
            ]}
          />
        </>
      )}
    </div>
  );
}
