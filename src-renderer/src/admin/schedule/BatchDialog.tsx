// Adding shows in a batch (issue 16; Vista's session entry): a film on some screens and days, at
// listed times or generated from an earliest and latest start with a spacing. "Check" asks the
// server what would be created and shows every conflict with the show it clashes with; "Create"
// saves only the shows without one and says which were left out and why.
import { useRef, useState } from 'react';
import type { FilmView } from '../../../../common/api/admin-films.js';
import type { PriceCardView } from '../../../../common/api/admin-prices.js';
import type { BatchPlan, BatchSpec, ScheduleView } from '../../../../common/api/admin-schedule.js';
import { useFocusTrap } from '../../lib/use-focus-trap.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { AdminError } from '../api.js';

type Props = {
  week: ScheduleView;
  films: FilmView[];
  /** The film to start with (one picked in the palette), or the first. */
  filmId: string | null;
  cards: PriceCardView[];
  days: string[];
  day: string;
  onClose: () => void;
  onCreated: (message: string) => void;
};

const dayName = (d: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T12:00:00Z`),
  );

/** The "Add shows" dialog. */
export function BatchDialog({
  week,
  films,
  filmId: initialFilm,
  cards,
  days,
  day,
  onClose,
  onCreated,
}: Props) {
  const { api, cinemaId } = useAdmin();
  const box = useRef<HTMLDivElement>(null);
  useFocusTrap(box);
  const formats = [...new Set(week.screens.flatMap((s) => s.formats))].sort();
  const [filmId, setFilmId] = useState(initialFilm ?? films[0]?.id ?? '');
  const film = films.find((f) => f.id === filmId);
  const [format, setFormat] = useState(formats.includes('2D') ? '2D' : (formats[0] ?? ''));
  const [language, setLanguage] = useState(film?.languages[0] ?? 'en');
  const [screens, setScreens] = useState<string[]>(week.screens[0] ? [week.screens[0].id] : []);
  const [dates, setDates] = useState<string[]>([day]);
  const [mode, setMode] = useState<'times' | 'generate'>('times');
  const [times, setTimes] = useState('14:00, 18:00');
  const [earliest, setEarliest] = useState('10:00');
  const [latest, setLatest] = useState('21:00');
  const [spacing, setSpacing] = useState('');
  const [card, setCard] = useState('');
  const [plan, setPlan] = useState<BatchPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  const spec = (): BatchSpec => ({
    filmId,
    formatCode: format,
    language: language.trim(),
    screenIds: screens,
    dates,
    ...(mode === 'times'
      ? { times: times.split(/[,\s]+/).filter((t) => t !== '') }
      : {
          generate: {
            earliest,
            latest,
            ...(spacing.trim() === '' ? {} : { spacingMinutes: Number(spacing) }),
          },
        }),
    ...(card === '' ? {} : { priceCardId: card }),
  });
  const check = async () => {
    setError(null);
    setFields({});
    try {
      setPlan(await api.planShows(cinemaId, spec()));
    } catch (e) {
      setPlan(null);
      setError(errorText(e));
      if (e instanceof AdminError) setFields(e.fields);
    }
  };
  const good = plan?.slots.filter((s) => s.conflicts.length === 0) ?? [];
  const bad = plan?.slots.filter((s) => s.conflicts.length > 0) ?? [];
  const create = async () => {
    try {
      const made = await api.createShows(cinemaId, {
        filmId,
        formatCode: format,
        language: language.trim(),
        ...(card === '' ? {} : { priceCardId: card }),
        slots: good.map((s) => ({ screenId: s.screenId, startsAt: s.startsAt })),
      });
      onCreated(
        `${String(made.shows.length)} draft show${made.shows.length === 1 ? '' : 's'} of ${film?.title ?? 'the film'} created` +
          (bad.length > 0
            ? `; ${String(bad.length)} left out because of conflicts (listed in the check).`
            : '.'),
      );
    } catch (e) {
      setError(errorText(e));
    }
  };
  const screenName = (id: string) => week.screens.find((s) => s.id === id)?.name ?? '';
  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: week.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog planner-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="batch-h"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h3 id="batch-h">Add shows</h3>
        <div className="admin-grid">
          <Field id="batch-film" label="Film" error={messageFor(fields, '/filmId')}>
            <select
              value={filmId}
              autoFocus
              onChange={(e) => {
                setFilmId(e.target.value);
                setLanguage(films.find((f) => f.id === e.target.value)?.languages[0] ?? language);
                setPlan(null);
              }}
            >
              {films.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title} ({f.durationMinutes} min)
                </option>
              ))}
            </select>
          </Field>
          <Field id="batch-format" label="Format" error={messageFor(fields, '/formatCode')}>
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              {formats.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </Field>
          <Field id="batch-language" label="Language" error={messageFor(fields, '/language')}>
            <input value={language} onChange={(e) => setLanguage(e.target.value)} />
          </Field>
          <Field id="batch-card" label="Price card" hint="Or the card that matches each show">
            <select value={card} onChange={(e) => setCard(e.target.value)}>
              <option value="">The matching card</option>
              {cards
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </Field>
        </div>
        <fieldset className="checks">
          <legend>Screens</legend>
          {week.screens.map((s) => (
            <label key={s.id}>
              <input
                type="checkbox"
                checked={screens.includes(s.id)}
                onChange={() => setScreens((xs) => toggle(xs, s.id))}
              />
              {s.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>Days</legend>
          {days.map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={dates.includes(d)}
                onChange={() => setDates((xs) => toggle(xs, d))}
              />
              {dayName(d)}
            </label>
          ))}
          <button type="button" className="text-button" onClick={() => setDates(days)}>
            Whole week
          </button>
        </fieldset>
        <fieldset className="checks">
          <legend>Start times</legend>
          <label>
            <input
              type="radio"
              name="batch-mode"
              checked={mode === 'times'}
              onChange={() => setMode('times')}
            />{' '}
            At these times
          </label>
          <label>
            <input
              type="radio"
              name="batch-mode"
              checked={mode === 'generate'}
              onChange={() => setMode('generate')}
            />{' '}
            Generate sessions
          </label>
        </fieldset>
        {mode === 'times' ? (
          <Field
            id="batch-times"
            label="Times"
            hint="HH:MM, separated by commas"
            error={messageFor(fields, '/times')}
          >
            <input value={times} onChange={(e) => setTimes(e.target.value)} />
          </Field>
        ) : (
          <div className="admin-grid">
            <Field
              id="batch-earliest"
              label="Earliest start"
              error={messageFor(fields, '/generate/earliest')}
            >
              <input value={earliest} onChange={(e) => setEarliest(e.target.value)} />
            </Field>
            <Field
              id="batch-latest"
              label="Latest start"
              error={messageFor(fields, '/generate/latest')}
            >
              <input value={latest} onChange={(e) => setLatest(e.target.value)} />
            </Field>
            <Field
              id="batch-spacing"
              label="Minutes apart"
              hint="Empty: the show's length with ads and cleaning"
            >
              <input
                inputMode="numeric"
                value={spacing}
                onChange={(e) => setSpacing(e.target.value)}
              />
            </Field>
          </div>
        )}
        {error && (
          <p className="admin-error" role="alert">
            {error}
          </p>
        )}
        {plan && (
          <div className="planner-plan" role="status">
            <p>
              {good.length} show{good.length === 1 ? '' : 's'} can be created
              {bad.length > 0
                ? `; ${String(bad.length)} conflict${bad.length === 1 ? '' : 's'}:`
                : '.'}
            </p>
            <table className="admin-table">
              <caption className="visually-hidden">Planned shows</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Screen</th>
                  <th scope="col">Price card</th>
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {plan.slots.map((s) => (
                  <tr
                    key={`${s.screenId}${s.startsAt}`}
                    className={s.conflicts.length > 0 ? 'planner-conflict' : undefined}
                  >
                    <td>{local(s.startsAt)}</td>
                    <td>{screenName(s.screenId)}</td>
                    <td>{s.priceCardName ?? '—'}</td>
                    <td>
                      {s.conflicts.length === 0
                        ? 'OK'
                        : s.conflicts
                            .map((c) =>
                              c.clash?.id
                                ? `${c.message} (${local(c.clash.startsAt)}–${local(c.clash.endsAt)})`
                                : c.message,
                            )
                            .join(' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="admin-actions">
          <button type="button" onClick={() => void check()}>
            Check
          </button>
          <button
            type="button"
            className="primary"
            disabled={good.length === 0}
            onClick={() => void create()}
          >
            Create {good.length} show{good.length === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
