// One screen's lane of the planner (issue 16): its free slots for the picked film, and its shows as
// blocks sized by ads, film and cleaning, coloured by film and marked by state. Blocks are buttons:
// click or Enter selects, arrows and Alt+arrows are the screen's keys (handled by the planner), and a
// drag carries the show and where it was grabbed.
import type { DragEvent, KeyboardEvent } from 'react';
import type { PlannedShow, ScheduleView } from '../../../../common/api/admin-schedule.js';
import { DAY_MINUTES, blockBox, filmHue } from './planner-math.js';

export const STATE_WORDS: Record<PlannedShow['status'], string> = {
  draft: 'draft',
  scheduled: 'on sale',
  on_sale: 'on sale',
  cancelled: 'cancelled',
  finished: 'finished',
};

/** A lane: one screen's row of the day. */
export function ScreenLane({
  screen,
  shows,
  free,
  dayStart,
  selected,
  readOnly,
  time,
  onDrop,
  onSelect,
  onBlockKey,
}: {
  screen: ScheduleView['screens'][number];
  shows: PlannedShow[];
  free: { from: string; to: string }[];
  dayStart: Date;
  selected: string | null;
  readOnly: boolean;
  time: (iso: string) => string;
  onDrop: (e: DragEvent<HTMLDivElement>) => void;
  onSelect: (showId: string) => void;
  onBlockKey: (e: KeyboardEvent<HTMLButtonElement>, show: PlannedShow) => void;
}) {
  return (
    <div className="planner-row">
      <div className="planner-screen">
        {screen.name}
        <span className="planner-minutes">{screen.formats.join(' ')}</span>
      </div>
      <div
        className="planner-lane"
        role="list"
        aria-label={`${screen.name}: ${String(shows.length)} shows`}
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
      >
        {free.map((f) => {
          const b = blockBox(dayStart, f.from, f.to);
          return (
            <div
              key={f.from}
              className="planner-free"
              aria-hidden="true"
              title={`Free ${time(f.from)}–${time(f.to)}`}
              style={{ left: `${String(b.left)}%`, width: `${String(b.width)}%` }}
            />
          );
        })}
        {shows.map((s) => {
          const box = blockBox(dayStart, s.startsAt, s.endsAt);
          const film = blockBox(dayStart, s.filmStartsAt, s.filmEndsAt);
          const label = `${screen.name}, ${time(s.startsAt)}–${time(s.endsAt)}, ${s.filmTitle}, ${STATE_WORDS[s.status]}, ${String(s.sold)} sold`;
          return (
            <div
              role="listitem"
              key={s.id}
              className="planner-slot"
              style={{ left: `${String(box.left)}%`, width: `${String(box.width)}%` }}
            >
              <button
                type="button"
                data-show={s.id}
                className={`planner-block state-${s.status}${s.id === selected ? ' selected' : ''}`}
                style={{
                  ['--hue' as string]: String(filmHue(s.filmId)),
                  ['--film-left' as string]: `${String(box.width === 0 ? 0 : ((film.left - box.left) / box.width) * 100)}%`,
                  ['--film-width' as string]: `${String(box.width === 0 ? 0 : (film.width / box.width) * 100)}%`,
                }}
                aria-label={label}
                title={label}
                draggable={!readOnly && s.status !== 'cancelled'}
                onDragStart={(e) => {
                  e.dataTransfer.setData('application/x-show', s.id);
                  const rect = e.currentTarget.getBoundingClientRect();
                  const lanePx =
                    e.currentTarget.closest('.planner-lane')?.getBoundingClientRect().width ?? 1;
                  e.dataTransfer.setData(
                    'application/x-grab',
                    String(Math.round(((e.clientX - rect.left) / lanePx) * DAY_MINUTES)),
                  );
                }}
                onClick={() => onSelect(s.id)}
                onKeyDown={(e) => onBlockKey(e, s)}
              >
                <span className="planner-title">{s.filmTitle}</span>
                <span className="planner-meta">
                  {time(s.startsAt)} ·{' '}
                  {s.status === 'draft' ? 'Draft' : `${String(s.sold)}/${String(s.capacity)}`}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
