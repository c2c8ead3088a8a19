// The till (F4): open your till with a float, cash drops, a blind close, handing over another
// person's till, and the X/Z-report.
import { useEffect, useState, type SyntheticEvent } from 'react';
import { amountOf, MoneyField } from '../components/MoneyField.js';
import { TillClose } from '../components/TillClose.js';
import { TillHandover } from '../components/TillHandover.js';
import { ZReportView } from '../components/ZReportView.js';
import { localeOf, money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

function OpenTill({ currency }: { currency: string }) {
  const openTill = useCounter((s) => s.openTill);
  const busy = useCounter((s) => s.tillBusy);
  const notify = useCounter((s) => s.notify);
  const [float, setFloat] = useState('');
  const [training, setTraining] = useState(false);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const minor = float.trim() === '' ? 0 : amountOf(float, currency);
    if (minor === null) {
      notify(
        'error',
        'The float is not an amount. Count the cash in the drawer and type it, e.g. 2000.',
      );
      return;
    }
    void openTill(minor, training);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="open-h">
      <h2 id="open-h">Open the till</h2>
      <p className="muted">Count the cash float in the drawer and type it, then press Enter.</p>
      <MoneyField
        id="till-float"
        label="Cash float"
        value={float}
        currency={currency}
        onChange={setFloat}
        autoFocus
      />
      <label className="check">
        <input type="checkbox" checked={training} onChange={(e) => setTraining(e.target.checked)} />
        Training mode (practice sales that never count and print no tickets)
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Open till (Enter)
      </button>
    </form>
  );
}

function CashDrop({ currency }: { currency: string }) {
  const cashDrop = useCounter((s) => s.cashDrop);
  const busy = useCounter((s) => s.tillBusy);
  const notify = useCounter((s) => s.notify);
  const [drop, setDrop] = useState('');
  const [dropRef, setDropRef] = useState('');
  const submitDrop = async (e: SyntheticEvent) => {
    e.preventDefault();
    const minor = amountOf(drop, currency);
    if (minor === null || minor <= 0) {
      notify('error', 'Type the amount of cash you take to the safe.');
      return;
    }
    if (await cashDrop(minor, dropRef.trim())) {
      setDrop('');
      setDropRef('');
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submitDrop(e)} aria-labelledby="drop-h">
      <h2 id="drop-h">Cash drop</h2>
      <MoneyField
        id="drop-amount"
        label="Cash taken to the safe"
        value={drop}
        currency={currency}
        onChange={setDrop}
      />
      <div className="field">
        <label htmlFor="drop-ref">Bag or slip number (optional)</label>
        <input
          id="drop-ref"
          value={dropRef}
          autoComplete="off"
          onChange={(e) => setDropRef(e.target.value)}
        />
      </div>
      <button type="submit" disabled={busy}>
        Record drop
      </button>
    </form>
  );
}

/** The till screen: open yours, drop and close it, or hand over someone else's. */
export function TillView() {
  const till = useCounter((s) => s.status?.till ?? null);
  const staff = useCounter((s) => s.staff);
  const report = useCounter((s) => s.tillReport);
  const zReport = useCounter((s) => s.zReport);
  const closingForOwner = useCounter((s) => s.closingForOwner);
  const loadTillReport = useCounter((s) => s.loadTillReport);
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema);
  const tillId = till?.id;
  useEffect(() => {
    void loadTillReport();
  }, [loadTillReport, tillId]);

  if (till === null) {
    return (
      <main className="till" aria-label="Till">
        <div className="till-grid">
          <OpenTill currency={l.currency} />
          {zReport && <ZReportView report={zReport} title="Z-report" />}
        </div>
      </main>
    );
  }
  const mine = staff !== null && till.staffId === staff.id;
  const cash = report?.perTender.find((t) => t.tender === 'cash');
  return (
    <main className="till" aria-label="Till">
      <div className="till-grid">
        <div>
          {mine && typeof cash?.expected === 'number' && (
            <p className="due">
              Cash expected in the drawer <strong>{money(cash.expected, l)}</strong>
            </p>
          )}
          {!mine && !closingForOwner ? (
            <TillHandover till={till} />
          ) : (
            <div className="till-forms">
              {mine && <CashDrop currency={l.currency} />}
              <TillClose till={till} report={report} currency={l.currency} />
            </div>
          )}
        </div>
        {report && (
          <ZReportView
            report={report}
            title={`X-report of ${till.staffName}’s till (still open)`}
          />
        )}
      </div>
    </main>
  );
}
