// System (issue 17): the audit trail and the central database's backups, as tabs. Managers read the
// audit trail of their cinemas; backups are for chain admins (the server answers others 403).
import { useState, type KeyboardEvent } from 'react';
import { AuditTrail } from './AuditTrail.js';
import { Backups } from './Backups.js';

const TABS = [
  { id: 'audit', label: 'Audit trail' },
  { id: 'backups', label: 'Backups' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** The System section. */
export function SystemScreen() {
  const [tab, setTab] = useState<Tab>('audit');
  // Arrow keys move between tabs, as the ARIA tabs pattern has it.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`system-tab-${next.id}`)?.focus();
  };
  return (
    <section aria-labelledby="system-h" className="admin-section">
      <header className="admin-head">
        <h2 id="system-h">System</h2>
      </header>
      <div role="tablist" aria-label="System" className="prices-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`system-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === tab}
            aria-controls={`system-panel-${t.id}`}
            tabIndex={t.id === tab ? 0 : -1}
            className={t.id === tab ? 'active' : undefined}
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`system-panel-${tab}`} aria-labelledby={`system-tab-${tab}`}>
        {tab === 'audit' ? <AuditTrail /> : <Backups />}
      </div>
    </section>
  );
}
