// Who is signing in: tiles of this cinema's people. Type letters to filter, arrows to move, Enter to
// choose; a locked person is marked with the time left.
import { useState, type KeyboardEvent } from 'react';
import type { SignInPerson } from '../../../common/contract/station.js';

/** "Locked for N min", rounded up: what a person sees on their tile and after choosing it. */
export function lockedWords(p: SignInPerson): string {
  return `Locked for ${String(Math.max(1, Math.ceil(p.lockedSeconds / 60)))} min`;
}

const matches = (p: SignInPerson, filter: string): boolean =>
  p.name.toLowerCase().includes(filter.trim().toLowerCase());

type Props = { people: SignInPerson[]; onChoose: (p: SignInPerson) => void };

/** The person picker of the sign-in screen. */
export function PersonPicker({ people, onChoose }: Props) {
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const shown = people.filter((p) => matches(p, filter));
  const at = Math.min(active, Math.max(0, shown.length - 1));
  const current = shown[at];

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(shown.length - 1, at + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) onChoose(current);
    } else if (e.key === 'Escape' && filter !== '') {
      e.preventDefault();
      setFilter('');
      setActive(0);
    }
  };

  return (
    <div className="person-picker">
      <label htmlFor="person-filter">Who are you? Type your name, then press Enter.</label>
      <input
        id="person-filter"
        className="person-filter"
        type="text"
        autoComplete="off"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="people"
        aria-activedescendant={current ? `person-${current.id}` : undefined}
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <ul id="people" className="people" role="listbox" aria-label="People">
        {shown.map((p, i) => (
          <li
            key={p.id}
            id={`person-${p.id}`}
            role="option"
            aria-selected={i === at}
            className={`person${i === at ? ' active' : ''}${p.lockedUntil !== null ? ' locked' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(p)}
          >
            <span className="person-name">{p.name}</span>
            <span className="person-role muted">
              {p.role === 'manager' ? 'Manager' : 'Cashier'}
            </span>
            {p.lockedUntil !== null && <span className="person-lock">{lockedWords(p)}</span>}
          </li>
        ))}
      </ul>
      {people.length === 0 && (
        <p className="muted" aria-live="polite">
          No staff list yet. Connect this station to the server once so it can download it.
        </p>
      )}
      {people.length > 0 && shown.length === 0 && (
        <p className="muted" aria-live="polite">
          Nobody here by that name. Esc clears what you typed.
        </p>
      )}
    </div>
  );
}
