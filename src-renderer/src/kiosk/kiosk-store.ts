// The kiosk's state, one customer at a time: attract → film → show → seats → ticket types → food →
// pay → done, or pick-up. Seats are held on the server as soon as the customer confirms them (not
// offline: escrowed seats sell without a hold); a refused card keeps them held; a reset releases
// them in the station core (kiosk:reset), even if this window lost their hold.
import { createStore } from 'zustand/vanilla';
import type { InvokeOf } from '../../../common/contract/define.js';
import type {
  ConcessionItemView,
  KioskPayResult,
  KioskStatus,
  SaleQuote,
  SaleView,
  ShowListItem,
  StationContract,
  StationSeatMap,
} from '../../../common/contract/station.js';
import { bestAvailable, bestAvailableInput, sellableIds } from '../lib/seat-logic.js';

export type KioskStep =
  'attract' | 'films' | 'shows' | 'seats' | 'types' | 'food' | 'pay' | 'paying' | 'done' | 'pickup';

/** A message for the customer: a key of the kiosk's words and its values. */
export type KioskMessage = { key: string; values?: Record<string, string | number> };

export type KioskState = {
  step: KioskStep;
  status: KioskStatus | null;
  /** Shows on sale today and tomorrow (late at night, today's are over), by start time. */
  shows: ShowListItem[];
  /** Ids of the shows that are tomorrow's. */
  tomorrow: string[];
  /** The shows were read at least once (before, "no more shows" would be a guess). */
  loaded: boolean;
  movieId: string | null;
  show: ShowListItem | null;
  map: StationSeatMap | null;
  count: number;
  seatIds: string[];
  /** Best-available found no seats together for the count. */
  noneFit: boolean;
  hold: { holdId: string; expiresAt: string } | null;
  /** How many tickets of each type (id → count); they are given to the seats in order. */
  typeCounts: Record<string, number>;
  menu: ConcessionItemView[];
  food: Record<string, number>;
  quote: SaleQuote | null;
  sale: SaleView | null;
  message: KioskMessage | null;
  busy: boolean;

  refreshStatus: () => Promise<void>;
  /** Reads the day's shows and the menu again (the attract loop shows them). */
  loadShows: () => Promise<boolean>;
  start: () => Promise<void>;
  startPickup: () => void;
  chooseFilm: (movieId: string) => void;
  chooseShow: (show: ShowListItem) => Promise<void>;
  setCount: (n: number) => void;
  toggleSeat: (seatId: string) => void;
  confirmSeats: () => Promise<void>;
  setTypeCount: (typeId: string, n: number) => void;
  confirmTypes: () => Promise<void>;
  setFood: (itemId: string, n: number) => void;
  confirmFood: () => Promise<void>;
  pay: () => Promise<void>;
  cancelPayment: () => Promise<void>;
  back: () => Promise<void>;
  reset: () => Promise<void>;
};

const FRESH = {
  step: 'attract' as KioskStep,
  movieId: null,
  show: null,
  map: null,
  count: 2,
  seatIds: [],
  noneFit: false,
  hold: null,
  typeCounts: {},
  food: {},
  quote: null,
  sale: null,
  message: null,
  busy: false,
};

/** Whether the kiosk can sell the seat now (offline: only seats escrowed to it). */
const online = (s: KioskState) => s.status?.offline !== true;

function propose(map: StationSeatMap, count: number, isOnline: boolean): string[] | null {
  return bestAvailable(bestAvailableInput(map), sellableIds(map.seats, isOnline), count);
}

/** The error of a failed call as a message for the customer. */
function messageOf(error: { code: string; message: string }): KioskMessage {
  const known = ['BO_SEAT_UNAVAILABLE', 'BO_HOLD_EXPIRED', 'BO_SHOW_CLOSED', 'BO_UNAVAILABLE'];
  return known.includes(error.code)
    ? { key: `errors.${error.code}` }
    : { key: 'errors.generic', values: { message: error.message } };
}

