// Door mode (issue 18): one always-focused field that a keyboard-wedge scanner types into (code and
// Enter), a full-screen green or red answer with its reason and a sound, then ready again. Beside
// it: today's shows with admitted of sold, the scans waiting to reach the server (always shown),
// conflicts the server reported, and the latest scans. Everything is checked by the station offline.
// "Use camera" (or F2) reads QR codes from the camera too, through the same scan; the field keeps
// taking the wedge scanner meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DoorScan, DoorStatus } from '../../../common/contract/station.js';
import type { StationClient } from '../contract-client.js';
import { beep } from './beep.js';
import { DoorCamera } from './DoorCamera.js';

/** How long an answer stays on screen before the door is ready for the next person. */
const ANSWER_MS = 4000;
const REFRESH_MS = 3000;
/** The keyboard shortcut that starts and stops the camera. */
const CAMERA_KEY = 'F2';

const timeIn = (iso: string, timeZone: string | undefined) =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));

/** The door screen. */
export function DoorScreen({ client, timeZone }: { client: StationClient; timeZone?: string }) {
  const [status, setStatus] = useState<DoorStatus | null>(null);
  const [answer, setAnswer] = useState<DoorScan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    const r = await client.invoke('door:status', {});
    if (r.ok) {
      setStatus(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [client]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const off = client.on('sync:status', () => void refresh());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [client, refresh]);

  // The answer goes away by itself; the next scan replaces it at once.
  useEffect(() => {
    if (answer === null) return;
    const t = setTimeout(() => setAnswer(null), ANSWER_MS);
    return () => clearTimeout(t);
  }, [answer]);

  // A scanner types wherever the focus is: keep it in the field.
  useEffect(() => {
    input.current?.focus();
  });

  const toggleCamera = useCallback(() => {
    setCameraProblem(null);
    setCamera((on) => !on);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== CAMERA_KEY) return;
      e.preventDefault();
      toggleCamera();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleCamera]);
  const onCameraProblem = useCallback((message: string) => {
    setCamera(false);
    setCameraProblem(message);
  }, []);

  /** Sends one code, from the field or the camera; a code while the last is answered is dropped. */
  const scan = async (text: string) => {
    if (text === '' || busy.current) return;
    busy.current = true;
    try {
      const r = await client.invoke('door:scan', { code: text });
      if (r.ok) {
        setAnswer(r.value);
        beep(r.value.ok);
      } else setError(r.error.message);
      await refresh();
    } finally {
      busy.current = false;
    }
  };
  const submit = async () => {
    const text = code.trim();
    setCode('');
    await scan(text);
  };

  return (
    <main className="door" aria-labelledby="door-h">
      <section className="door-main">
        <h2 id="door-h">{status?.door ?? 'Door'}</h2>
        <form
          className="door-scan"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="door-code">Scan a ticket, or type its code and press Enter</label>
          <input
            id="door-code"
            ref={input}
            value={code}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setCode(e.target.value)}
          />
        </form>
        <p className="door-camera-bar">
          <button type="button" aria-pressed={camera} onClick={toggleCamera}>
            {camera ? 'Stop camera' : 'Use camera'} <kbd>{CAMERA_KEY}</kbd>
          </button>
        </p>
        {camera && <DoorCamera onCode={(c) => void scan(c.trim())} onProblem={onCameraProblem} />}
        {cameraProblem !== null && (
          <p className="door-warn" role="alert">
            {cameraProblem}
          </p>
        )}
        {status !== null && !status.ready && (
          <p className="door-warn" role="alert">
            This door cannot check tickets yet: connect it to the server once.
          </p>
        )}
        {error !== null && (
          <p className="door-warn" role="alert">
            {error}
          </p>
        )}
        <p className="door-pending" aria-live="polite">
          <strong>{status?.pending ?? 0}</strong> waiting to sync
          {status !== null && status.conflicts > 0 && (
            <>
              {' · '}
              <strong>{status.conflicts}</strong> let in here after another door
            </>
          )}
        </p>
        <h3>Latest scans</h3>
        <ol className="door-recent">
          {status?.recent.map((s, i) => (
            <li key={`${s.at}-${String(i)}`} className={s.result === 'admitted' ? 'ok' : 'no'}>
              <time dateTime={s.at}>{timeIn(s.at, timeZone)}</time> {s.message}
            </li>
          ))}
        </ol>
      </section>
      <section className="door-shows" aria-labelledby="door-shows-h">
        <h3 id="door-shows-h">Today’s shows</h3>
        <table className="table">
          <caption className="visually-hidden">Admitted of sold per show</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Film</th>
              <th scope="col">Screen</th>
              <th scope="col">Admitted</th>
            </tr>
          </thead>
          <tbody>
            {status?.shows.map((s) => (
              <tr key={s.showId}>
                <td>{timeIn(s.startsAt, timeZone)}</td>
                <td>{s.filmTitle}</td>
                <td>{s.screenName}</td>
                <td>
                  {s.admitted} of {s.sold}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {answer !== null && (
        <div
          className={`door-answer ${answer.ok ? 'door-yes' : 'door-no'}`}
          role={answer.ok ? 'status' : 'alert'}
          onClick={() => setAnswer(null)}
        >
          <p className="door-verdict">{answer.ok ? '✓ Come in' : '✗ Not admitted'}</p>
          <p className="door-reason">{answer.message}</p>
          {answer.ticket !== null && (
            <p className="door-ticket">
              {answer.ticket.filmTitle ?? 'Unknown show'}
              {answer.ticket.startsAt !== null && ` · ${timeIn(answer.ticket.startsAt, timeZone)}`}
              {answer.ticket.screenName !== null && ` · ${answer.ticket.screenName}`} · seat{' '}
              {answer.ticket.seatLabel}
            </p>
          )}
        </div>
      )}
    </main>
  );
}
