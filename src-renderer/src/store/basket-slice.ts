// The basket: seats with a ticket type each, a promo code, and the station's quote of it.
import type { OutputOf } from '../../../common/contract/define.js';
import type { StationContract } from '../../../common/contract/station.js';
import { bestAvailable, sellability, sellableIds } from '../lib/seat-logic.js';
import type { SliceDeps } from './types.js';

export type BasketLine = { seatId: string; ticketTypeId: string };
export type Quote = OutputOf<StationContract, 'sales:quote'>;

export type BasketSlice = {
  lines: BasketLine[];
  /** The promo code applied to the basket ('' for none). */
  discountCode: string;
  quote: Quote | null;
  quoteError: string | null;
  quoting: boolean;
  toggleSeat: (seatId: string) => void;
  /** Replaces the basket with the best N sellable seats (keys 1–9; Shift: with a wheelchair space). */
  pickBest: (count: number, accessible?: boolean) => void;
  setTicketType: (seatId: string, ticketTypeId: string) => void;
  /** Next ticket type for one seat (the focused one if in the basket, else the last added). */
  cycleTicketType: (seatId: string | null) => void;
  applyDiscount: (code: string) => void;
  removeSeat: (seatId: string) => void;
  clearBasket: () => void;
  /** Re-prices the basket; resolves with the quote (null when it cannot be priced). */
  requote: () => Promise<Quote | null>;
  /** The quote of the basket as it is now, once any pricing in flight is done. */
  settledQuote: () => Promise<Quote | null>;
};

/** The basket slice. */
export function createBasketSlice(d: SliceDeps): BasketSlice {
  const { set, get, client } = d;
  let seq = 0;
  let latest: Promise<Quote | null> = Promise.resolve(null);
  const defaultType = () => get().map?.ticketTypes[0]?.id ?? '';
  const changed = (lines: BasketLine[]) => {
    set({ lines });
    void get().requote();
  };
  return {
    lines: [],
    discountCode: '',
    quote: null,
    quoteError: null,
    quoting: false,
    toggleSeat(seatId) {
      const s = get();
      const seat = s.map?.seats.find((x) => x.id === seatId);
      if (!seat) return;
      if (s.lines.some((l) => l.seatId === seatId)) {
        changed(s.lines.filter((l) => l.seatId !== seatId));
        return;
      }
      const why = sellability(seat, s.online());
      if (!why.sellable) {
        s.notify('error', `${seat.label}: ${why.reason ?? 'not for sale here.'}`);
        return;
      }
      if (s.lines.length >= 20) {
        s.notify(
          'error',
          'A sale takes at most 20 tickets. Complete this one, then start another.',
        );
        return;
      }
      changed([...s.lines, { seatId, ticketTypeId: defaultType() }]);
    },
    pickBest(count, accessible = false) {
      const s = get();
      if (!s.map) return;
      const sellable = sellableIds(s.map.seats, s.online());
      // Online, keep the seats set aside for this counter for when it is offline: use them only when nothing else fits.
      const escrow = new Set(
        s.map.seats.filter((x) => x.state === 'allocated' && x.mine).map((x) => x.id),
      );
      const general =
        s.online() && escrow.size > 0
          ? bestAvailable(
              s.layout,
              new Set([...sellable].filter((id) => !escrow.has(id))),
              count,
              accessible,
            )
          : null;
      const ids = general ?? bestAvailable(s.layout, sellable, count, accessible);
      if (!ids) {
        const offline = !s.online();
        s.notify(
          'error',
          offline
            ? `No ${String(count)} seats together among the seats set aside for this counter. Pick single seats marked ◆, or wait for the connection.`
            : accessible
              ? `No wheelchair space with ${String(count - 1)} seat(s) beside it is free. Pick seats on the map (wheelchair spaces are round), or choose another show.`
              : `No ${String(count)} seats left together for this show. Pick seats on the map, or choose another show.`,
        );
        return;
      }
      const types = new Map(s.lines.map((l) => [l.seatId, l.ticketTypeId]));
      changed(ids.map((seatId) => ({ seatId, ticketTypeId: types.get(seatId) ?? defaultType() })));
      s.clearNotice();
      set({ focusId: ids[0] ?? s.focusId });
    },
    setTicketType(seatId, ticketTypeId) {
      changed(get().lines.map((l) => (l.seatId === seatId ? { ...l, ticketTypeId } : l)));
    },
    cycleTicketType(seatId) {
      const s = get();
      const types = s.map?.ticketTypes ?? [];
      const target = s.lines.find((l) => l.seatId === seatId) ?? s.lines[s.lines.length - 1];
      if (!target || types.length === 0) return;
      const i = types.findIndex((t) => t.id === target.ticketTypeId);
      const next = types[(i + 1) % types.length];
      if (next) s.setTicketType(target.seatId, next.id);
    },
    applyDiscount(code) {
      set({ discountCode: code.trim() });
      void get().requote();
    },
    removeSeat(seatId) {
      changed(get().lines.filter((l) => l.seatId !== seatId));
    },
    clearBasket() {
      seq++;
      latest = Promise.resolve(null);
      set({
        lines: [],
        concessionLines: [],
        quote: null,
        quoteError: null,
        quoting: false,
        discountCode: '',
      });
    },
    requote() {
      const mine = ++seq;
      const { map, lines, discountCode, concessionLines } = get();
      if (!map || lines.length === 0) {
        set({ quote: null, quoteError: null, quoting: false });
        latest = Promise.resolve(null);
        return latest;
      }
      set({ quoting: true });
      latest = (async () => {
        const r = await client.invoke('sales:quote', {
          showId: map.show.id,
          lines,
          ...(discountCode === '' ? {} : { discountCode }),
          ...(concessionLines.length === 0 ? {} : { concessions: concessionLines }),
        });
        if (mine !== seq) return latest;
        set({
          quoting: false,
          quote: r.ok ? r.value : null,
          quoteError: r.ok ? null : r.error.message,
        });
        return r.ok ? r.value : null;
      })();
      return latest;
    },
    settledQuote() {
      return get().quoting ? latest : Promise.resolve(get().quote);
    },
  };
}
