// Calendar helpers for planning shows in each cinema's local time; zone arithmetic is common/schedule's.
import { localDateOf, localTimeOf, zonedInstant } from '../../common/schedule.js';

export { addDays } from '../../common/schedule.js';

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate = localDateOf;

/** Day of the week of a calendar date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The UTC instant of `minutes` after local midnight of `date` in a time zone (minutes < 1440). */
export function zonedTime(date: string, minutes: number, timeZone: string): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return zonedInstant(date, `${hh}:${mm}`, timeZone);
}

/** Minutes after local midnight of an instant in a time zone. */
export function localMinutes(at: Date, timeZone: string): number {
  const [h, m] = localTimeOf(at, timeZone, 'en-GB').split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
