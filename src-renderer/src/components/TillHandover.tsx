// Someone else's till is open at this station: look only, let its owner count and close it, or have
// a manager close it for them. Keys L, S and M, or Tab and Enter.
import type { TillInfo } from '../../../common/contract/station.js';
import { localeOf, timeOf } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The handover choices for a till that is not the signed-in person's. */
export function TillHandover({ till }: { till: NonNullable<TillInfo> }) {
  const staff = useCounter((s) => s.staff);
  const lookOnly = useCounter((s) => s.lookOnly);
  const signOut = useCounter((s) => s.signOut);
  const setClosingForOwner = useCounter((s) => s.setClosingForOwner);
  const l = localeOf(useCounter((s) => s.status?.cinema));
  const owner = till.staffName;
  const manager = staff !== null && staff.role !== 'cashier';
  const closeFor = () => setClosingForOwner(true);
  return (
    <section
      className="card"
      aria-labelledby="handover-h"
      data-testid="till-handover"
      onKeyDown={(e) => {
        const k = e.key.toLowerCase();
        if (k === 'l') lookOnly();
        else if (k === 's') void signOut();
        else if (k === 'm') closeFor();
        else return;
        e.preventDefault();
      }}
    >
      <h2 id="handover-h">{owner}’s till is open on this station</h2>
      <p className="muted">
        Opened at {timeOf(till.openedAt, l)}
        {till.training ? ' (training)' : ''}. Only {owner} sells, gives money back and drops cash on
        it. To take over the counter, {owner} counts and closes it, or a manager closes it for them;
        then you open your own till.
      </p>
      <div className="handover-actions">
        <button type="button" autoFocus onClick={lookOnly}>
          Look only (L)
        </button>
        <button
          type="button"
          title={`Signs you out so ${owner} can sign in`}
          onClick={() => void signOut()}
        >
          {owner} counts and closes it (S)
        </button>
        <button type="button" className="danger" onClick={closeFor}>
          {manager ? `Close it for ${owner}` : `A manager closes it for ${owner}`} (M)
        </button>
      </div>
    </section>
  );
}
