// The screen planner (issue 16; Vista's Program Scheduler is the model): a cinema day per view with
// the week's days as tabs, one lane per screen, shows as blocks sized by their ads, film and
// cleaning, coloured by film and marked by state. Films are dragged from the palette onto a lane;
// blocks are dragged to move. Every action has a key: arrows move between blocks, Enter opens one,
// Alt+←/→ moves it by 5 minutes, Delete removes a draft, N adds shows.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import type { FilmView } from '../../../../common/api/admin-films.js';
import type { PriceCardView } from '../../../../common/api/admin-prices.js';
import type { PlannedShow, ScheduleView } from '../../../../common/api/admin-schedule.js';
import { addDays, localDateOf, zonedInstant } from '../../../../common/schedule.js';
import { useAdmin } from '../context.js';
import { errorText } from '../kit/fields.js';
import { BatchDialog } from './BatchDialog.js';
import { CopyDialog } from './CopyDialog.js';
import { HouseSeats } from './HouseSeats.js';
import { DAY_MINUTES, hourMarks, instantAt, snapFraction, weekOf } from './planner-math.js';
import { FilmPalette } from './FilmPalette.js';
import { ScreenLane } from './ScreenLane.js';
import { ShowPanel } from './ShowPanel.js';
import { WeekTabs } from './WeekTabs.js';

