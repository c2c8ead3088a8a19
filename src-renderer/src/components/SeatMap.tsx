// The seat map drawn to scale. Keyboard: arrows move the focus ring, Space toggles a seat, 1–9 picks
// the best N seats together, T changes the ticket type, Delete empties the basket.
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { StationSeat, StationSeatMap } from '../../../common/contract/station.js';
import { localeOf, money } from '../lib/format.js';
import { mapGeometry } from '../lib/seat-geometry.js';
import { LOOK_TEXT, seatLook } from '../lib/seat-look.js';
import { seatMapKey, sellability } from '../lib/seat-logic.js';
import { useCounter, useCounterStore } from '../store/counter-store.js';
import { MapDrawing } from './MapDrawing.js';

function describe(
  seat: StationSeat,
  map: StationSeatMap,
  selected: boolean,
  online: boolean,
  price: string,
): string {
  const category = map.categories.find((c) => c.id === seat.categoryId)?.name ?? '';
  const kind =
    seat.kind === 'wheelchair'
      ? ' · wheelchair space'
      : seat.kind === 'companion'
        ? ' · companion seat'
        : '';
  const view = seat.restrictedView ? ' · restricted view' : '';
  const why = sellability(seat, online);
  const state = selected
    ? LOOK_TEXT.selected
    : why.sellable
      ? LOOK_TEXT[seatLook(seat, false, online)]
      : (why.reason ?? '');
  return `${seat.label} · ${category} · ${price}${kind}${view} · ${state}`;
}

/** The map of the open show. */
export function SeatMap({ map }: { map: StationSeatMap }) {
  const lines = useCounter((s) => s.lines);
  const focusId = useCounter((s) => s.focusId);
  const setFocus = useCounter((s) => s.setFocus);
  const toggleSeat = useCounter((s) => s.toggleSeat);
  const online = useCounter((s) => s.status?.sync.state === 'online');
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema, map.currency);
  const box = useRef<HTMLDivElement>(null);
  const store = useCounterStore();

  // Geometry depends on the layout only; states change far more often than seats move.
  const geo = useMemo(() => mapGeometry(map), [map.show.id, map.seats.length]);
  const selected = useMemo(() => new Set(lines.map((x) => x.seatId)), [lines]);
  const colors = useMemo(
    () => new Map(map.categories.map((c) => [c.id, c.color])),
    [map.categories],
  );
  const adult = map.ticketTypes[0]?.id ?? '';
  const prices = useMemo(
    () =>
      new Map(
        map.categories.map((c) => [
          c.id,
          money(c.prices[adult] ?? c.basePriceMinor, l, map.currency),
        ]),
      ),
    [map.categories, adult, l.locale, map.currency],
  );
  const focused = map.seats.find((s) => s.id === focusId) ?? null;

  useEffect(() => {
    box.current?.focus();
  }, [map.show.id]);

  const onPick = useCallback(
    (id: string) => {
      setFocus(id);
      toggleSeat(id);
    },
    [setFocus, toggleSeat],
  );

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // A key typed ahead may reach the map after the payment screen took over: it is not for the map.
    if (store.getState().view !== 'seats') return;
    if (seatMapKey(e.key, geo.rows, focusId, { focus: setFocus, toggle: toggleSeat }))
      e.preventDefault();
  };

  return (
    <div className="map-area">
      <div
        ref={box}
        className="map-box"
        tabIndex={0}
        role="application"
        aria-roledescription="seat map"
        aria-label={`Seats of ${map.show.movieTitle}, ${map.show.screenName}. Arrow keys move, Space selects, 1 to 9 picks the best seats together, T changes the ticket type, F5 cash, F6 card.`}
        onKeyDown={onKey}
      >
        <MapDrawing
          geo={geo}
          seats={map.seats}
          blocks={map.blocks ?? []}
          colorOf={(s) => colors.get(s.categoryId) ?? '#666'}
          lookOf={(s) => seatLook(s, selected.has(s.id), online)}
          focusId={focusId}
          titleOf={(s) =>
            describe(s, map, selected.has(s.id), online, prices.get(s.categoryId) ?? '')
          }
          onPick={onPick}
        />
      </div>
      <div className="visually-hidden" aria-live="polite">
        {focused
          ? describe(
              focused,
              map,
              selected.has(focused.id),
              online,
              prices.get(focused.categoryId) ?? '',
            )
          : ''}
      </div>
    </div>
  );
}
