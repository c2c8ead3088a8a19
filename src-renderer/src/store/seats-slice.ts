// The open show's seat map, kept live from seats:changed, and the keyboard focus ring on it.
import type { BestAvailableSeat } from '../../../common/best-available.js';
import type { StationSeatMap } from '../../../common/contract/station.js';
import type { SeatState } from '../../../common/seat-map.js';
import { bestAvailableInput, sellability } from '../lib/seat-logic.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

/** A seats:changed event as the station sends it. */
export type SeatsChanged = {
  showId: string;
  seats: { seatId: string; state: string; mine: boolean }[];
};

export type SeatsSlice = {
  map: StationSeatMap | null;
  /** The map's seats as best-available reads them; the same array for the whole visit (it caches by identity). */
  layout: BestAvailableSeat[];
  focusId: string | null;
  mapLoading: boolean;
  /** Seats this counter's own hold took; the map shows them as free to this counter, not as held. */
  ownHeld: ReadonlySet<string>;
  markOwnHeld: (seatIds: string[]) => void;
  openShow: (showId: string) => Promise<void>;
  /** Keeps a key typed while the show is still opening (1–9, F5, F6, Enter); replayed once it is on screen. */
  typeAhead: (key: string) => void;
  reloadMap: () => Promise<void>;
  applySeats: (e: SeatsChanged) => void;
  setFocus: (id: string | null) => void;
  /** Takes seats out of the basket that were sold or taken elsewhere meanwhile, and says so. */
  pruneBasket: () => void;
};

const STATES = new Set<string>(['available', 'held', 'sold', 'blocked', 'allocated']);

// Our own hold shows as "held" like anyone else's; to this counter those seats are still its own.
function adopt(
  map: StationSeatMap,
  ownHeld: ReadonlySet<string>,
): { map: StationSeatMap; ownHeld: ReadonlySet<string> } {
  if (ownHeld.size === 0) return { map, ownHeld };
  const still = new Set<string>();
  const seats = map.seats.map((s) => {
    if (!ownHeld.has(s.id) || s.state !== 'held') return s;
    still.add(s.id);
    return { ...s, state: 'available' as const };
  });
  // Seats of other shows stay ours; seats of this map that are no longer held (released, sold) do not.
  for (const id of ownHeld) if (!map.seats.some((s) => s.id === id)) still.add(id);
  return { map: { ...map, seats }, ownHeld: still };
}

/** The seats slice. */
export function createSeatsSlice(d: SliceDeps): SeatsSlice {
  const { set, get } = d;
  // Separate counters: a background refresh must never cancel the opening of a show.
  let loadSeq = 0;
  let reloadSeq = 0;
  let typed: string[] = [];
  // A fast cashier types "Enter 2 F5 Enter" without looking: the keys after Enter belong to the map.
  const replay = () => {
    const keys = typed;
    typed = [];
    for (const key of keys) {
      const s = get();
      if (/^[1-9]$/.test(key) && s.view === 'seats') s.pickBest(Number(key));
      else if (key === 'F5' || key === 'F6') void s.startTender(key === 'F5' ? 'cash' : 'card');
      else if (key === 'Enter' && s.view === 'tender')
        void s.takeTender({ tender: s.tenderMode, amountMinor: null });
    }
  };
  // Opening a show: the map, a fresh basket for another show, and any best-available typed ahead.
  const load = async (showId: string): Promise<void> => {
    const mine = ++loadSeq;
    reloadSeq++;
    const same = get().map?.show.id === showId;
    if (!same) get().clearBasket();
    set({ mapLoading: true });
    const r = await ask(d, 'seats:map', { showId });
    if (mine !== loadSeq) return;
    set({ mapLoading: false });
    if (!r.ok) {
      typed = [];
      return;
    }
    set({
      ...adopt(r.value, get().ownHeld),
      layout: same ? get().layout : bestAvailableInput(r.value),
      focusId: same ? get().focusId : null,
    });
    get().go('seats');
    get().pruneBasket();
    replay();
  };
  return {
    map: null,
    layout: [],
    focusId: null,
    mapLoading: false,
    ownHeld: new Set(),
    markOwnHeld(seatIds) {
      const ownHeld = new Set([...get().ownHeld, ...seatIds]);
      const map = get().map;
      // The hold's own seats:changed may have arrived before its answer did.
      set(map ? adopt(map, ownHeld) : { ownHeld });
    },
    openShow(showId) {
      typed = [];
      return load(showId);
    },
    typeAhead(key) {
      typed.push(key);
    },
    async reloadMap() {
      const current = get().map;
      // A show being opened brings a fresh map anyway.
      if (!current || get().mapLoading) return;
      const mine = ++reloadSeq;
      const r = await ask(d, 'seats:map', { showId: current.show.id }, { quiet: true });
      if (mine !== reloadSeq || get().mapLoading || !r.ok || get().map?.show.id !== current.show.id)
        return;
      set(adopt(r.value, get().ownHeld));
      get().pruneBasket();
    },
    applySeats(e) {
      const map = get().map;
      if (!map) return;
      if (e.showId === '*') {
        void get().reloadMap();
        return;
      }
      if (e.showId !== map.show.id || e.seats.length === 0) return;
      const changes = new Map(e.seats.filter((s) => STATES.has(s.state)).map((s) => [s.seatId, s]));
      const seats = map.seats.map((s) => {
        const c = changes.get(s.id);
        return c
          ? {
              ...s,
              state: c.state as SeatState,
              mine: c.mine,
              pending: s.pending && c.state === 'sold',
            }
          : s;
      });
      const ownHeld = new Set(get().ownHeld);
      for (const c of changes.values()) if (c.state !== 'held') ownHeld.delete(c.seatId);
      set(adopt({ ...map, seats }, ownHeld));
      get().pruneBasket();
    },
    setFocus(id) {
      set({ focusId: id });
    },
    pruneBasket() {
      const s = get();
      // During payment the seats are held by this very sale; after it they are sold by it.
      if (s.view !== 'seats' || !s.map || s.lines.length === 0) return;
      const online = s.online();
      const byId = new Map(s.map.seats.map((x) => [x.id, x]));
      const gone = s.lines.filter((l) => {
        const seat = byId.get(l.seatId);
        return !seat || !sellability(seat, online).sellable;
      });
      if (gone.length === 0) return;
      const labels = gone.map((l) => byId.get(l.seatId)?.label ?? '?').join(', ');
      for (const l of gone) s.removeSeat(l.seatId);
      s.notify(
        'error',
        `${labels} ${gone.length === 1 ? 'is' : 'are'} no longer available here and left the basket. Choose other seats.`,
      );
    },
  };
}
