// The till (F4): open with a float, cash drops, close with counted amounts, and the Z-report.
import { COUNTER_TENDERS, type CounterTender } from '../../../common/tenders.js';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { amountOf, MoneyField } from '../components/MoneyField.js';
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

function OpenTillActions({ currency, tenders }: { currency: string; tenders: string[] }) {
  const cashDrop = useCounter((s) => s.cashDrop);
  const closeTill = useCounter((s) => s.closeTill);
  const busy = useCounter((s) => s.tillBusy);
  const notify = useCounter((s) => s.notify);
  const [drop, setDrop] = useState('');
  const [dropRef, setDropRef] = useState('');
  const [counted, setCounted] = useState<Record<string, string>>({});
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
  const submitClose = (e: SyntheticEvent) => {
    e.preventDefault();
    const out: Partial<Record<CounterTender, number>> = {};
    for (const t of tenders) {
      const v = counted[t] ?? '';
      const minor = v.trim() === '' ? 0 : amountOf(v, currency);
      if (minor === null) {
        notify('error', `The counted ${t} is not an amount. Type digits only.`);
        return;
      }
      if ((COUNTER_TENDERS as readonly string[]).includes(t)) out[t as CounterTender] = minor;
    }
    void closeTill(out);
  };
  return (
    <div className="till-forms">
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
      <form className="card" onSubmit={submitClose} aria-labelledby="close-h">
        <h2 id="close-h">Close the till</h2>
        <p className="muted">Count each tender and type what you counted. The Z-report prints.</p>
        {tenders.map((t) => (
          <MoneyField
            key={t}
            id={`count-${t}`}
            label={`Counted ${t}`}
            value={counted[t] ?? ''}
            currency={currency}
            onChange={(v) => setCounted({ ...counted, [t]: v })}
          />
        ))}
        <button type="submit" className="danger" disabled={busy}>
          Close till and print Z-report
        </button>
      </form>
    </div>
  );
}

/** The till screen. */
export function TillView() {
  const till = useCounter((s) => s.status?.till ?? null);
  const report = useCounter((s) => s.tillReport);
  const zReport = useCounter((s) => s.zReport);
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
  const tenders = report?.perTender.map((t) => t.tender) ?? ['cash', 'card'];
  const cash = report?.perTender.find((t) => t.tender === 'cash');
  return (
    <main className="till" aria-label="Till">
      <div className="till-grid">
        <div>
          <p className="due">
            Cash expected in the drawer <strong>{cash ? money(cash.expected, l) : '…'}</strong>
          </p>
          <OpenTillActions
            currency={l.currency}
            tenders={tenders.includes('card') ? tenders : [...tenders, 'card']}
          />
        </div>
        {report && <ZReportView report={report} title="X-report (till still open)" />}
      </div>
    </main>
  );
}
