// Always on screen: cinema, who is signed in, till, server link, pending sync, last sync, printer.
import type { PrinterStatus, StationStatus } from '../../../common/contract/station.js';
import { localeOf, timeOf } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

function printerText(p: PrinterStatus): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (!p.connected)
    return {
      text: p.queued > 0 ? `Printer offline · ${String(p.queued)} waiting` : 'Printer offline',
      tone: 'bad',
    };
  if (p.paper === 'out') return { text: 'Printer: paper out', tone: 'bad' };
  if (p.paper === 'near-end') return { text: 'Printer: paper low', tone: 'warn' };
  return {
    text: p.queued > 0 ? `Printing · ${String(p.queued)} in queue` : 'Printer ready',
    tone: 'ok',
  };
}

function syncText(
  status: StationStatus | null,
  connected: boolean,
): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (!connected || !status) return { text: 'Server: connecting to the station…', tone: 'warn' };
  switch (status.sync.state) {
    case 'online':
      return { text: 'Server: online', tone: 'ok' };
    case 'connecting':
      return { text: 'Server: connecting', tone: 'warn' };
    case 'offline':
      return { text: 'Server: offline', tone: 'bad' };
  }
}

/** The header bar. */
export function Header() {
  const status = useCounter((s) => s.status);
  const connected = useCounter((s) => s.connected);
  const staff = useCounter((s) => s.staff);
  const signOut = useCounter((s) => s.signOut);
  const l = localeOf(status?.cinema);
  const sync = syncText(status, connected);
  const printer = status ? printerText(status.printer) : null;
  const till = status?.till;
  // Someone else's till: this person may look but not take or give back money.
  const notMine = till != null && staff !== null && till.staffId !== staff.id;
  return (
    <header className="header">
      <h1 className="brand">Marquee</h1>
      <span className="cinema">{status?.cinema?.name ?? 'No cinema data yet'}</span>
      {/* Before sign-in the station does not say whose till is open, so neither does the header. */}
      {staff !== null && (
        <span
          className={`pill tone-${till ? (notMine ? 'warn' : 'ok') : 'warn'}`}
          data-testid="till-pill"
        >
          {till
            ? `${notMine ? `${till.staffName}’s till · look only` : 'Till open'} since ${timeOf(till.openedAt, l)}${till.training ? ' · TRAINING' : ''}`
            : 'Till closed'}
        </span>
      )}
      <span className={`pill tone-${sync.tone}`} role="status">
        {sync.text}
      </span>
      <span className={`pill tone-${(status?.sync.pendingCount ?? 0) > 0 ? 'warn' : 'ok'}`}>
        Pending sync {status?.sync.pendingCount ?? 0}
      </span>
      {(status?.sync.reviewCount ?? 0) > 0 && (
        <span className="pill tone-bad">{status?.sync.reviewCount} to review (F7)</span>
      )}
      <span className="pill tone-plain">
        Last sync {status?.sync.lastSyncAt ? timeOf(status.sync.lastSyncAt, l) : 'never'}
      </span>
      {printer && <span className={`pill tone-${printer.tone}`}>{printer.text}</span>}
      <span className="staff">
        {staff ? (
          <>
            <span>
              {staff.name} <span className="role">({staff.role})</span>
            </span>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : (
          'Not signed in'
        )}
      </span>
    </header>
  );
}
