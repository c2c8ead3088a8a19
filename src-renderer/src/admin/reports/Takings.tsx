// Takings broken down (issue 17): by cinema day, week or month, cinema, film, format, seat
// category, ticket type or channel; a chart of the net takings and the full table with CSV.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REVENUE_BY, type RevenueBy, type RevenueRow } from '../../../../common/api/reports.js';
import { useAdmin } from '../context.js';
import type { ReportAsk } from './api.js';
import type { ReportFormat } from './format.js';
import { ReportTable, type ReportColumn } from './ReportTable.js';
import { useReport } from './use-report.js';

const BY_WORDS: Record<RevenueBy, string> = {
  day: 'Cinema day',
  week: 'Week',
  month: 'Month',
  cinema: 'Cinema',
  film: 'Film',
  format: 'Format',
  category: 'Seat category',
  ticketType: 'Ticket type',
  channel: 'Channel',
};

/** The columns of a takings table, the first naming the group. */
export function takingsColumns(fmt: ReportFormat, first: string): ReportColumn<RevenueRow>[] {
  const money = (label: string, f: (r: RevenueRow) => number): ReportColumn<RevenueRow> => ({
    label,
    csv: (r) => fmt.major(f(r)),
    show: (r) => fmt.money(f(r)),
    numeric: true,
  });
  return [
    { label: first, csv: (r) => r.label },
    { label: 'Admissions', csv: (r) => r.admissions, numeric: true },
    money('Tickets', (r) => r.ticketsGrossMinor),
    money('Food and drink', (r) => r.concessionsGrossMinor),
    money('Voids', (r) => r.voidsMinor),
    money('Refunds', (r) => r.refundsMinor),
    money('Refund fees kept', (r) => r.feesMinor),
    money('Takings', (r) => r.netMinor),
    money('Of which tax', (r) => r.taxMinor),
    {
      label: 'Average ticket',
      csv: (r) => (r.averageTicketMinor === null ? null : fmt.major(r.averageTicketMinor)),
      show: (r) => (r.averageTicketMinor === null ? '–' : fmt.money(r.averageTicketMinor)),
      numeric: true,
    },
  ];
}

/** The takings tab. */
export function Takings({ ask, fmt }: { ask: ReportAsk; fmt: ReportFormat }) {
  const { api } = useAdmin();
  const [by, setBy] = useState<RevenueBy>('day');
  const r = useReport(JSON.stringify([ask, by]), () => api.reportRevenue(ask, by));
  const rows = r.data?.rows ?? [];
  return (
    <div className="report-takings">
      <label className="report-by">
        Break down by
        <select
          aria-label="Break down by"
          value={by}
          onChange={(e) => setBy(e.target.value as RevenueBy)}
        >
          {REVENUE_BY.map((b) => (
            <option key={b} value={b}>
              {BY_WORDS[b]}
            </option>
          ))}
        </select>
      </label>
      {r.error && (
        <p className="admin-error" role="alert">
          {r.error}
        </p>
      )}
      {r.loading && <p className="admin-note">Loading the figures…</p>}
      {r.data && rows.length > 0 && (
        <figure className="report-chart wide">
          <figcaption>Takings by {BY_WORDS[by].toLowerCase()}</figcaption>
          <div
            role="img"
            aria-label={`Takings by ${BY_WORDS[by].toLowerCase()}: ${rows
              .slice(0, 20)
              .map((x) => `${x.label} ${fmt.money(x.netMinor)}`)
              .join('; ')}`}
          >
            <ResponsiveContainer width="100%" height={240}>
              <BarChart
                data={rows.map((x) => ({ name: x.label, net: fmt.major(x.netMinor) }))}
                margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
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
      )}
      {r.data && (
        <ReportTable
          caption={`Takings by ${BY_WORDS[by].toLowerCase()}`}
          file={`takings-by-${by}-${ask.from}-${ask.to}`}
          rows={rows}
          total={r.data.total}
          rowKey={(x) => x.key}
          empty="Nothing was sold in this period."
          columns={takingsColumns(fmt, BY_WORDS[by])}
        />
      )}
    </div>
  );
}
