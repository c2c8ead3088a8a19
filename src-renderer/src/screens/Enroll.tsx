// First run (and after a revoke): the station asks for the server address and a manager's one-time
// code, then enrolls itself. Keyboard first: the code field has the focus, Enter submits.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { EnrollmentStatus } from '../../../common/contract/station.js';
import type { StationClient } from '../contract-client.js';
import { useCounter } from '../store/counter-store.js';

/** The code as typed, in its usual form: case, spaces and dashes do not matter. */
export function tidyCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return (bare.match(/.{1,4}/g) ?? []).join('-');
}
const complete = (code: string) => code.replace(/-/g, '').length === 12;

/** The enrollment screen. */
export function Enroll({
  client,
  enrollment,
}: {
  client: StationClient;
  enrollment: EnrollmentStatus;
}) {
  const refreshStatus = useCounter((s) => s.refreshStatus);
  const [serverUrl, setServerUrl] = useState(enrollment.serverUrl);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    codeInput.current?.focus();
  }, []);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!complete(code)) {
      setError('The code has 12 letters and digits, like 7KQ2-M9XD-4TPA.');
      codeInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.invoke('station:enroll', { serverUrl: serverUrl.trim(), code });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      codeInput.current?.focus();
      return;
    }
    await refreshStatus();
  };

  const revoked = enrollment.state === 'revoked';
  return (
    <main className="signin">
      <form className="signin-card" aria-labelledby="enroll-title" onSubmit={(e) => void submit(e)}>
        <h2 id="enroll-title">{revoked ? 'Enroll this station again' : 'Enroll this station'}</h2>
        {revoked ? (
          <p className="person-lock" role="status">
            The server refused this station: {enrollment.message ?? 'it was revoked'}. Sales waiting
            to be sent are kept and go out once it is enrolled again.
          </p>
        ) : (
          <p className="muted">
            A manager creates the station in the admin view and reads you its one-time code.
          </p>
        )}
        <label htmlFor="enroll-server">Server address</label>
        <input
          id="enroll-server"
          type="url"
          value={serverUrl}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setServerUrl(e.target.value)}
        />
        <label htmlFor="enroll-code">Enrollment code</label>
        <input
          id="enroll-code"
          ref={codeInput}
          className="pin-input"
          value={code}
          placeholder="XXXX-XXXX-XXXX"
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? 'enroll-error' : undefined}
          onChange={(e) => {
            setCode(tidyCode(e.target.value).slice(0, 14));
            setError(null);
          }}
        />
        {error !== null && (
          <p id="enroll-error" className="person-lock" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? 'Enrolling…' : 'Enroll (Enter)'}
        </button>
      </form>
      <footer className="station-id muted">
        {enrollment.stationName !== null ? `Station ${enrollment.stationName} · ` : ''}
        Not connected to the server until enrolled
      </footer>
    </main>
  );
}
