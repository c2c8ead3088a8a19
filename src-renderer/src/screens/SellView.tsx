// Choosing seats: the map with its legend, and the basket. Digits, T and Delete work anywhere here
// except while typing in a field.
import { useEffect, type KeyboardEvent } from 'react';
import { countSeats } from '../../../common/seat-counts.js';
import { Basket } from '../components/Basket.js';
import { focusFoodMenu } from '../components/ConcessionPicker.js';
import { SeatLegend } from '../components/SeatLegend.js';
import { SeatMap } from '../components/SeatMap.js';
import { useCounter, useCounterStore } from '../store/counter-store.js';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The seat selection screen. */
export function SellView() {
  const store = useCounterStore();
  const map = useCounter((s) => s.map);
  const pickBest = useCounter((s) => s.pickBest);
  const cycleTicketType = useCounter((s) => s.cycleTicketType);
  const requestLeave = useCounter((s) => s.requestLeave);
  const focusId = useCounter((s) => s.focusId);
  const loadConcessions = useCounter((s) => s.loadConcessions);
  // The menu changes rarely; fetched again per sale, the basket shows the last one meanwhile.
  useEffect(() => {
    void loadConcessions();
  }, [loadConcessions]);
  if (!map) return <main className="loading">Loading the seat map…</main>;
  const show = map.show;

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (
      TYPING.has((e.target as HTMLElement).tagName) ||
      e.altKey ||
      e.ctrlKey ||
      e.metaKey ||
      store.getState().view !== 'seats'
    )
      return;
    // Shift+digit asks for a wheelchair space and companions (e.key is then "!", "@"… so read e.code).
    const digit = /^Digit([1-9])$/.exec(e.code);
    if (e.shiftKey && digit) {
      e.preventDefault();
      pickBest(Number(digit[1]), true);
    } else if (/^[1-9]$/.test(e.key)) {
      e.preventDefault();
      pickBest(Number(e.key));
    } else if (e.key === 't' || e.key === 'T') {
      e.preventDefault();
      cycleTicketType(focusId);
    } else if ((e.key === 'f' || e.key === 'F') && focusFoodMenu()) {
      // F: the food and drink menu, by keyboard (arrows, digits, + and −; Esc comes back here).
      e.preventDefault();
    } else if (e.key === 'Delete') {
      e.preventDefault();
      requestLeave('clear');
    }
  };

  // Counted as the show list counts them (escrow here included), so both screens say the same.
  const { available: free, mine } = countSeats(map.seats);
  return (
    <main className="sell" onKeyDown={onKey} aria-labelledby="sell-h">
      <section className="sell-map">
        <div className="sell-head">
          <h2 id="sell-h">
            {show.movieTitle} <span className="cert">{show.certification}</span>
          </h2>
          <span className="show-facts">
            {show.localTime} · {show.screenName} · {show.format} · {show.language.toUpperCase()} ·{' '}
            {free} free{mine > 0 ? ` · ◆ ${String(mine)} set aside here` : ''}
          </span>
          <span className="hint">
            <kbd>1</kbd>–<kbd>9</kbd> best seats (<kbd>Shift</kbd> with wheelchair) ·{' '}
            <kbd>←↑↓→</kbd> move · <kbd>Space</kbd> select · <kbd>T</kbd> ticket type · <kbd>F</kbd>{' '}
            food
          </span>
        </div>
        <SeatMap map={map} />
        <SeatLegend map={map} />
      </section>
      <Basket map={map} />
    </main>
  );
}
