// A manager lifts someone's PIN lockout: they choose themselves and type their own PIN, which the
// station checks like any PIN (their wrong tries count against them). Enter unlocks, Esc goes back.
import { useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { SignInPerson } from '../../../common/contract/station.js';
import { PIN_MAX_DIGITS } from '../../../common/pin-rule.js';
import { managerPinProblem } from '../lib/manager-pin.js';
import { useFocusTrap } from '../lib/use-focus-trap.js';
import { useCounter } from '../store/counter-store.js';

type Props = { person: SignInPerson; onClose: () => void };

/** The unlock dialog for one locked person. */
export function UnlockDialog({ person, onClose }: Props) {
  const unlock = useCounter((s) => s.unlock);
  const managers = useCounter((s) => s.people).filter(
    (p) => p.role === 'manager' && p.id !== person.id,
  );
  const [managerId, setManagerId] = useState(managers[0]?.id ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLFormElement>(null);
  useFocusTrap(box);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem =
      managerId === ''
        ? 'Choose the manager who unlocks.'
        : managerPinProblem(pin, 'The manager types their own PIN to unlock.');
    if (problem !== null) {
      setError(problem);
      return;
    }
    setBusy(true);
    const refused = await unlock(person.id, managerId, pin);
    setBusy(false);
    if (refused === null) onClose();
    else {
      setError(refused);
      setPin('');
    }
  };
  const onKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };

  return (
    <div className="dialog-backdrop">
      <form
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="unlock-h"
        data-testid="unlock-dialog"
        onSubmit={(e) => void submit(e)}
        onKeyDown={onKey}
      >
        <h2 id="unlock-h">Unlock {person.name}</h2>
        {managers.length === 0 ? (
          <p className="muted">
            No manager of this cinema can sign in here right now. Wait until the lockout ends.
          </p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="unlock-manager">Manager</label>
              <select
                id="unlock-manager"
                autoFocus={managers.length > 1}
                value={managerId}
                onChange={(e) => setManagerId(e.target.value)}
              >
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="unlock-pin">Manager PIN</label>
              <input
                id="unlock-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                autoFocus={managers.length === 1}
                maxLength={PIN_MAX_DIGITS}
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX_DIGITS))}
              />
            </div>
          </>
        )}
        {error !== null && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {managers.length > 0 && (
            <button type="submit" className="primary" disabled={busy}>
              <kbd>Enter</kbd> Unlock
            </button>
          )}
          <button type="button" onClick={onClose}>
            <kbd>Esc</kbd> Back
          </button>
        </div>
      </form>
    </div>
  );
}