/** The schedule section. */
export function ScheduleScreen() {
  const { api, cinemaId, readOnly } = useAdmin();
  const [today] = useState(() => localDateOf(new Date(), 'UTC'));
  const [date, setDate] = useState<string | null>(null);
  const [week, setWeek] = useState<ScheduleView | null>(null);
  const [films, setFilms] = useState<FilmView[]>([]);
  const [cards, setCards] = useState<PriceCardView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'batch' | 'copy-day' | 'copy-week' | 'seats' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reload, setReload] = useState(0);
  const [batchFilm, setBatchFilm] = useState<string | null>(null);
  // The film picked in the palette: each lane shows where it fits that day (free slots).
  const [fitFilm, setFitFilm] = useState<string | null>(null);
  const [free, setFree] = useState<Record<string, { from: string; to: string }[]>>({});
  const days = weekOf(date ?? today);
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    api.schedule(cinemaId, days[0] ?? today, 7).then(
      (w) => {
        if (!live) return;
        setWeek(w);
        // The first view opens on the cinema's own today.
        setDate((d) => d ?? localDateOf(new Date(), w.timeZone));
      },
      (e: unknown) => live && setMessage({ ok: false, text: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, cinemaId, days[0], reload]);
  useEffect(() => {
    api.films({ status: 'now_showing', pageSize: 100, sort: 'title' }).then(
      (p) => setFilms(p.items),
      () => undefined,
    );
    api.scheduleCards(cinemaId).then(setCards, () => undefined);
  }, [api, cinemaId, reload]);

  // N adds shows from anywhere in the section, unless typing or a dialog is open.
  // The N key reads the screen's state as committed (a layout effect, before the next paint), not
  // as it was when the listener was added: a key pressed just after a dialog closes opens the next.
  const keyState = useRef({ dialog, readOnly });
  useLayoutEffect(() => {
    keyState.current = { dialog, readOnly };
  }, [dialog, readOnly]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target;
      const typing =
        t instanceof HTMLInputElement ||
        t instanceof HTMLSelectElement ||
        t instanceof HTMLTextAreaElement;
      if (
        (e.key === 'n' || e.key === 'N') &&
        !e.altKey &&
        !e.ctrlKey &&
        !e.metaKey &&
        !typing &&
        keyState.current.dialog === null &&
        keyState.current.readOnly === null
      ) {
        e.preventDefault();
        setDialog('batch');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const day = date ?? today;
  useEffect(() => {
    if (fitFilm === null || !week) {
      setFree({});
      return;
    }
    let live = true;
    Promise.all(
      week.screens.map((sc) =>
        api.freeSlots(sc.id, day, fitFilm).then((r) => [sc.id, r.slots] as const),
      ),
    ).then(
      (pairs) => live && setFree(Object.fromEntries(pairs)),
      () => live && setFree({}),
    );
    return () => {
      live = false;
    };
  }, [api, fitFilm, day, week]);
  const tz = week?.timeZone ?? 'UTC';
  const dayStart = useMemo(
    () => zonedInstant(day, week?.dayStartsAt ?? '06:00', tz),
    [day, tz, week?.dayStartsAt],
  );
  const dayEnd = instantAt(dayStart, DAY_MINUTES);
  const shows = (week?.shows ?? []).filter(
    (s) => new Date(s.startsAt) >= dayStart && new Date(s.startsAt) < dayEnd,
  );
  const show = week?.shows.find((s) => s.id === selected) ?? null;
  const time = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );
  const drafts = (from: string, n: number) =>
    (week?.shows ?? []).filter((s) => {
      const d = localDateOf(new Date(s.startsAt), tz);
      return s.status === 'draft' && d >= from && d < addDays(from, n);
    }).length;

  const fail = (e: unknown) => {
    setMessage({ ok: false, text: errorText(e) });
  };
  const done = (text: string) => {
    setMessage({ ok: true, text });
    refresh();
  };

  const createAt = async (filmId: string, screenId: string, minutes: number) => {
    const film = films.find((f) => f.id === filmId);
    const screen = week?.screens.find((s) => s.id === screenId);
    if (!film || !screen) return;
    try {
      const made = await api.createShows(cinemaId, {
        filmId,
        formatCode: screen.formats.includes('2D') ? '2D' : (screen.formats[0] ?? '2D'),
        language: film.languages[0] ?? 'en',
        slots: [{ screenId, startsAt: instantAt(dayStart, minutes).toISOString() }],
      });
      const s = made.shows[0];
      if (s) setSelected(s.id);
      done(`${film.title} planned on ${screen.name} at ${s ? time(s.startsAt) : ''} (draft).`);
    } catch (e) {
      fail(e);
    }
  };
  const move = async (s: PlannedShow, startsAt: Date, screenId: string) => {
    const sales = s.sold + s.held;
    if (
      sales > 0 &&
      !window.confirm(
        `${String(sales)} seats of this show are sold or held. Move it? Its online customers will be told.`,
      )
    )
      return;
    try {
      await api.patchShow(s.id, {
        startsAt: startsAt.toISOString(),
        ...(screenId === s.screenId ? {} : { screenId }),
        ...(sales > 0 ? { confirmSales: true } : {}),
      });
      done(`${s.filmTitle} moved to ${time(startsAt.toISOString())}.`);
    } catch (e) {
      fail(e);
    }
  };
  const publish = async (body: { showIds: string[] } | { from: string; days: number }) => {
    try {
      const r = await api.publishShows(cinemaId, body);
      done(
        r.published === 0
          ? 'There were no drafts to publish.'
          : `${String(r.published)} show${r.published === 1 ? '' : 's'} published: counters, kiosks and the web can sell them now.`,
      );
    } catch (e) {
      fail(e);
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>, screenId: string) => {
    e.preventDefault();
    if (readOnly !== null) return;
    const box = e.currentTarget.getBoundingClientRect();
    const minutes = snapFraction((e.clientX - box.left) / box.width);
    const film = e.dataTransfer.getData('application/x-film');
    const moved = e.dataTransfer.getData('application/x-show');
    if (film) void createAt(film, screenId, minutes);
    const s = week?.shows.find((x) => x.id === moved);
    if (s) {
      const grab = Number(e.dataTransfer.getData('application/x-grab') || '0');
      void move(s, instantAt(dayStart, Math.max(0, minutes - grab)), screenId);
    }
  };

  const onBlockKey = (
    e: KeyboardEvent<HTMLButtonElement>,
    s: PlannedShow,
    laneShows: PlannedShow[],
  ) => {
    const i = laneShows.findIndex((x) => x.id === s.id);
    const focus = (id: string | undefined) =>
      id && document.querySelector<HTMLButtonElement>(`[data-show="${id}"]`)?.focus();
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      if (readOnly === null)
        void move(
          s,
          new Date(new Date(s.startsAt).getTime() + (e.key === 'ArrowLeft' ? -5 : 5) * 60_000),
          s.screenId,
        );
    } else if (e.key === 'ArrowRight') focus(laneShows[i + 1]?.id);
    else if (e.key === 'ArrowLeft') focus(laneShows[i - 1]?.id);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const lanes = [...document.querySelectorAll<HTMLElement>('.planner-lane')];
      const here = lanes.findIndex((l) => l.contains(e.currentTarget));
      const next = lanes[here + (e.key === 'ArrowDown' ? 1 : -1)];
      next?.querySelector<HTMLButtonElement>('[data-show]')?.focus();
    } else if (e.key === 'Delete' && s.status === 'draft' && readOnly === null) {
      e.preventDefault();
      api.deleteShow(s.id).then(() => done(`The draft of ${s.filmTitle} was deleted.`), fail);
    }
  };

  return (
    <section aria-labelledby="schedule-h" className="admin-section planner">
      <header className="admin-head">
        <h2 id="schedule-h">Schedule</h2>
        <div className="planner-tools">
          <button
            type="button"
            className="primary"
            disabled={readOnly !== null}
            onClick={() => setDialog('batch')}
          >
            Add shows <kbd aria-hidden="true">N</kbd>
          </button>
          <button type="button" disabled={readOnly !== null} onClick={() => setDialog('copy-day')}>
            Copy day…
          </button>
          <button type="button" disabled={readOnly !== null} onClick={() => setDialog('copy-week')}>
            Copy week…
          </button>
          <button
            type="button"
            disabled={readOnly !== null || drafts(day, 1) === 0}
            onClick={() => void publish({ from: day, days: 1 })}
          >
            Publish day ({drafts(day, 1)})
          </button>
          <button
            type="button"
            disabled={readOnly !== null || drafts(days[0] ?? day, 7) === 0}
            onClick={() => void publish({ from: days[0] ?? day, days: 7 })}
          >
            Publish week ({drafts(days[0] ?? day, 7)})
          </button>
        </div>
      </header>
      <WeekTabs
        days={days}
        day={day}
        drafts={(d) => drafts(d, 1)}
        onDay={setDate}
        onToday={() => setDate(localDateOf(new Date(), tz))}
      />
      {message && (
        <p
          className={message.ok ? 'admin-ok' : 'admin-error'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      <div className="planner-body">
        <FilmPalette
          films={films}
          picked={fitFilm}
          readOnly={readOnly !== null}
          onPick={setFitFilm}
          onPlan={(id) => {
            setBatchFilm(id);
            setDialog('batch');
          }}
        />
        <div className="planner-timeline" role="region" aria-label={`Shows on ${day}`} tabIndex={0}>
          <div className="planner-axis" aria-hidden="true">
            {hourMarks(120).map((m) => (
              <span key={m} style={{ left: `${String((m / DAY_MINUTES) * 100)}%` }}>
                {time(instantAt(dayStart, m).toISOString())}
              </span>
            ))}
          </div>
          {(week?.screens ?? []).map((screen) => {
            const lane = shows.filter((s) => s.screenId === screen.id);
            return (
              <ScreenLane
                key={screen.id}
                screen={screen}
                shows={lane}
                free={free[screen.id] ?? []}
                dayStart={dayStart}
                selected={selected}
                readOnly={readOnly !== null}
                time={time}
                onDrop={(e) => onDrop(e, screen.id)}
                onSelect={setSelected}
                onBlockKey={(e, s) => onBlockKey(e, s, lane)}
              />
            );
          })}
          {week && week.screens.length === 0 && (
            <p className="admin-note">This cinema has no screens yet.</p>
          )}
        </div>
        {show && (
          <ShowPanel
            key={show.id}
            show={show}
            cards={cards}
            timeZone={tz}
            onClose={() => setSelected(null)}
            onChanged={(text) => done(text)}
            onSeats={() => setDialog('seats')}
          />
        )}
      </div>
      {dialog === 'batch' && week && (
        <BatchDialog
          week={week}
          films={films}
          filmId={batchFilm}
          cards={cards}
          days={days}
          day={day}
          onClose={() => {
            setDialog(null);
            setBatchFilm(null);
          }}
          onCreated={(text) => {
            setDialog(null);
            setBatchFilm(null);
            done(text);
          }}
        />
      )}
      {(dialog === 'copy-day' || dialog === 'copy-week') && (
        <CopyDialog
          from={dialog === 'copy-day' ? day : (days[0] ?? day)}
          days={dialog === 'copy-day' ? 1 : 7}
          onClose={() => setDialog(null)}
          onCopied={(text) => {
            setDialog(null);
            done(text);
          }}
        />
      )}
      {dialog === 'seats' && show && (
        <HouseSeats show={show} onClose={() => setDialog(null)} onChanged={() => refresh()} />
      )}
    </section>
  );
}
