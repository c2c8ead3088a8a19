// The pick-up panel's own state (issue 18): a store of its own, not a counter slice, so the kiosk can
// reuse the panel with its client. It only talks to the station through the contract client.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { InvokeOf } from '../../../common/contract/define.js';
import type { PickupBooking, StationContract } from '../../../common/contract/station.js';
import type { Result, WireError } from '../../../common/errors.js';

/** What the panel shows. */
export type PickupState = {
  booking: PickupBooking | null;
  /** The tickets just printed (or reprinted). */
  printed: { jobIds: string[]; offline: boolean; reprint: boolean } | null;
  error: WireError | null;
  busy: boolean;
  find: (query: string) => Promise<void>;
  collect: () => Promise<void>;
  reprint: (managerPin: string) => Promise<void>;
  reset: () => void;
};

/** A pick-up store calling the station through `invoke`. */
export function createPickupStore(invoke: InvokeOf<StationContract>): StoreApi<PickupState> {
  return createStore<PickupState>()((set, get) => {
    const run = async <T>(call: () => Promise<Result<T>>, ok: (value: T) => void) => {
      set({ busy: true, error: null });
      const r = await call();
      set({ busy: false });
      if (r.ok) ok(r.value);
      else set({ error: r.error });
    };
    return {
      booking: null,
      printed: null,
      error: null,
      busy: false,
      async find(query) {
        set({ booking: null, printed: null });
        await run(
          () => invoke('pickup:find', { query }),
          (booking) => set({ booking }),
        );
      },
      async collect() {
        const b = get().booking;
        if (b === null) return;
        await run(
          () => invoke('pickup:collect', { orderId: b.orderId }),
          (v) =>
            set({
              booking: v.booking,
              printed: { jobIds: v.jobIds, offline: v.offline, reprint: false },
            }),
        );
      },
      async reprint(managerPin) {
        const b = get().booking;
        if (b === null) return;
        await run(
          () => invoke('pickup:reprint', { orderId: b.orderId, managerPin }),
          (v) => set({ printed: { jobIds: v.jobIds, offline: false, reprint: true } }),
        );
      },
      reset() {
        set({ booking: null, printed: null, error: null, busy: false });
      },
    };
  });
}
