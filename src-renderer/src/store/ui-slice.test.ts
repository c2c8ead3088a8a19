// Notices last while their cause does (issue 10, item 9): errors go with the screen they were about,
// link errors go when the station is online again, confirmations keep their time; server times read
// in the cinema's zone; the show search is cleared for the next cashier.
import { describe, expect, it } from 'vitest';
import type { StationStatus, SyncStatus } from '../../../common/contract/station.js';
import type { StationClient } from '../contract-client.js';
import { createCounterStore } from './counter-store.js';

const sync = (state: SyncStatus['state']) => ({ state }) as SyncStatus;
const status = (state: SyncStatus['state']) =>
  ({
    cinema: {
      id: 'c',
      name: 'Test Cinema',
      timeZone: 'Europe/London',
      currency: 'GBP',
      locale: 'en-GB',
    },
    sync: sync(state),
  }) as StationStatus;

function store(state: SyncStatus['state'] = 'online') {
  const client = {
    invoke: () => Promise.resolve({ ok: true, value: null }),
    on: () => () => undefined,
    onConnection: () => () => undefined,
  } as unknown as StationClient;
  const s = createCounterStore(client);
  s.setState({ status: status(state), view: 'shows' });
  return s;
}

describe('notices', () => {
  it('an error goes when the cashier moves to another screen; a confirmation stays', () => {
    const s = store();
    s.getState().go('seats');
    s.getState().fail({ code: 'BO_CONFLICT', message: 'The sale failed.' });
    expect(s.getState().notice?.text).toBe('The sale failed.');
    s.getState().go('sales');
    expect(s.getState().notice).toBeNull();
    s.getState().notify('success', 'Till open. Ready to sell.');
    s.getState().go('shows');
    expect(s.getState().notice?.text).toBe('Till open. Ready to sell.');
  });

  it('an error stays while the screen stays, and Esc back to the list clears it', () => {
    const s = store();
    s.getState().go('sales');
    s.getState().fail({ code: 'BO_NOT_FOUND', message: 'No such sale.' });
    s.getState().go('sales');
    expect(s.getState().notice?.text).toBe('No such sale.');
    s.getState().back();
    expect(s.getState().view).toBe('shows');
    expect(s.getState().notice).toBeNull();
  });

  it('an error caused by the lost link goes when the station is online again; others stay', () => {
    const s = store('offline');
    s.getState().notify('error', 'Offline, only the marked seats sell.');
    s.getState().linkBack();
    expect(s.getState().notice).toBeNull();
    const online = store('online');
    online.getState().fail({ code: 'BO_UNAVAILABLE', message: 'The server did not answer.' });
    expect(online.getState().notice?.link).toBe(true);
    online.getState().linkBack();
    expect(online.getState().notice).toBeNull();
    online.getState().fail({ code: 'BO_CONFLICT', message: 'Refused.' });
    online.getState().linkBack();
    expect(online.getState().notice?.text).toBe('Refused.');
  });

  it('shows the times in server messages in the cinema zone, not as UTC ISO text', () => {
    const s = store();
    s.getState().fail({
      code: 'BO_DISCOUNT_EXPIRED',
      message: 'Code X expired at 2026-07-04T09:26:07.535Z.',
    });
    expect(s.getState().notice?.text).toBe('Code X expired at 4 Jul 2026, 10:26.');
  });

  it('clears the show search on sign-out', () => {
    const s = store();
    s.getState().setFilter('orbital 19');
    s.getState().resetSession(null);
    expect(s.getState().filter).toBe('');
  });
});
