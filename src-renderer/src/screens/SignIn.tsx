// Staff sign-in: a PIN from the keyboard or the on-screen keypad, Enter to sign in.
import { useRef, useState, type SyntheticEvent } from 'react';
import { useCounter } from '../store/counter-store.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** The PIN screen. */
export function SignIn() {
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const signIn = useCounter((s) => s.signIn);
  const signingIn = useCounter((s) => s.signingIn);
  const status = useCounter((s) => s.status);

  const submit = async (e?: SyntheticEvent) => {
    e?.preventDefault();
    if (pin.length < 4 || signingIn) return;
    const ok = await signIn(pin);
    if (!ok) setPin('');
    input.current?.focus();
  };
  const press = (k: (typeof KEYS)[number]) => {
    if (k === 'clear') setPin('');
    else if (k === 'back') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 8 ? p + k : p));
    input.current?.focus();
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)}>
        <h2>Sign in</h2>
        <p className="muted">Enter your staff PIN, then press Enter.</p>
        <label htmlFor="pin" className="visually-hidden">
          Staff PIN
        </label>
        <input
          id="pin"
          ref={input}
          className="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setPin('');
          }}
        />
        <div className="keypad" role="group" aria-label="PIN keypad">
          {KEYS.map((k) => (
            <button
              key={k}
              type="button"
              className={`key key-${k}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => press(k)}
              aria-label={k === 'clear' ? 'Clear' : k === 'back' ? 'Delete last digit' : k}
            >
              {k === 'clear' ? 'C' : k === 'back' ? '⌫' : k}
            </button>
          ))}
        </div>
        <button type="submit" className="primary wide" disabled={pin.length < 4 || signingIn}>
          {signingIn ? 'Checking…' : 'Sign in (Enter)'}
        </button>
      </form>
      <footer className="station-id muted">
        Station {status?.stationId || 'not enrolled'} ·{' '}
        {status?.kiosk ? 'Self-service kiosk' : 'Counter'} ·{' '}
        {status ? `${String(status.counts.shows)} shows in the local copy` : 'connecting…'}
      </footer>
    </main>
  );
}
