// The questions a sale in progress can ask: leaving it with tenders taken (what to hand back), and
// cash typed far above what is due.
import { TENDER_LABELS } from '../../../common/tenders.js';
import { giveBackLines } from '../lib/give-back.js';
import { localeOf, money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/** Whichever question is open, if any. */
export function SaleQuestions() {
  const leaving = useCounter((s) => s.leaving);
  const largeCash = useCounter((s) => s.largeCash);
  const tenders = useCounter((s) => s.tenders);
  const confirmLeave = useCounter((s) => s.confirmLeave);
  const cancelLeave = useCounter((s) => s.cancelLeave);
  const confirmLargeCash = useCounter((s) => s.confirmLargeCash);
  const cinema = useCounter((s) => s.status?.cinema);
  const currency = useCounter((s) => s.map?.currency);
  const l = localeOf(cinema, currency);
  const m = (n: number) => money(n, l);

  if (largeCash !== null)
    return (
      <ConfirmDialog
        id="large-cash"
        title="Is this amount right?"
        actions={[
          {
            label: `Yes, take ${m(largeCash.line.amountMinor)} cash`,
            kind: 'primary',
            run: () => void confirmLargeCash(true),
          },
        ]}
        onEscape={() => void confirmLargeCash(false)}
        escapeLabel="No, correct the amount"
      >
        <p className="due">
          Cash handed over <strong>{m(largeCash.line.amountMinor)}</strong> for{' '}
          <strong>{m(largeCash.dueMinor)}</strong> due: change would be{' '}
          <strong>{m(largeCash.line.amountMinor - largeCash.dueMinor)}</strong>.
        </p>
        <p className="muted small">Check the note in your hand before you count out the change.</p>
      </ConfirmDialog>
    );
  if (leaving === null || tenders.length === 0) return null;
  const back = giveBackLines(tenders, m);
  const taken = tenders.map((t) => `${TENDER_LABELS[t.tender]} ${m(t.amountMinor)}`).join(' + ');
  const list = (
    <ul className="give-back" aria-label="To hand back">
      {back.map((b, i) => (
        <li key={`${b.tender}-${String(i)}`} data-tender={b.tender}>
          {b.text}
        </li>
      ))}
    </ul>
  );
  if (leaving === 'seats')
    return (
      <ConfirmDialog
        id="leave-payment"
        title="Payment taken so far"
        actions={[
          {
            label: 'Keep it on the sale, back to the seats',
            kind: 'primary',
            run: () => confirmLeave(false),
          },
          {
            label: 'Hand it back and cancel the payment',
            key: 'G',
            kind: 'danger',
            run: () => confirmLeave(true),
          },
        ]}
        onEscape={cancelLeave}
        escapeLabel="Stay on payment"
      >
        <p>
          Taken: <strong>{taken}</strong>. It stays on the sale unless you hand it back:
        </p>
        {list}
      </ConfirmDialog>
    );
  return (
    <ConfirmDialog
      id="leave-sale"
      title="Cancel this sale?"
      actions={[
        { label: 'Handed back, cancel the sale', kind: 'danger', run: () => confirmLeave(true) },
      ]}
      onEscape={cancelLeave}
      escapeLabel="Keep the sale"
    >
      <p>
        Payment is already taken on this sale (<strong>{taken}</strong>). Before you cancel it:
      </p>
      {list}
    </ConfirmDialog>
  );
}
