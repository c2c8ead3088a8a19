// The function keys on screen, clickable too; a click keeps the keyboard focus where it was.
import { FUNCTION_KEYS, runFunctionKey, type FunctionKey } from '../lib/use-global-keys.js';
import { useCounter, useCounterStore } from '../store/counter-store.js';

const SHOWN: Record<FunctionKey, string> = {
  F2: 'F2',
  F3: 'F3',
  F4: 'F4',
  F5: 'F5',
  F6: 'F6',
  F7: 'F7',
  F8: 'F8',
  F9: 'F9',
  F10: 'F10',
  F11: 'F11',
  Escape: 'Esc',
};

/** The key bar at the bottom of every signed-in screen. */
export function FKeyBar() {
  const store = useCounterStore();
  const view = useCounter((s) => s.view);
  const hasBasket = useCounter((s) => s.lines.length > 0);
  const enabled = (key: FunctionKey): boolean => {
    if (key === 'F5' || key === 'F6') return (view === 'seats' && hasBasket) || view === 'tender';
    return true;
  };
  const manager = useCounter((s) => s.staff?.role === 'manager' || s.staff?.role === 'admin');
  return (
    <nav className="fkeys" aria-label="Function keys">
      {FUNCTION_KEYS.filter((k) => k.key !== 'F10' || manager).map((k) => (
        <button
          key={k.key}
          type="button"
          className="fkey"
          disabled={!enabled(k.key)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => runFunctionKey(store, k.key)}
        >
          <kbd>{SHOWN[k.key]}</kbd> {k.label}
        </button>
      ))}
    </nav>
  );
}
