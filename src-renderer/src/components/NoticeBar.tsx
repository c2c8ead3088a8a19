// Errors and confirmations; every error from the station says what to do next.
import { useEffect } from 'react';
import { useCounter } from '../store/counter-store.js';

// Confirmations go away by themselves; errors stay until the cashier acts or dismisses them.
const CONFIRMATION_MS = 8000;

/** The notice under the header; errors are announced at once, other notices politely. */
export function NoticeBar() {
  const notice = useCounter((s) => s.notice);
  const clear = useCounter((s) => s.clearNotice);
  const linkBack = useCounter((s) => s.linkBack);
  const online = useCounter((s) => s.status?.sync.state === 'online');
  // Back online: a notice caused by the lost link is no longer true.
  useEffect(() => {
    if (online) linkBack();
  }, [online, linkBack]);
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    // A newer notice re-runs this effect, so each one gets its full time.
    const timer = setTimeout(clear, CONFIRMATION_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [notice, clear]);
  return (
    <div className="notice-slot">
      <div
        role="alert"
        className={notice?.kind === 'error' ? 'notice notice-error' : 'visually-hidden'}
      >
        {notice?.kind === 'error' ? notice.text : ''}
      </div>
      <div
        aria-live="polite"
        className={
          notice && notice.kind !== 'error' ? `notice notice-${notice.kind}` : 'visually-hidden'
        }
      >
        {notice && notice.kind !== 'error' ? notice.text : ''}
      </div>
      {notice && (
        <button type="button" className="notice-close" aria-label="Dismiss message" onClick={clear}>
          ×
        </button>
      )}
    </div>
  );
}
