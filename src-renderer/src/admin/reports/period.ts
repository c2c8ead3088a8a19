// Report periods (issue 17): the presets a manager picks from, as cinema days relative to the
// cinema's own today (its time zone and day start), so "yesterday" at 01:00 is the day before's
// takings, as on a Z-report.
import { addDays, localDateOf } from '../../../../common/schedule.js';

export const PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'week', label: 'This week' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'month', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'year', label: 'Last 12 months' },
  { id: 'custom', label: 'Dates…' },
] as const;
export type Preset = (typeof PRESETS)[number]['id'];

/** The cinema day of `now` in `timeZone`, the day starting at `dayStartsAt` ("HH:MM"). */
export function cinemaToday(now: Date, timeZone: string, dayStartsAt: string): string {
  const [h, m] = dayStartsAt.split(':').map(Number);
  const offset = ((h ?? 6) * 60 + (m ?? 0)) * 60_000;
  return localDateOf(new Date(now.getTime() - offset), timeZone);
}

/** The first and last cinema day of a preset, seen from the cinema day `today`. */
export function presetRange(
  preset: Exclude<Preset, 'custom'>,
  today: string,
): { from: string; to: string } {
  const monday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'week':
      return { from: monday, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'month':
      return { from: monthStart, to: today };
    case 'lastMonth': {
      const end = addDays(monthStart, -1);
      return { from: `${end.slice(0, 8)}01`, to: end };
    }
    case 'year':
      return { from: addDays(today, -364), to: today };
  }
}
