// System (issue 17): the audit trail and the central database's backups, as tabs. Managers read the
// audit trail of their cinemas; backups are for chain admins (the server answers others 403).
import { useState } from 'react';
import { Tabs } from '../kit/Tabs.js';
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
  return (
    <section aria-labelledby="system-h" className="admin-section">
      <header className="admin-head">
        <h2 id="system-h">System</h2>
      </header>
      <Tabs label="System" idPrefix="system" tabs={TABS} current={tab} onSelect={setTab}>
        {tab === 'audit' ? <AuditTrail /> : <Backups />}
      </Tabs>
    </section>
  );
}
