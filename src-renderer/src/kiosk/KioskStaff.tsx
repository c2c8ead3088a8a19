// Staff at a kiosk: open it for customers (a card-only till in their name), close it at the end of
// the day (its Z-report prints), see why it is out of service.
import { useEffect, useState } from 'react';
import type { KioskStatus, ZReport } from '../../../common/contract/station.js';
import type { StationClient } from '../contract-client.js';
import { localeOf, money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The staff panel of a kiosk station, shown while a staff member is signed in there. */
export function KioskStaff({ client, onLeave }: { client: StationClient; onLeave: () => void }) {
  const staff = useCounter((s) => s.staff);
  const cinema = useCounter((s) => s.status?.cinema);
  const fail = useCounter((s) => s.fail);
  const resetSession = useCounter((s) => s.resetSession);
  const signOut = useCounter((s) => s.signOut);
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [report, setReport] = useState<ZReport | null>(null);
  const load = async () => {
    const r = await client.invoke('kiosk:status', {});
    if (r.ok) setStatus(r.value);
  };
  useEffect(() => {
    void load();
  }, []);
  const open = async () => {
    const r = await client.invoke('kiosk:open', {});
    if (!r.ok) {
      fail(r.error);
      return;
    }
    // The station signed the staff member out: the kiosk is the customers' now.
    resetSession(null);
    onLeave();
  };
  const close = async () => {
    const r = await client.invoke('kiosk:close', {});
    if (!r.ok) {
      fail(r.error);
      return;
    }
    setReport(r.value);
    await load();
  };
  const l = localeOf(cinema);
  return (
    <main className="kiosk-staff" aria-labelledby="kiosk-staff-title">
      <h1 id="kiosk-staff-title">Kiosk · {staff?.name}</h1>
      {status === null ? (
        <p>Reading the kiosk’s state…</p>
      ) : (
        <>
          <p>
            {status.open
              ? `Open for customers, on ${status.openedBy ?? ''}’s till (cards only).`
              : 'Closed: customers see the out-of-service screen.'}
          </p>
          {status.outOfService !== null && status.outOfService.reason !== 'closed' && (
            <p className="warn">Out of service: {status.outOfService.detail}</p>
          )}
          <p>
            Card terminal: {status.terminal.kind}. Idle warning after {status.idleSeconds} s, start
            over {status.warnSeconds} s later.
          </p>
        </>
      )}
      <div className="actions">
        {status?.open !== true && (
          <button type="button" className="primary" onClick={() => void open()}>
            Open the kiosk for customers
          </button>
        )}
        {status?.open === true && (
          <>
            <button
              type="button"
              className="primary"
              onClick={() => {
                onLeave();
                void signOut();
              }}
            >
              Back to customers
            </button>
            <button type="button" onClick={() => void close()}>
              Close the kiosk (Z-report)
            </button>
          </>
        )}
      </div>
      {report !== null && (
        <p role="status">
          Closed. Card takings {money(report.totals.netMinor, l)}; the Z-report is printing.
        </p>
      )}
    </main>
  );
}
