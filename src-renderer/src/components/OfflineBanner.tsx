// Offline, the counter sells only the seats set aside for it; the banner says so on every screen.
import { useCounter } from '../store/counter-store.js';

/** A banner while the station cannot reach the server, or the page cannot reach the station. */
export function OfflineBanner() {
  const state = useCounter((s) => s.status?.sync.state);
  const connected = useCounter((s) => s.connected);
  const lastError = useCounter((s) => s.status?.sync.lastError ?? null);
  if (!connected) {
    return (
      <div className="banner banner-bad" aria-live="polite">
        <strong>No connection to this station’s program.</strong> It reconnects by itself; if this
        stays, restart the station.
      </div>
    );
  }
  if (state === undefined || state === 'online') return null;
  return (
    <div className="banner banner-offline" aria-live="polite">
      <strong>
        {state === 'connecting'
          ? 'Connecting to the server…'
          : 'Offline: the server cannot be reached.'}
      </strong>{' '}
      Only seats set aside for this counter (marked ◆) can be sold now. Sales are kept here and sent
      when the connection is back.
      {lastError !== null && <span className="banner-detail"> ({lastError})</span>}
    </div>
  );
}
