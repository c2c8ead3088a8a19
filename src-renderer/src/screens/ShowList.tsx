// The day's shows grouped by film: type to filter, arrows to move, Enter to open the seat map,
// Ctrl+←/→ for another day.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ShowListItem } from '../../../common/contract/station.js';
import { showClosedMessage, startedAgo } from '../../../common/show-sale-window.js';
import { Poster } from '../components/Poster.js';
import { AvailabilityBar } from '../components/AvailabilityBar.js';
import { addDays, dateLabel, localeOf, todayIn } from '../lib/format.js';
import { filterShows, groupByMovie } from '../lib/show-filter.js';
import { useCounter, useCounterStore } from '../store/counter-store.js';

/** The show list screen. */
export function ShowList() {
  const shows = useCounter((s) => s.shows);
  const loading = useCounter((s) => s.showsLoading);
  const filter = useCounter((s) => s.filter);
  const setFilter = useCounter((s) => s.setFilter);
  const highlightId = useCounter((s) => s.highlightId);
  const setHighlight = useCounter((s) => s.setHighlight);
  const openShow = useCounter((s) => s.openShow);
  const store = useCounterStore();
  const showDate = useCounter((s) => s.showDate);
  const setShowDate = useCounter((s) => s.setShowDate);
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema);
  const today = todayIn(l);
  const date = showDate ?? today;
  const input = useRef<HTMLInputElement>(null);
  const now = useMinuteClock();
  const notify = useCounter((s) => s.notify);
  const isClosed = (s: ShowListItem) => Date.parse(s.salesCloseAt) <= now;
  // A show past its sale window is marked and never opens: the sale would be refused at the last Enter.
  const open = (s: ShowListItem) => {
    const at = Date.now();
    if (Date.parse(s.salesCloseAt) <= at)
      notify('error', showClosedMessage(Date.parse(s.startsAt), at));
    else void openShow(s.id);
  };

  const visible = useMemo(() => filterShows(shows, filter), [shows, filter]);
  const groups = useMemo(() => groupByMovie(visible), [visible]);
  const order = useMemo(() => groups.flatMap((g) => g.shows), [groups]);
  const current = order.find((s) => s.id === highlightId) ?? order[0];

  const loadShows = useCounter((s) => s.loadShows);
  useEffect(() => {
    input.current?.focus();
    // Seat counts move all the time: fresh numbers every time the list comes up.
    void loadShows();
  }, [loadShows]);
  useEffect(() => {
    if (current)
      document.getElementById(`show-${current.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  // The filter field and the list itself both drive the list (the list is focusable for Tab users).
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const i = current ? order.indexOf(current) : -1;
    const move = (to: number) => {
      e.preventDefault();
      const next = order[Math.max(0, Math.min(order.length - 1, to))];
      if (next) setHighlight(next.id);
    };
    if (e.ctrlKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      const to = addDays(date, e.key === 'ArrowRight' ? 1 : -1);
      setShowDate(to === today ? null : to);
      return;
    }
    // Keys typed while the chosen show is still opening belong to its map, not to this list.
    // Read the store, not the last render: the key may come before React has drawn the loading state.
    if ((/^[1-9]$/.test(e.key) || e.key === 'Enter') && store.getState().mapLoading) {
      e.preventDefault();
      store.getState().typeAhead(e.key);
      return;
    }
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'PageDown') move(i + 5);
    else if (e.key === 'PageUp') move(i - 5);
    else if (e.key === 'Enter' && current) {
      e.preventDefault();
      open(current);
    }
  };

  return (
    <main className="shows" aria-labelledby="shows-h">
      <div className="shows-bar">
        <h2 id="shows-h">
          Shows · {date === today ? `Today, ${dateLabel(date, l)}` : dateLabel(date, l)}
        </h2>
        <label className="field-inline">
          Date
          <input
            type="date"
            value={date}
            onChange={(e) =>
              setShowDate(e.target.value === '' || e.target.value === today ? null : e.target.value)
            }
          />
        </label>
        <button
          type="button"
          onClick={() => setShowDate(addDays(date, -1) === today ? null : addDays(date, -1))}
        >
          ◀ Day before (Ctrl+←)
        </button>
        <button type="button" disabled={date === today} onClick={() => setShowDate(null)}>
          Today
        </button>
        <button
          type="button"
          onClick={() => setShowDate(addDays(date, 1) === today ? null : addDays(date, 1))}
        >
          Day after (Ctrl+→) ▶
        </button>
      </div>
      <div className="filter-row">
        <label htmlFor="show-filter">Find a show</label>
        <input
          id="show-filter"
          ref={input}
          className="filter"
          placeholder="Type a film, time, screen, format or language — ↑↓ to move, Enter to open"
          value={filter}
          autoComplete="off"
          aria-controls="show-listbox"
          aria-activedescendant={current ? `show-${current.id}` : undefined}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={onKey}
        />
      </div>
      <div
        id="show-listbox"
        className="show-list"
        role="listbox"
        aria-label="Shows"
        tabIndex={0}
        aria-activedescendant={current ? `show-${current.id}` : undefined}
        onKeyDown={onKey}
      >
        {groups.map((g) => (
          <div
            key={g.movieId}
            role="group"
            aria-labelledby={`movie-${g.movieId}`}
            className="movie"
          >
            <div className="movie-head" id={`movie-${g.movieId}`}>
              <Poster url={g.posterUrl} title={g.title} />
              <span className="movie-title">{g.title}</span>{' '}
              <span className="cert">{g.certification}</span>{' '}
              <span className="muted">{g.durationMinutes} min</span>
            </div>
            <div className="show-cards">
              {g.shows.map((s) => (
                <div
                  key={s.id}
                  id={`show-${s.id}`}
                  role="option"
                  aria-selected={s.id === current?.id}
                  aria-disabled={isClosed(s) || undefined}
                  className={`show-card${s.id === current?.id ? ' active' : ''}${s.seats.available === 0 ? ' soldout' : ''}${isClosed(s) ? ' closed' : ''}`}
                  onClick={() => {
                    setHighlight(s.id);
                    open(s);
                  }}
                >
                  <span className="show-time">
                    {s.localTime}
                    {isClosed(s) ? (
                      <span className="closed-note">
                        Started {startedAgo(Date.parse(s.startsAt), now)} — closed for sale
                      </span>
                    ) : (
                      Date.parse(s.startsAt) < now && <span className="started">started</span>
                    )}
                  </span>
                  <span className="show-meta">
                    {s.format} · {s.language.toUpperCase()} · {s.screenName}
                  </span>
                  <AvailabilityBar
                    total={s.seats.total}
                    available={s.seats.available}
                    mine={s.seats.mine}
                  />
                </div>
              ))}
            </div>
          </div>
        ))}
        {!loading && order.length === 0 && (
          <p className="empty">
            {shows.length === 0
              ? 'No shows on this day in the station’s copy of the schedule. Try another date, or wait for the sync.'
              : 'No show matches. Clear the filter (select it and delete) to see all shows.'}
          </p>
        )}
      </div>
    </main>
  );
}

/** Now, refreshed every 20 s: a list left open keeps its "started" and "closed" marks true. */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 20_000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return now;
}
