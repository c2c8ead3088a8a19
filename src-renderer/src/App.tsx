import { useEffect, useState } from 'react';
import type { StationStatus } from '../../common/contract/station.js';
import type { StationClient } from './contract-client.js';

/** The station's first page: who it is and how it stands with the server, live from the contract. */
export function App({ client }: { client: StationClient }) {
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      const r = await client.invoke('station:status', {});
      if (!alive) return;
      if (r.ok) {
        setStatus(r.value);
        setError(null);
      } else {
        setError(r.error.message);
      }
    };
    void load();
    const off = client.on('sync:status', () => void load());
    const timer = setInterval(() => void load(), 5000);
    return () => {
      alive = false;
      off();
      clearInterval(timer);
    };
  }, [client]);

  return (
    <main className="app">
      <header className="header">
        <h1>Marquee</h1>
        <span className="cinema">{status?.cinema?.name ?? 'No cinema data yet'}</span>
        <span className={`sync sync-${status?.sync.state ?? 'offline'}`} role="status">
          {status ? `Server: ${status.sync.state}` : 'Connecting to the station…'}
        </span>
      </header>
      {error !== null && <p role="alert" className="error">{error}</p>}
      {status && (
        <section aria-labelledby="station-h">
          <h2 id="station-h">This station</h2>
          <dl>
            <dt>Station id</dt>
            <dd>{status.stationId || 'not enrolled'}</dd>
            <dt>Mode</dt>
            <dd>{status.kiosk ? 'Self-service kiosk' : 'Counter'}</dd>
            <dt>Shows in the local replica</dt>
            <dd>{status.counts.shows}</dd>
            <dt>Seats of shows in the local replica</dt>
            <dd>{status.counts.seats}</dd>
            <dt>Sales waiting to be sent</dt>
            <dd>{status.sync.pendingCount}</dd>
            <dt>Last sync</dt>
            <dd>{status.sync.lastSyncAt ?? 'never'}</dd>
            {status.sync.lastError !== null && (
              <>
                <dt>Last sync problem</dt>
                <dd>{status.sync.lastError}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </main>
  );
}
