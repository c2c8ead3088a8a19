// The planner's arithmetic, kept pure for tests: where a time sits on a lane, snapping, a film's
// colour, quotas as a share of the seats, and the local dates of a week.
import { addDays } from '../../../../common/schedule.js';

/** Minutes a cinema day shows on the timeline (06:00 to 06:00). */
export const DAY_MINUTES = 24 * 60;
/** Where a drop or a keyboard move lands: a multiple of this many minutes. */
export const SNAP_MINUTES = 5;

/** Minutes from the lane's start (the cinema day's start instant) to an instant. */
export function minutesFrom(dayStart: Date, at: Date | string): number {
  return Math.round((new Date(at).getTime() - dayStart.getTime()) / 60_000);
}

/** The instant `minutes` after the day's start. */
export function instantAt(dayStart: Date, minutes: number): Date {
  return new Date(dayStart.getTime() + minutes * 60_000);
}

/** A position on a lane (0…1 of its width) as minutes, snapped and kept inside the day. */
export function snapFraction(fraction: number): number {
  const m = Math.round((fraction * DAY_MINUTES) / SNAP_MINUTES) * SNAP_MINUTES;
  return Math.min(DAY_MINUTES - SNAP_MINUTES, Math.max(0, m));
}

/** A block's left and width as percentages of the lane. */
export function blockBox(
  dayStart: Date,
  from: string,
  to: string,
): { left: number; width: number } {
  const a = Math.max(0, minutesFrom(dayStart, from));
  const b = Math.min(DAY_MINUTES, minutesFrom(dayStart, to));
  return { left: (a / DAY_MINUTES) * 100, width: (Math.max(0, b - a) / DAY_MINUTES) * 100 };
}

/** A stable hue (0–359) for a film id, so a film keeps its colour across days and screens. */
export function filmHue(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360;
  return h;
}

/** Seats for a share (0–100 %) of a show's capacity, rounded down: 80 % of 120 → 96. */
export function seatsForPercent(capacity: number, percent: number): number {
  return Math.floor((capacity * Math.min(100, Math.max(0, percent))) / 100);
}

/** The share a quota is of the capacity, in whole percent. */
export function percentOfSeats(capacity: number, seats: number): number {
  return capacity === 0 ? 0 : Math.round((seats / capacity) * 100);
}

/** The seven local dates of the week (Monday first) that holds `date`. */
export function weekOf(date: string): string[] {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  const monday = addDays(date, d === 0 ? -6 : 1 - d);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Hour marks for the axis: minutes from the day's start of each whole hour. */
export function hourMarks(step = 60): number[] {
  return Array.from({ length: DAY_MINUTES / step + 1 }, (_, i) => i * step);
}
