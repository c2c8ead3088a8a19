// Schedule rules: when a show frees its screen, which shows collide, and the cinema's local calendar.
// Times are stored as UTC instants and shown in the cinema's time zone (STYLE 7); the zone maths uses
// Intl only, so it runs the same in Node, Electron and the browser.
import { z } from 'zod';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar date as the cinema's staff say it: "2025-03-30". */
export const localDateSchema = z.iso.date();

/** A show's slot on a screen; endsAt already includes the cleaning buffer (see showEnd). */
export type ScheduledShow = {
  id?: string;
  screenId: string;
  startsAt: Date;
  endsAt: Date;
  status?: string;
};

/** When the screen is free again: start + film + cleaning. */
export function showEnd(start: Date, durationMinutes: number, cleaningMinutes: number): Date {
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError(
      `showEnd: durationMinutes must be a positive integer, got ${durationMinutes}`,
    );
  }
  if (!Number.isInteger(cleaningMinutes) || cleaningMinutes < 0) {
    throw new RangeError(
      `showEnd: cleaningMinutes must be a non-negative integer, got ${cleaningMinutes}`,
    );
  }
  return new Date(start.getTime() + (durationMinutes + cleaningMinutes) * MINUTE);
}

/**
 * The shows on the candidate's screen whose slots overlap it. Slots are half-open [startsAt, endsAt),
 * so a show may start the minute the previous one's cleaning ends. The candidate itself (same id)
 * and cancelled shows never conflict, so an edit can be checked against the current schedule.
 */
export function findConflicts<T extends ScheduledShow>(
  existing: readonly T[],
  candidate: ScheduledShow,
): T[] {
  const start = candidate.startsAt.getTime();
  const end = candidate.endsAt.getTime();
  return existing.filter(
    (s) =>
      s.screenId === candidate.screenId &&
      (candidate.id === undefined || s.id !== candidate.id) &&
      s.status !== 'cancelled' &&
      s.startsAt.getTime() < end &&
      start < s.endsAt.getTime(),
  );
}

/** A calendar date `days` after `date` (YYYY-MM-DD); negative goes back. */
export function addDays(date: string, days: number): string {
  return new Date(parseLocalDate(date) + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseLocalDate(to) - parseLocalDate(from)) / DAY);
}

/** The UTC instants [from, to) of one local calendar day; 23 or 25 hours long on DST days. */
export function localDayRange(date: string, timeZone: string): { from: Date; to: Date } {
  const midnight = parseLocalDate(date);
  return {
    from: new Date(startOfDay(midnight, timeZone)),
    to: new Date(startOfDay(midnight + DAY, timeZone)),
  };
}

/** The local calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The local time of an instant for people, e.g. "19:30" or "7:30 PM", as the locale writes it. */
export function localTimeOf(instant: Date, timeZone: string, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(instant);
}

/**
 * The instant a local date and time ("2025-03-30", "19:30") names in a zone. A time that occurs
 * twice (clocks going back) gives the first; a time skipped by clocks going forward gives the
 * instant it would have been with the old offset, like Temporal's "compatible" rule (02:30 → 03:30).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`zonedInstant: time must be HH:MM, got ${time}`);
  const wall = parseLocalDate(date) + (Number(m[1]) * 60 + Number(m[2])) * MINUTE;
  const [first] = instantsAt(wall, timeZone);
  return new Date(first ?? wall - offsetAt(wall - DAY, timeZone));
}

// The earliest instant whose local date is the day starting at `midnight` (a wall time in ms).
function startOfDay(midnight: number, timeZone: string): number {
  const [first] = instantsAt(midnight, timeZone);
  if (first !== undefined) return first;
  // Midnight itself was skipped (Santiago, Havana, old Brazil): the day starts at the transition.
  let lo = midnight - offsetAt(midnight + DAY, timeZone);
  let hi = midnight - offsetAt(midnight - DAY, timeZone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(mid, timeZone) >= midnight) hi = mid;
    else lo = mid;
  }
  return hi;
}

// Every instant whose wall clock reads `wall`: none in a spring-forward gap, two in a fall-back hour.
function instantsAt(wall: number, timeZone: string): number[] {
  const out: number[] = [];
  for (const offset of new Set([offsetAt(wall - DAY, timeZone), offsetAt(wall + DAY, timeZone)])) {
    const t = wall - offset;
    if (wallClock(t, timeZone) === wall && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

function offsetAt(instant: number, timeZone: string): number {
  return wallClock(instant, timeZone) - instant;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// The local wall-clock reading of an instant, as milliseconds since the epoch read as if UTC.
function wallClock(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US with h23 gives plain numeric parts and never "24" for midnight.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of f.formatToParts(instant)) {
    if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + ms;
}

function parseLocalDate(date: string): number {
  if (!localDateSchema.safeParse(date).success)
    throw new RangeError(`expected a date YYYY-MM-DD, got ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}
