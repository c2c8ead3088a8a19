// Closing a till: a blind count by default (expected amounts appear once the count is in); a
// difference over the cinema's limit asks for a manager's PIN and a note; Esc counts again.
import { useState, type SyntheticEvent } from 'react';
import type { TillInfo, ZReport } from '../../../common/contract/station.js';
import { COUNTER_TENDERS, tenderLabel, type CounterTender } from '../../../common/tenders.js';
import { localeOf, money } from '../lib/format.js';
import { managerPinProblem } from '../lib/manager-pin.js';
import { useCounter } from '../store/counter-store.js';
import type { TillVariance } from '../store/till-slice.js';
import { amountOf, MoneyField } from './MoneyField.js';

const labelOf = tenderLabel;

function VarianceApproval({ variance }: { variance: TillVariance }) {
  const closeTill = useCounter((s) => s.closeTill);
  const recount = useCounter((s) => s.recount);
  const busy = useCounter((s) => s.tillBusy);
  const notify = useCounter((s) => s.notify);
  const l = localeOf(useCounter((s) => s.status?.cinema));
  const [pin, setPin] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const pinProblem = managerPinProblem(pin, 'A manager types their PIN to approve this count.');
    if (pinProblem !== null) {
      notify('error', pinProblem);
      return;
    }
    if (note.trim().length < 3) {
      notify('error', 'Write a short note on why the count differs, e.g. “change given twice”.');
      return;
    }
    void closeTill(variance.counted, { managerPin: pin, note: note.trim() });
  };
  return (
    <form
      className="card"
      onSubmit={submit}
      aria-labelledby="variance-h"
      data-testid="till-variance"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          recount();
        }
      }}
    >
      <h2 id="variance-h">The count differs: a manager approves</h2>
      <p className="muted">
        More than {money(variance.limitMinor, l)} off needs a manager’s PIN and a note. Esc counts
        again.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Tender</th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Counted
            </th>
            <th scope="col" className="num">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {variance.differences.map((d) => (
            <tr key={d.tender} data-tender={d.tender}>
              <th scope="row">{labelOf(d.tender)}</th>
              <td className="num">{d.expected === null ? '—' : money(d.expected, l)}</td>
              <td className="num">{d.counted === null ? '—' : money(d.counted, l)}</td>
              <td className={`num${d.difference ? ' off' : ''}`} data-col="difference">
                {d.difference === null ? '—' : money(d.difference, l)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="field">
        <label htmlFor="variance-pin">Manager PIN</label>
        <input
          id="variance-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
      </div>
      <div className="field">
        <label htmlFor="variance-note">Note (why the count differs)</label>
        <input
          id="variance-note"
          autoComplete="off"
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <button type="submit" className="danger" disabled={busy}>
        Approve and close (Enter)
      </button>
    </form>
  );
}

type Props = { till: NonNullable<TillInfo>; report: ZReport | null; currency: string };

/** The count form; for someone else's till it also takes the closing manager's PIN. */
export function TillClose({ till, report, currency }: Props) {
  const closeTill = useCounter((s) => s.closeTill);
  const variance = useCounter((s) => s.tillVariance);
  const staff = useCounter((s) => s.staff);
  const busy = useCounter((s) => s.tillBusy);
  const notify = useCounter((s) => s.notify);
  const l = localeOf(useCounter((s) => s.status?.cinema));
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [pin, setPin] = useState('');
  const forOwner = staff !== null && staff.id !== till.staffId;
  const needsPin = forOwner && staff.role === 'cashier';
  const used = report?.perTender.map((t) => t.tender) ?? ['cash'];
  const tenders = COUNTER_TENDERS.filter((t) => used.includes(t) || t === 'card');
  const expectedOf = (t: string) => report?.perTender.find((p) => p.tender === t)?.expected;

  if (variance) return <VarianceApproval variance={variance} />;

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const out: Partial<Record<CounterTender, number>> = {};
    for (const t of tenders) {
      const v = counted[t] ?? '';
      const minor = v.trim() === '' ? 0 : amountOf(v, currency);
      if (minor === null) {
        notify('error', `The counted ${labelOf(t)} is not an amount. Type digits only.`);
        return;
      }
      out[t] = minor;
    }
    const pinProblem = needsPin
      ? managerPinProblem(
          pin,
          `A manager types their PIN to close ${till.staffName}’s till for them.`,
        )
      : null;
    if (pinProblem !== null) {
      notify('error', pinProblem);
      return;
    }
    void closeTill(out, needsPin ? { managerPin: pin } : {});
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="close-h">
      <h2 id="close-h">Close the till</h2>
      <p className="muted">
        {forOwner ? `Closing ${till.staffName}’s till for them. ` : ''}
        Count each tender and type what you counted.
        {report?.blind === true ? ' The expected amounts show once the count is in.' : ''} The
        Z-report prints.
      </p>
      {tenders.map((t, i) => {
        const expected = expectedOf(t);
        return (
          <MoneyField
            key={t}
            id={`count-${t}`}
            label={`Counted ${labelOf(t)}${typeof expected === 'number' ? ` (expected ${money(expected, l)})` : ''}`}
            value={counted[t] ?? ''}
            currency={currency}
            onChange={(v) => setCounted({ ...counted, [t]: v })}
            autoFocus={forOwner && i === 0}
          />
        );
      })}
      {needsPin && (
        <div className="field">
          <label htmlFor="close-pin">Manager PIN</label>
          <input
            id="close-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
          />
        </div>
      )}
      <button type="submit" className="danger" disabled={busy}>
        Close till and print Z-report
      </button>
    </form>
  );
}