/** A kiosk store talking to the station through `invoke`. */
export function createKioskStore(
  invoke: InvokeOf<StationContract>,
  /** Today and tomorrow in the cinema's zone (YYYY-MM-DD). */
  days: () => { today: string; tomorrow: string },
) {
  return createStore<KioskState>()((set, get) => {
    const fail = (error: { code: string; message: string }) => {
      set({ busy: false, message: messageOf(error) });
    };
    const lines = () => {
      const s = get();
      const types = Object.entries(s.typeCounts).flatMap(([id, n]) =>
        Array.from({ length: n }, () => id),
      );
      return s.seatIds.map((seatId, i) => ({ seatId, ticketTypeId: types[i] ?? '' }));
    };
    const concessions = () =>
      Object.entries(get().food)
        .filter(([, n]) => n > 0)
        .map(([itemId, quantity]) => ({ itemId, quantity }));
    const release = async () => {
      const hold = get().hold;
      if (hold !== null) await invoke('seats:release', { holdId: hold.holdId });
      set({ hold: null });
    };
    const basket = () => {
      const s = get();
      return {
        showId: s.show?.id ?? '',
        ...(s.hold === null ? {} : { holdId: s.hold.holdId }),
        lines: lines(),
        concessions: concessions(),
      };
    };
    const quote = async () => {
      const r = await invoke('sales:quote', {
        showId: get().show?.id ?? '',
        lines: lines(),
        concessions: concessions(),
      });
      if (!r.ok) {
        fail(r.error);
        return false;
      }
      set({ quote: r.value });
      return true;
    };

    return {
      ...FRESH,
      status: null,
      shows: [],
      tomorrow: [],
      loaded: false,
      menu: [],

      async refreshStatus() {
        const r = await invoke('kiosk:status', {});
        if (r.ok) set({ status: r.value });
      },
      async loadShows() {
        const { today, tomorrow } = days();
        const [shows, later, menu] = await Promise.all([
          invoke('catalog:shows', { date: today }),
          invoke('catalog:shows', { date: tomorrow }),
          invoke('catalog:concessions', {}),
        ]);
        if (!shows.ok) {
          fail(shows.error);
          return false;
        }
        const now = Date.now();
        const onSale = (list: ShowListItem[]) =>
          list.filter((s) => s.status !== 'cancelled' && Date.parse(s.salesCloseAt) > now);
        const next = later.ok ? onSale(later.value) : [];
        set({
          shows: [...onSale(shows.value), ...next],
          tomorrow: next.map((s) => s.id),
          loaded: true,
          menu: menu.ok ? menu.value : [],
        });
        return true;
      },
      async start() {
        set({ ...FRESH, step: 'films', busy: true });
        if (await get().loadShows()) set({ busy: false });
      },
      startPickup() {
        set({ ...FRESH, step: 'pickup' });
      },
      chooseFilm(movieId) {
        set({ movieId, step: 'shows', message: null });
      },
      async chooseShow(show) {
        set({ busy: true, message: null });
        const r = await invoke('seats:map', { showId: show.id });
        if (!r.ok) {
          fail(r.error);
          return;
        }
        const map = r.value;
        const count = Math.min(get().count, Math.max(1, show.seats.available));
        const seatIds = propose(map, count, online(get())) ?? [];
        set({
          show,
          map,
          count,
          seatIds,
          noneFit: seatIds.length === 0,
          step: 'seats',
          busy: false,
        });
      },
      setCount(n) {
        const map = get().map;
        if (map === null) return;
        const seatIds = propose(map, n, online(get())) ?? [];
        set({ count: n, seatIds, noneFit: seatIds.length === 0, message: null });
      },
      toggleSeat(seatId) {
        const s = get();
        if (s.seatIds.includes(seatId)) {
          set({ seatIds: s.seatIds.filter((x) => x !== seatId), message: null });
          return;
        }
        const seat = s.map?.seats.find((x) => x.id === seatId);
        if (seat === undefined || !sellableIds([seat], online(s)).has(seatId)) return;
        if (s.seatIds.length >= s.count) {
          set({ message: { key: 'seats.tooMany', values: { count: s.count } } });
          return;
        }
        set({ seatIds: [...s.seatIds, seatId], message: null });
      },
      async confirmSeats() {
        const s = get();
        if (s.show === null || s.seatIds.length !== s.count) return;
        set({ busy: true, message: null });
        await release();
        if (online(s)) {
          const r = await invoke('seats:hold', { showId: s.show.id, seatIds: s.seatIds });
          if (!r.ok) {
            fail(r.error);
            // Someone took a seat: show the map as it is now.
            const m = await invoke('seats:map', { showId: s.show.id });
            if (m.ok) set({ map: m.value, seatIds: propose(m.value, s.count, online(s)) ?? [] });
            return;
          }
          set({ hold: { holdId: r.value.holdId, expiresAt: r.value.expiresAt } });
        }
        const first = s.map?.ticketTypes[0]?.id;
        set({
          busy: false,
          step: 'types',
          typeCounts: first === undefined ? {} : { [first]: s.count },
        });
      },
      setTypeCount(typeId, n) {
        set({ typeCounts: { ...get().typeCounts, [typeId]: Math.max(0, n) } });
      },
      async confirmTypes() {
        const s = get();
        const total = Object.values(s.typeCounts).reduce((a, b) => a + b, 0);
        if (total !== s.count) return;
        if (s.menu.length > 0) {
          set({ step: 'food', message: null });
          return;
        }
        set({ busy: true });
        if (await quote()) set({ step: 'pay', busy: false });
      },
      setFood(itemId, n) {
        set({ food: { ...get().food, [itemId]: Math.max(0, Math.min(20, n)) } });
      },
      async confirmFood() {
        set({ busy: true, message: null });
        if (await quote()) set({ step: 'pay', busy: false });
      },
      async pay() {
        if (get().step === 'paying') return;
        set({ step: 'paying', message: null });
        const r = await invoke('kiosk:pay', basket());
        if (!r.ok) {
          set({ step: 'pay' });
          fail(r.error);
          return;
        }
        const result: KioskPayResult = r.value;
        switch (result.outcome) {
          case 'approved':
            set({ step: 'done', sale: result.sale, hold: null });
            return;
          case 'declined':
            set({ step: 'pay', message: { key: 'paying.declined' } });
            return;
          case 'cancelled':
            set({ step: 'pay', message: { key: 'paying.cancelled' } });
            return;
          case 'timed-out':
            set({ step: 'pay', message: { key: 'paying.timedOut' } });
            return;
          case 'reversed':
            set({
              step: 'pay',
              message: { key: 'paying.reversed', values: { why: result.message } },
            });
        }
      },
      async cancelPayment() {
        await invoke('kiosk:cancelPayment', {});
      },
      async back() {
        const s = get();
        const to: Partial<Record<KioskStep, KioskStep>> = {
          films: 'attract',
          shows: 'films',
          seats: 'shows',
          types: 'seats',
          food: 'types',
          pay: s.menu.length > 0 ? 'food' : 'types',
          pickup: 'attract',
        };
        const step = to[s.step];
        if (step === undefined) return;
        // Back to the seats gives the held seats back: the customer may pick others.
        if (step === 'seats') {
          await release();
          if (s.show !== null) await get().chooseShow(s.show);
          set({ seatIds: s.seatIds });
        }
        set({ step, message: null });
      },
      async reset() {
        set({ ...FRESH });
        await invoke('kiosk:reset', {});
      },
    };
  });
}

export type KioskStore = ReturnType<typeof createKioskStore>;
