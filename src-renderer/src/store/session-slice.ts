// Who is signed in and how the station stands: status for the header, sign-in and sign-out.
import type { Result } from '../../../common/errors.js';
import type {
  SignInPerson,
  StaffToken,
  StaffInfo,
  StationStatus,
  SyncStatus,
} from '../../../common/contract/station.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

export type SessionSlice = {
  status: StationStatus | null;
  /** The page's link to the station itself (not the station's link to the server). */
  connected: boolean;
  staff: StaffInfo | null;
  signingIn: boolean;
  /** Who can sign in at this station, with their lockouts (loaded on the sign-in screen). */
  people: SignInPerson[];
  loadPeople: () => Promise<void>;
  refreshStatus: () => Promise<void>;
  setSync: (sync: SyncStatus) => void;
  setConnected: (connected: boolean) => void;
  /** Signs the chosen person in with their PIN; false (and the list reloaded) when refused. */
  signIn: (staffId: string, pin: string) => Promise<boolean>;
  /** Lifts `staffId`'s lockout with a manager's own PIN; the station's message when refused. */
  unlock: (staffId: string, managerId: string, managerPin: string) => Promise<string | null>;
  signOut: () => Promise<void>;
  /** Back to the PIN screen with everything of the last cashier cleared. */
  resetSession: (message: string | null) => void;
  /** True when sales go through the server (otherwise only escrowed seats sell). */
  online: () => boolean;
  /** A staff token for the signed-in person from their PIN again (the admin view; online only). */
  staffToken: (pin: string) => Promise<Result<StaffToken>>;
};

/** The session slice. */
export function createSessionSlice(d: SliceDeps): SessionSlice {
  const { set, get, client } = d;
  return {
    status: null,
    connected: false,
    staff: null,
    signingIn: false,
    people: [],
    staffToken: (pin) => client.invoke('auth:staffToken', { pin }),
    async loadPeople() {
      const r = await ask(d, 'auth:people', {}, { quiet: true });
      if (r.ok) set({ people: r.value });
    },
    async refreshStatus() {
      const r = await client.invoke('station:status', {});
      if (!r.ok) return;
      const hadStaff = get().staff !== null;
      set({ status: r.value });
      // The station keeps the sign-in per connection: a reconnect or station restart drops it.
      if (hadStaff && r.value.staff === null)
        get().resetSession(
          'The connection to the station was interrupted, so you are signed out. Sign in again with your PIN.',
        );
    },
    setSync(sync) {
      const status = get().status;
      if (status) set({ status: { ...status, sync } });
    },
    setConnected(connected) {
      set({ connected });
      if (connected) void get().refreshStatus();
    },
    async signIn(staffId, pin) {
      set({ signingIn: true });
      const r = await ask(d, 'auth:signIn', { staffId, pin });
      set({ signingIn: false });
      if (!r.ok) {
        // A wrong PIN may have locked them out: the list shows it.
        await get().loadPeople();
        return false;
      }
      set({ staff: r.value, notice: null });
      await get().refreshStatus();
      if (get().view !== 'signin') return true;
      const till = get().status?.till;
      if (till && till.staffId !== r.value.id) {
        // One drawer, one owner: the next person sees whose till it is and chooses what to do.
        get().go('till');
        get().notify(
          'info',
          `Welcome, ${r.value.name}. ${till.staffName}’s till is open on this station: look only, or hand it over (${till.staffName} or a manager counts and closes it).`,
        );
      } else if (till) {
        get().go('shows');
      } else {
        get().go('till');
        get().notify(
          'info',
          `Welcome, ${r.value.name}. Open the till with the float in the drawer to start selling.`,
        );
      }
      return true;
    },
    async unlock(staffId, managerId, managerPin) {
      const r = await ask(d, 'auth:unlock', { staffId, managerId, managerPin }, { quiet: true });
      if (!r.ok) {
        await get().loadPeople();
        return r.error.message;
      }
      set({ people: r.value });
      get().notify('info', 'Unlocked. They can sign in with their PIN now.');
      return null;
    },
    async signOut() {
      get().releaseHold();
      await client.invoke('auth:signOut', {});
      get().resetSession(null);
      void get().refreshStatus();
    },
    resetSession(message) {
      get().releaseHold();
      set({
        staff: null,
        view: 'signin',
        sellView: 'shows',
        lines: [],
        concessionLines: [],
        quote: null,
        quoteError: null,
        discountCode: '',
        tenders: [],
        map: null,
        reviewItems: [],
        sales: [],
        zReport: null,
        tillVariance: null,
        closingForOwner: false,
        // The next cashier starts from the whole list, not from what the last one searched.
        filter: '',
      });
      if (message === null) set({ notice: null });
      else get().notify('info', message);
    },
    online() {
      return get().status?.sync.state === 'online';
    },
  };
}
