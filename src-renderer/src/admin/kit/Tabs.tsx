// The tabs of an admin section (prices, reports, system), as the ARIA tabs pattern has them: one tab
// in the Tab order, arrow keys move between tabs (and focus follows), the panel names its tab.
import type { KeyboardEvent, ReactNode } from 'react';

type Props<T extends string> = {
  /** What the tab list is called, for screen readers. */
  label: string;
  /** Prefix of the tabs' and panel's ids (`${idPrefix}-tab-${id}`, `${idPrefix}-panel-${id}`). */
  idPrefix: string;
  tabs: readonly { id: T; label: string }[];
  current: T;
  /** Asked to show tab `id` (a section may first guard unsaved changes). */
  onSelect: (id: T) => void;
  /** The current tab's panel. */
  children: ReactNode;
  panelClassName?: string;
};

/** A tab list and the current tab's panel. */
export function Tabs<T extends string>({
  label,
  idPrefix,
  tabs,
  current,
  onSelect,
  children,
  panelClassName,
}: Props<T>) {
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.findIndex((t) => t.id === current);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    document.getElementById(`${idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="prices-tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${idPrefix}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === current}
            aria-controls={`${idPrefix}-panel-${t.id}`}
            tabIndex={t.id === current ? 0 : -1}
            className={t.id === current ? 'active' : undefined}
            onClick={() => onSelect(t.id)}
            onKeyDown={onKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${current}`}
        aria-labelledby={`${idPrefix}-tab-${current}`}
        className={panelClassName}
      >
        {children}
      </div>
    </>
  );
}
