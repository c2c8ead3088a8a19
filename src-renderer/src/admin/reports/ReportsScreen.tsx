// Reports (issue 17, DESIGN §15): a period of cinema days (presets from the cinema's own today, or
// dates), this cinema or every cinema the manager sees, and tabs: dashboard, takings, occupancy,
// films, distributor, tills. Charts where a manager would rather look; tables with CSV beside them.
import { useEffect, useState } from 'react';
import type { CinemaView } from '../../../../common/api/admin-cinemas.js';
import { periodDays, REPORT_MAX_DAYS } from '../../../../common/api/reports.js';
import { useAdmin } from '../context.js';
import { errorText } from '../kit/fields.js';
import { Tabs } from '../kit/Tabs.js';
import type { ReportAsk } from './api.js';
import { Dashboard } from './Dashboard.js';
import { reportFormat } from './format.js';
import { Distributor, Tills } from './Money.js';
import { cinemaToday, presetRange, PRESETS, type Preset } from './period.js';
import { Films, Occupancy } from './Shows.js';
import { Takings } from './Takings.js';

const TABS = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'takings', label: 'Takings' },
  { id: 'occupancy', label: 'Occupancy' },
  { id: 'films', label: 'Films' },
  { id: 'distributor', label: 'Distributor' },
  { id: 'tills', label: 'Tills' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** The reports section. */
export function ReportsScreen() {
  const { api, cinemaId } = useAdmin();
  const [cinema, setCinema] = useState<CinemaView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('dashboard');
  const [preset, setPreset] = useState<Preset>('week');
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [everyCinema, setEveryCinema] = useState(false);
  useEffect(() => {
    api.cinema(cinemaId).then(setCinema, (e: unknown) => setError(errorText(e)));
  }, [api, cinemaId]);
  if (error)
    return (
      <p className="admin-error" role="alert">
        {error}
      </p>
    );
  if (!cinema) return <p className="admin-note">Loading…</p>;
  const today = cinemaToday(new Date(), cinema.timeZone, cinema.dayStartsAt);
  const range =
    preset === 'custom' ? (custom ?? presetRange('week', today)) : presetRange(preset, today);
  const bad =
    range.to < range.from
      ? 'The last day is before the first.'
      : periodDays(range.from, range.to) > REPORT_MAX_DAYS
        ? `A report covers at most ${String(REPORT_MAX_DAYS)} days.`
        : null;
  const ask: ReportAsk = { ...range, ...(everyCinema ? {} : { cinemaId }) };
  const fmt = reportFormat(cinema.currency, cinema.locale);
  return (
    <section aria-labelledby="reports-h" className="admin-section reports">
      <header className="admin-head">
        <h2 id="reports-h">Reports</h2>
        <div className="report-period" role="group" aria-label="Period and cinemas">
          <label>
            Period
            <select
              aria-label="Period"
              value={preset}
              onChange={(e) => {
                const p = e.target.value as Preset;
                if (p === 'custom') setCustom(range);
                setPreset(p);
              }}
            >
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          {preset === 'custom' && (
            <>
              <label>
                From
                <input
                  aria-label="From"
                  type="date"
                  value={range.from}
                  max={today}
                  onChange={(e) => e.target.value && setCustom({ ...range, from: e.target.value })}
                />
              </label>
              <label>
                To
                <input
                  aria-label="To"
                  type="date"
                  value={range.to}
                  onChange={(e) => e.target.value && setCustom({ ...range, to: e.target.value })}
                />
              </label>
            </>
          )}
          <label>
            Cinemas
            <select
              aria-label="Cinemas"
              value={everyCinema ? 'all' : 'this'}
              onChange={(e) => setEveryCinema(e.target.value === 'all')}
            >
              <option value="this">{cinema.name}</option>
              <option value="all">Every cinema I manage</option>
            </select>
          </label>
        </div>
      </header>
      <p className="admin-note report-days">
        {range.from === range.to
          ? `Cinema day ${range.from}`
          : `Cinema days ${range.from} to ${range.to}`}{' '}
        (each from {cinema.dayStartsAt} to {cinema.dayStartsAt} the next morning)
      </p>
      <Tabs
        label="Reports"
        idPrefix="reports"
        tabs={TABS}
        current={tab}
        onSelect={setTab}
        panelClassName="prices-panel"
      >
        {bad !== null ? (
          <p className="admin-error" role="alert">
            {bad}
          </p>
        ) : (
          <>
            {tab === 'dashboard' && <Dashboard ask={ask} fmt={fmt} />}
            {tab === 'takings' && <Takings ask={ask} fmt={fmt} />}
            {tab === 'occupancy' && <Occupancy ask={ask} fmt={fmt} timeZone={cinema.timeZone} />}
            {tab === 'films' && <Films ask={ask} fmt={fmt} />}
            {tab === 'distributor' && <Distributor ask={ask} fmt={fmt} />}
            {tab === 'tills' && <Tills ask={ask} fmt={fmt} timeZone={cinema.timeZone} />}
          </>
        )}
      </Tabs>
    </section>
  );
}
