// Occupancy and the films leaderboard (issue 17): seats filled per show, film or screen on the
// period's cinema days, and the top films by seed 004's score with a genre filter.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAdmin } from '../context.js';
import type { ReportAsk } from './api.js';
import type { ReportFormat } from './format.js';
import { ReportTable } from './ReportTable.js';
import { useReport } from './use-report.js';

type OccupancyBy = 'show' | 'film' | 'screen';
const OCC_WORDS: Record<OccupancyBy, string> = { show: 'Show', film: 'Film', screen: 'Screen' };

/** The occupancy tab. */
export function Occupancy({
  ask,
  fmt,
  timeZone,
}: {
  ask: ReportAsk;
  fmt: ReportFormat;
  timeZone: string;
}) {
  const { api } = useAdmin();
  const [by, setBy] = useState<OccupancyBy>('film');
  const r = useReport(JSON.stringify([ask, by]), () => api.reportOccupancy(ask, by));
  const rows = r.data?.rows ?? [];
  const when = (iso: string | null) =>
    iso === null
      ? ''
      : new Intl.DateTimeFormat('en-GB', {
          timeZone,
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(iso));
  return (
    <div>
      <label className="report-by">
        Per
        <select aria-label="Per" value={by} onChange={(e) => setBy(e.target.value as OccupancyBy)}>
          {Object.entries(OCC_WORDS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
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
      {by !== 'show' && rows.length > 0 && (
        <figure className="report-chart wide">
          <figcaption>Occupancy per {OCC_WORDS[by].toLowerCase()}</figcaption>
          <div
            role="img"
            aria-label={`Occupancy: ${rows.map((x) => `${x.label} ${fmt.percent(x.occupancy)}`).join('; ')}`}
          >
            <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 28)}>
              <BarChart
                layout="vertical"
                data={rows.map((x) => ({
                  name: x.label,
                  pct: Math.round((x.occupancy ?? 0) * 1000) / 10,
                }))}
                margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 100]} unit=" %" tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="name" width={160} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar dataKey="pct" name="Occupancy %" fill="#3f8f5a" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      {r.data && (
        <ReportTable
          caption={`Occupancy per ${OCC_WORDS[by].toLowerCase()}`}
          file={`occupancy-by-${by}-${ask.from}-${ask.to}`}
          rows={rows}
          rowKey={(x) => x.key}
          empty="No show played in this period."
          columns={[
            { label: OCC_WORDS[by], csv: (x) => x.label },
            ...(by === 'show'
              ? [{ label: 'Starts', csv: (x: (typeof rows)[number]) => when(x.startsAt) }]
              : []),
            { label: 'Shows', csv: (x) => x.shows, numeric: true },
            { label: 'Admissions', csv: (x) => x.admissions, numeric: true },
            { label: 'Seats', csv: (x) => x.capacity, numeric: true },
            {
              label: 'Occupancy',
              csv: (x) => x.occupancy,
              show: (x) => fmt.percent(x.occupancy),
              numeric: true,
            },
          ]}
        />
      )}
    </div>
  );
}

/** The films tab: the leaderboard with its genre filter. */
export function Films({ ask, fmt }: { ask: ReportAsk; fmt: ReportFormat }) {
  const { api } = useAdmin();
  const [genre, setGenre] = useState('');
  const r = useReport(JSON.stringify([ask, genre]), () =>
    api.reportLeaderboard(ask, genre === '' ? undefined : genre, 50),
  );
  // The genres of the whole period stay in the list while one is chosen.
  const all = useReport(JSON.stringify(ask), () => api.reportLeaderboard(ask, undefined, 1));
  return (
    <div>
      <label className="report-by">
        Genre
        <select aria-label="Genre" value={genre} onChange={(e) => setGenre(e.target.value)}>
          <option value="">Every genre</option>
          {(all.data?.genres ?? []).map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <p className="admin-note">
        Score: 40 % takings, 30 % occupancy and 30 % admissions, each against the best film of the
        list (100 = best on every count).
      </p>
      {r.error && (
        <p className="admin-error" role="alert">
          {r.error}
        </p>
      )}
      {r.data && (
        <ReportTable
          caption="Films leaderboard"
          file={`films-${genre === '' ? 'all' : genre}-${ask.from}-${ask.to}`}
          rows={r.data.rows}
          rowKey={(x) => x.filmId}
          empty="No film of this genre played in this period."
          columns={[
            { label: 'Rank', csv: (x) => x.rank, numeric: true },
            { label: 'Film', csv: (x) => x.title },
            { label: 'Genres', csv: (x) => x.genres.join(', ') },
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
      )}
    </div>
  );
}
