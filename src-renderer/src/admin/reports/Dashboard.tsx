// The reports dashboard (issue 17, seed 004): the period's takings, admissions, average ticket,
// occupancy and spend per head against the period before; takings by day and by channel as charts
// (with their tables and CSV below); the top five films.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RevenueRow } from '../../../../common/api/reports.js';
import { useAdmin } from '../context.js';
import type { ReportAsk } from './api.js';
import { change, type ReportFormat } from './format.js';
import { ReportTable } from './ReportTable.js';
import { takingsColumns } from './Takings.js';
import { useReport } from './use-report.js';

const CHANNEL_COLOURS = ['#2f6fb0', '#c2782a', '#3f8f5a', '#8a5bb0'];

function Kpi({
  label,
  value,
  now,
  before,
  beforeText,
}: {
  label: string;
  value: string;
  now: number | null;
  before: number | null;
  beforeText: string;
}) {
  const c = now === null || before === null ? null : change(now, before);
  return (
    <div className="report-kpi">
      <dt>{label}</dt>
      <dd>
        <span className="report-kpi-value">{value}</span>
        <span className={`report-kpi-change ${c === null ? '' : c.up ? 'up' : 'down'}`}>
          {c === null ? `before: ${beforeText}` : `${c.text} on before (${beforeText})`}
        </span>
      </dd>
    </div>
  );
}

/** The dashboard tab. */
export function Dashboard({ ask, fmt }: { ask: ReportAsk; fmt: ReportFormat }) {
  const { api } = useAdmin();
  const key = JSON.stringify(ask);
  const s = useReport(key, () => api.reportSummary(ask));
  const board = useReport(key, () => api.reportLeaderboard(ask, undefined, 5));
  if (s.error)
    return (
      <p className="admin-error" role="alert">
        {s.error}
      </p>
    );
  const r = s.data;
  if (!r) return <p className="admin-note">Loading the figures…</p>;
  const avg = (x: RevenueRow) => x.averageTicketMinor;
  const days = r.byDay.map((d) => ({ day: d.label, net: fmt.major(d.netMinor) }));
  const channels = r.byChannel.filter((c) => c.netMinor > 0);
  return (
    <div className="report-dashboard">
      <dl className="report-kpis" aria-label="This period against the one before">
        <Kpi
          label="Takings"
          value={fmt.money(r.current.netMinor)}
          now={r.current.netMinor}
          before={r.previous.netMinor}
          beforeText={fmt.money(r.previous.netMinor)}
        />
        <Kpi
          label="Admissions"
          value={fmt.count(r.current.admissions)}
          now={r.current.admissions}
          before={r.previous.admissions}
          beforeText={fmt.count(r.previous.admissions)}
        />
        <Kpi
          label="Average ticket"
          value={avg(r.current) === null ? '–' : fmt.money(avg(r.current) ?? 0)}
          now={avg(r.current)}
          before={avg(r.previous)}
          beforeText={avg(r.previous) === null ? '–' : fmt.money(avg(r.previous) ?? 0)}
        />
        <Kpi
          label="Occupancy"
          value={fmt.percent(r.occupancy)}
          now={r.occupancy}
          before={r.previousOccupancy}
          beforeText={fmt.percent(r.previousOccupancy)}
        />
        <Kpi
          label="Food and drink per head"
          value={r.spendPerHeadMinor === null ? '–' : fmt.money(r.spendPerHeadMinor)}
          now={r.spendPerHeadMinor}
          before={r.previousSpendPerHeadMinor}
          beforeText={
            r.previousSpendPerHeadMinor === null ? '–' : fmt.money(r.previousSpendPerHeadMinor)
          }
        />
      </dl>
      <div className="report-charts">
        <figure className="report-chart">
          <figcaption>Takings by {days.length > 62 ? 'week' : 'day'}</figcaption>
          <div
            role="img"
            aria-label={`Takings by day: ${r.byDay.map((d) => `${d.label} ${fmt.money(d.netMinor)}`).join('; ') || 'none'}`}
          >
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" tick={{ fontSize: 12 }} />
                <YAxis
                  tick={{ fontSize: 12 }}
                  width={56}
                  tickFormatter={(v) => fmt.axis(Number(v))}
                />
                <Tooltip formatter={(v) => fmt.money(Math.round(Number(v) * 10 ** fmt.digits))} />
                <Bar dataKey="net" name="Takings" fill="#2f6fb0" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure className="report-chart">
          <figcaption>Takings by channel</figcaption>
          <div
            role="img"
            aria-label={`Takings by channel: ${r.byChannel.map((c) => `${c.label} ${fmt.money(c.netMinor)}`).join('; ') || 'none'}`}
          >
            <ResponsiveContainer width="100%" height={220}>
              <PieChart>
                <Pie
                  data={channels.map((c, i) => ({
                    name: c.label,
                    value: fmt.major(c.netMinor),
                    fill: CHANNEL_COLOURS[i % CHANNEL_COLOURS.length],
                  }))}
                  dataKey="value"
                  nameKey="name"
                  innerRadius={50}
                  outerRadius={80}
                  isAnimationActive={false}
                ></Pie>
                <Legend />
                <Tooltip />
              </PieChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </div>
      <ReportTable
        caption="Top films"
        file={`top-films-${ask.from}-${ask.to}`}
        rows={board.data?.rows ?? []}
        rowKey={(x) => x.filmId}
        empty="No film played in this period."
        columns={[
          { label: 'Rank', csv: (x) => x.rank, numeric: true },
          { label: 'Film', csv: (x) => x.title },
          { label: 'Score', csv: (x) => x.score, numeric: true },
          {
            label: 'Takings',
            csv: (x) => fmt.major(x.netMinor),
            show: (x) => fmt.money(x.netMinor),
            numeric: true,
          },
          { label: 'Admissions', csv: (x) => x.admissions, numeric: true },
          {
            label: 'Occupancy',
            csv: (x) => x.occupancy,
            show: (x) => fmt.percent(x.occupancy),
            numeric: true,
          },
        ]}
      />
      <ReportTable
        caption="Takings by channel"
        file={`takings-by-channel-${ask.from}-${ask.to}`}
        rows={r.byChannel}
        total={r.current}
        rowKey={(x) => x.key}
        empty="Nothing was sold in this period."
        columns={takingsColumns(fmt, 'Channel')}
      />
    </div>
  );
}
