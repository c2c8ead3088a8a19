// The planner's days (issue 16): the week's seven cinema days as tabs, each with its count of drafts,
// and the way to the week before, the week after and this week.
import { addDays } from '../../../../common/schedule.js';

/** The week's day tabs. */
export function WeekTabs({
  days,
  day,
  drafts,
  onDay,
  onToday,
}: {
  days: string[];
  day: string;
  drafts: (date: string) => number;
  onDay: (date: string) => void;
  onToday: () => void;
}) {
  return (
    <nav className="planner-week" aria-label="Days">
      <button type="button" onClick={() => onDay(addDays(day, -7))} aria-label="Previous week">
        ‹
      </button>
      {days.map((d) => (
        <button
          key={d}
          type="button"
          aria-current={d === day ? 'date' : undefined}
          className={d === day ? 'active' : undefined}
          onClick={() => onDay(d)}
        >
          {new Intl.DateTimeFormat('en-GB', {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            timeZone: 'UTC',
          }).format(new Date(`${d}T12:00:00Z`))}
          {drafts(d) > 0 && <span className="planner-drafts"> · {drafts(d)} draft</span>}
        </button>
      ))}
      <button type="button" onClick={() => onDay(addDays(day, 7))} aria-label="Next week">
        ›
      </button>
      <button type="button" onClick={onToday}>
        This week
      </button>
    </nav>
  );
}
