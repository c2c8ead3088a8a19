// A small modal question for the counter, answered by keyboard: Enter takes the first (focused)
// answer, a letter key takes the answer that shows it, Esc takes the way out. Tab stays inside.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusTrap } from '../lib/use-focus-trap.js';

/** One answer: its button text, the letter that takes it (shown on the button), what it does. */
export type ConfirmAction = {
  label: string;
  key?: string;
  kind?: 'primary' | 'danger';
  run: () => void;
};

type Props = {
  id: string;
  title: string;
  children: ReactNode;
  /** The first answer is focused, so Enter takes it. */
  actions: ConfirmAction[];
  /** Esc: the answer that changes nothing. */
  onEscape: () => void;
  escapeLabel: string;
};

/** The dialog; keys it handles never reach the counter's global keys. */
export function ConfirmDialog({ id, title, children, actions, onEscape, escapeLabel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  // Focus stays inside the question, as in every dialog of the counter.
  useFocusTrap(box);
  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    const byKey = actions.find(
      (a) => a.key !== undefined && a.key.toLowerCase() === e.key.toLowerCase(),
    );
    if (byKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      byKey.run();
      return;
    }
    // Enter on an answer presses it (the browser's own), but must not also reach the global keys;
    // no other key (F5, digits) may act behind the question.
    e.stopPropagation();
    if (/^F\d+$/.test(e.key)) e.preventDefault();
  };
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-h`}
        onKeyDown={onKey}
        data-testid={id}
      >
        <h2 id={`${id}-h`}>{title}</h2>
        {children}
        <div className="dialog-actions">
          {actions.map((a) => (
            <button key={a.label} type="button" className={a.kind ?? ''} onClick={a.run}>
              {a.key !== undefined && <kbd>{a.key}</kbd>} {a.label}
            </button>
          ))}
          <button type="button" onClick={onEscape}>
            <kbd>Esc</kbd> {escapeLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
