// Staff sign-in: choose yourself from the cinema's people, then type your PIN (keyboard or keypad);
// Enter signs in, Esc goes back to the list. A locked person can ask a manager to unlock.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { PIN_MIN_DIGITS } from '../../../common/pin-rule.js';
import { lockedWords, PersonPicker } from '../components/PersonPicker.js';
import { PinPad } from '../components/PinPad.js';
import { UnlockDialog } from '../components/UnlockDialog.js';
import { useCounter } from '../store/counter-store.js';

// The list shows lockouts and new staff without a reload; a lockout's minutes left stay current.
const PEOPLE_REFRESH_MS = 10_000;

/** The sign-in screen. */
export function SignIn() {
  const people = useCounter((s) => s.people);
  const loadPeople = useCounter((s) => s.loadPeople);
  const signIn = useCounter((s) => s.signIn);
  const signingIn = useCounter((s) => s.signingIn);
  const status = useCounter((s) => s.status);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [unlocking, setUnlocking] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const chosen = people.find((p) => p.id === chosenId) ?? null;

  useEffect(() => {
    void loadPeople();
    const t = setInterval(() => void loadPeople(), PEOPLE_REFRESH_MS);
    return () => clearInterval(t);
  }, [loadPeople]);

  // Back from the unlock dialog, the PIN field takes the keys again (the dialog had trapped focus).
  useEffect(() => {
    if (!unlocking) input.current?.focus();
  }, [unlocking]);

  const back = () => {
    setChosenId(null);
    setPin('');
  };
  const submit = async (e?: SyntheticEvent) => {
    e?.preventDefault();
    if (chosen === null || pin.length < PIN_MIN_DIGITS[chosen.role] || signingIn) return;
    const ok = await signIn(chosen.id, pin);
    if (!ok) setPin('');
    input.current?.focus();
  };

  return (
    <main className="signin">
      {chosen === null ? (
        <div className="signin-card signin-people">
          <h2>Sign in</h2>
          <PersonPicker
            people={people}
            onChoose={(p) => {
              setChosenId(p.id);
              setPin('');
            }}
          />
        </div>
      ) : (
        <form
          className="signin-card"
          onSubmit={(e) => void submit(e)}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || unlocking) return;
            e.preventDefault();
            back();
          }}
        >
          <h2>{chosen.name}</h2>
          <p className="muted">{chosen.role === 'manager' ? 'Manager' : 'Cashier'}</p>
          {chosen.lockedUntil !== null ? (
            <>
              <p className="person-lock" aria-live="polite">
                {lockedWords(chosen)} — a manager can unlock
              </p>
              <button
                type="button"
                className="primary wide"
                autoFocus
                onClick={() => setUnlocking(true)}
              >
                Unlock…
              </button>
            </>
          ) : (
            <>
              <p className="muted">Type your PIN, then press Enter.</p>
              <PinPad id="pin" label="Staff PIN" pin={pin} setPin={setPin} inputRef={input} />
              <button
                type="submit"
                className="primary wide"
                disabled={pin.length < PIN_MIN_DIGITS[chosen.role] || signingIn}
              >
                {signingIn ? 'Checking…' : 'Sign in (Enter)'}
              </button>
            </>
          )}
          <button type="button" className="wide" onClick={back}>
            Not you? Back to the list (Esc)
          </button>
        </form>
      )}
      {unlocking && chosen !== null && (
        <UnlockDialog person={chosen} onClose={() => setUnlocking(false)} />
      )}
      <footer className="station-id muted">
        Station {status?.stationId || 'not enrolled'} ·{' '}
        {status?.kiosk ? 'Self-service kiosk' : 'Counter'} ·{' '}
        {status ? `${String(status.counts.shows)} shows in the local copy` : 'connecting…'}
      </footer>
    </main>
  );
}
