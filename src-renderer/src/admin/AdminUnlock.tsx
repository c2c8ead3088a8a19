// Entering the admin view: the manager types their PIN again; the station trades it for a staff
// token at the server (online only), which this window keeps in memory and never stores.
import { useRef, useState } from 'react';
import type { TokenPairView } from '../../../common/api/identity.js';
import { PinPad } from '../components/PinPad.js';
import { useCounter, useCounterStore } from '../store/counter-store.js';

/** The PIN prompt; `onOpen` gets the tokens. */
export function AdminUnlock({ onOpen }: { onOpen: (tokens: TokenPairView) => void }) {
  const store = useCounterStore();
  const staff = useCounter((s) => s.staff);
  const online = useCounter((s) => s.status?.sync.state === 'online');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const open = async () => {
    if (busy || pin.length < 4) return;
    setBusy(true);
    setError(null);
    const r = await store.getState().staffToken(pin);
    setBusy(false);
    setPin('');
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onOpen({
      accessToken: r.value.accessToken,
      tokenType: 'Bearer',
      expiresIn: r.value.expiresIn,
      refreshToken: r.value.refreshToken,
      refreshExpiresAt: r.value.refreshExpiresAt,
    });
  };
  return (
    <main
      className="admin-unlock"
      aria-labelledby="admin-unlock-h"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        store.getState().go('shows');
      }}
    >
      <h1 id="admin-unlock-h">Admin</h1>
      <p>
        {staff?.name}, type your PIN again to manage films, the cinema, screens and seat layouts,
        staff and stations.
      </p>
      {!online && (
        <p className="admin-readonly" role="status">
          Offline: the admin view needs the server. Try again when the station is online.
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <PinPad id="admin-pin" label="Your PIN" pin={pin} setPin={setPin} inputRef={input} />
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          <button type="submit" className="primary" disabled={busy || pin.length < 4}>
            Open admin
          </button>
          <button type="button" onClick={() => store.getState().go('shows')}>
            Back to counter
          </button>
        </div>
      </form>
    </main>
  );
}
