// The admin view (DESIGN §13): for managers and admins, reached from the counter with F10. Its own
// navigation; online only, read-only offline with the reason on screen; unsaved changes are guarded.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TokenPairView } from '../../../common/api/identity.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useCounter, useCounterStore } from '../store/counter-store.js';
import { AdminUnlock } from './AdminUnlock.js';
import { createAdminApi, type AdminApi } from './api.js';
import { AdminCtx, type AdminContext } from './context.js';
import { CinemaScreen } from './cinema/CinemaScreen.js';
import { FilmsScreen } from './films/FilmsScreen.js';
import { ScreensScreen } from './screens/ScreensScreen.js';
import { StaffScreen } from './staff/StaffScreen.js';
import { StationsScreen } from './stations/StationsScreen.js';
import { PricesScreen } from './prices/PricesScreen.js';
import { ReportsScreen } from './reports/ReportsScreen.js';
import { FeedbackScreen } from './feedback/FeedbackScreen.js';
import { DoorReportScreen } from './door/DoorReportScreen.js';
import { ScheduleScreen } from './schedule/ScheduleScreen.js';
import { SystemScreen } from './system/SystemScreen.js';

const SECTIONS = [
  { id: 'films', label: 'Films' },
  { id: 'cinema', label: 'Cinema' },
  { id: 'screens', label: 'Screens & layouts' },
  { id: 'staff', label: 'Staff' },
  { id: 'stations', label: 'Stations' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'prices', label: 'Prices' },
  { id: 'reports', label: 'Reports' },
  { id: 'feedback', label: 'Feedback' },
  // No digit left for the doors: reached from the list only.
  { id: 'door', label: 'Doors', key: null },
  // Alt+0, kept whatever sections join before it (Reports and Feedback take Alt+8 and Alt+9).
  { id: 'system', label: 'System', key: 0 },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

/** The digit that opens a section with Alt: its place in the list, unless it has its own. */
function sectionKey(i: number): number | null {
  const s = SECTIONS[i];
  return s && 'key' in s ? s.key : i + 1;
}

/** The admin view of the counter window. */
export function AdminArea() {
  const [api, setApi] = useState<AdminApi | null>(null);
  const store = useCounterStore();
  const open = useCallback((tokens: TokenPairView) => {
    setApi(createAdminApi(tokens, { onSignedOut: () => setApi(null) }));
  }, []);
  // Leaving the admin view (or the window) ends the admin session on the server.
  useEffect(
    () => () => {
      void api?.signOut();
    },
    [api],
  );
  if (!api) return <AdminUnlock onOpen={open} />;
  return <AdminShell api={api} leave={() => store.getState().go('shows')} />;
}

function AdminShell({ api, leave }: { api: AdminApi; leave: () => void }) {
  const status = useCounter((s) => s.status);
  const [section, setSection] = useState<Section>('films');
  const [cinemaId, setCinemaId] = useState(status?.cinema?.id ?? '');
  const [cinemas, setCinemas] = useState<{ id: string; name: string }[]>([]);
  const [unreachable, setUnreachable] = useState(false);
  const dirty = useRef(false);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const stationOnline = status?.sync.state === 'online';

  useEffect(() => {
    api.cinemas().then(
      (list) => {
        setCinemas(list);
        setUnreachable(false);
      },
      () => setUnreachable(true),
    );
  }, [api, stationOnline]);

  const readOnly =
    !stationOnline || unreachable
      ? 'Offline: the admin view is read-only until the station reconnects to the server. Nothing you see can be changed now.'
      : null;
  const guard = useCallback((go: () => void) => {
    if (!dirty.current) go();
    else setPending(() => go);
  }, []);
  const ctx: AdminContext = useMemo(
    () => ({
      api,
      cinemaId,
      readOnly,
      setDirty: (d) => {
        dirty.current = d;
      },
      guard,
      wentOffline: () => setUnreachable(true),
    }),
    [api, cinemaId, readOnly, guard],
  );
  const goTo = (s: Section) => guard(() => setSection(s));
  // Alt+digit from anywhere in the admin view, wherever the focus is.
  const goRef = useRef(goTo);
  goRef.current = goTo;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || !/^[0-9]$/.test(e.key)) return;
      const n = Number(e.key);
      const s = SECTIONS.find((_, i) => sectionKey(i) === n);
      if (!s) return;
      e.preventDefault();
      goRef.current(s.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <AdminCtx.Provider value={ctx}>
      <div className="admin">
        <nav className="admin-nav" aria-label="Admin sections">
          <h1 className="admin-title">Admin</h1>
          {cinemas.length > 1 && (
            <label className="admin-cinema">
              Cinema
              <select value={cinemaId} onChange={(e) => guard(() => setCinemaId(e.target.value))}>
                {cinemas.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ul>
            {SECTIONS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={s.id === section ? 'active' : undefined}
                  aria-current={s.id === section ? 'page' : undefined}
                  onClick={() => goTo(s.id)}
                >
                  {s.label}{' '}
                  {sectionKey(i) !== null && <kbd aria-hidden="true">Alt+{sectionKey(i)}</kbd>}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="admin-leave" onClick={() => guard(leave)}>
            Back to counter
          </button>
        </nav>
        <div className="admin-main">
          {readOnly && (
            <p className="admin-readonly" role="status">
              {readOnly}
            </p>
          )}
          {section === 'films' && <FilmsScreen />}
          {section === 'cinema' && <CinemaScreen key={cinemaId} />}
          {section === 'screens' && <ScreensScreen key={cinemaId} />}
          {section === 'staff' && <StaffScreen key={cinemaId} />}
          {section === 'stations' && <StationsScreen key={cinemaId} />}
          {section === 'schedule' && <ScheduleScreen key={cinemaId} />}
          {section === 'prices' && <PricesScreen key={cinemaId} />}
          {section === 'reports' && <ReportsScreen key={cinemaId} />}
          {section === 'feedback' && <FeedbackScreen key={cinemaId} />}
          {section === 'door' && <DoorReportScreen key={cinemaId} />}
          {section === 'system' && <SystemScreen key={cinemaId} />}
        </div>
        {pending && (
          <ConfirmDialog
            id="discard-changes"
            title="Discard changes?"
            actions={[
              {
                label: 'Discard changes',
                key: 'D',
                kind: 'danger',
                run: () => {
                  dirty.current = false;
                  const go = pending;
                  setPending(null);
                  go();
                },
              },
            ]}
            onEscape={() => setPending(null)}
            escapeLabel="Keep editing"
          >
            <p>You have changes that are not saved. Leaving now loses them.</p>
          </ConfirmDialog>
        )}
      </div>
    </AdminCtx.Provider>
  );
}
