// The manager's review list (F7): what the server refused, why, and what to do about each.
import { useEffect, useState } from 'react';
import { localizeInstants } from '../../../common/instant-words.js';
import { dateTimeOf, localeOf } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** The review screen. */
export function ReviewList() {
  const staff = useCounter((s) => s.staff);
  const items = useCounter((s) => s.reviewItems);
  const loaded = useCounter((s) => s.reviewLoaded);
  const loadReview = useCounter((s) => s.loadReview);
  const resolveReview = useCounter((s) => s.resolveReview);
  const signOut = useCounter((s) => s.signOut);
  const waiting = useCounter((s) => s.status?.sync.reviewCount ?? 0);
  const cinema = useCounter((s) => s.status?.cinema);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const l = localeOf(cinema);
  useEffect(() => {
    void loadReview();
  }, [loadReview]);

  if (staff?.role === 'cashier') {
    return (
      <main className="review" aria-labelledby="review-h">
        <h2 id="review-h">Review list</h2>
        <p>
          {waiting === 0
            ? 'Nothing waits for review.'
            : `${String(waiting)} item${waiting === 1 ? '' : 's'} the server refused wait${waiting === 1 ? 's' : ''} for a manager.`}{' '}
          Only a manager can read and resolve them.
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out so a manager can sign in
        </button>
      </main>
    );
  }
  return (
    <main className="review" aria-labelledby="review-h">
      <h2 id="review-h">Review list</h2>
      {loaded && items.length === 0 && (
        <p className="empty">
          Nothing to review: the server accepted everything this counter sent.
        </p>
      )}
      <ul className="review-items">
        {items.map((it) => (
          <li key={it.id} className="card review-item">
            <h3>{it.summary}</h3>
            <p className="muted small">
              Made {dateTimeOf(it.createdAt, l)} · refused {dateTimeOf(it.rejectedAt, l)}
            </p>
            <p>
              <strong>Server said:</strong> {localizeInstants(it.message, cinema ?? null)}
            </p>
            <p className="advice">
              <strong>What to do:</strong> {it.advice}
            </p>
            <details className="muted small">
              <summary>Technical details</summary>
              {it.kind} · {it.code}
            </details>
            <label htmlFor={`note-${it.id}`}>Note (optional)</label>
            <input
              id={`note-${it.id}`}
              value={notes[it.id] ?? ''}
              onChange={(e) => setNotes({ ...notes, [it.id]: e.target.value })}
            />
            <div className="row-actions">
              <button
                type="button"
                onClick={() => void resolveReview(it.id, 'retry', notes[it.id] ?? '')}
              >
                Send again
              </button>
              <button
                type="button"
                onClick={() => void resolveReview(it.id, 'dismiss', notes[it.id] ?? '')}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
