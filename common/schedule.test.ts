import { describe, expect, it } from 'vitest';
import {
  findConflicts,
  localDateOf,
  localDayRange,
  localTimeOf,
  showEnd,
  zonedInstant,
  type ScheduledShow,
} from './schedule.js';

const at = (iso: string) => new Date(iso);
const hours = (r: { from: Date; to: Date }) => (r.to.getTime() - r.from.getTime()) / 3_600_000;
const iso = (r: { from: Date; to: Date }) => [r.from.toISOString(), r.to.toISOString()];

describe('showEnd', () => {
  it('adds the film and the cleaning buffer', () => {
    expect(showEnd(at('2025-06-15T18:00:00Z'), 148, 15).toISOString()).toBe(
      '2025-06-15T20:43:00.000Z',
    );
    expect(showEnd(at('2025-06-15T23:00:00Z'), 90, 0).toISOString()).toBe(
      '2025-06-16T00:30:00.000Z',
    );
  });

  it('refuses durations that are not whole positive minutes', () => {
    expect(() => showEnd(at('2025-06-15T18:00:00Z'), 0, 15)).toThrow(RangeError);
    expect(() => showEnd(at('2025-06-15T18:00:00Z'), 90.5, 15)).toThrow(RangeError);
    expect(() => showEnd(at('2025-06-15T18:00:00Z'), 90, -1)).toThrow(RangeError);
  });
});

describe('findConflicts', () => {
  const show = (
    id: string,
    start: string,
    end: string,
    extra: Partial<ScheduledShow> = {},
  ): ScheduledShow => ({
    id,
    screenId: 'screen-1',
    startsAt: at(`2025-06-15T${start}:00Z`),
    endsAt: at(`2025-06-15T${end}:00Z`),
    ...extra,
  });
  const existing = [
    show('a', '12:00', '14:30'),
    show('b', '15:00', '17:45'),
    show('c', '15:00', '17:00', { screenId: 'screen-2' }),
    show('d', '18:00', '20:00', { status: 'cancelled' }),
  ];
  const ids = (c: ScheduledShow) => findConflicts(existing, c).map((s) => s.id);

  it('finds overlaps on the same screen only', () => {
    expect(ids(show('new', '14:00', '15:30'))).toEqual(['a', 'b']);
    expect(ids(show('new', '15:30', '16:00'))).toEqual(['b']); // inside b
    expect(ids(show('new', '11:00', '21:00'))).toEqual(['a', 'b']); // around both
  });

  it('lets a show start when the previous slot ends', () => {
    expect(ids(show('new', '14:30', '15:00'))).toEqual([]);
    expect(ids(show('new', '17:45', '19:00'))).toEqual([]);
  });

  it('ignores the show being edited and cancelled shows', () => {
    expect(ids(show('b', '15:30', '18:00'))).toEqual([]);
    expect(ids(show('new', '18:30', '19:30'))).toEqual([]);
    expect(
      ids({
        screenId: 'screen-1',
        startsAt: at('2025-06-15T15:30:00Z'),
        endsAt: at('2025-06-15T16:00:00Z'),
      }),
    ).toEqual(['b']);
  });
});

describe('localDayRange', () => {
  it('gives 24 hours on ordinary days', () => {
    expect(iso(localDayRange('2025-06-15', 'Europe/London'))).toEqual([
      '2025-06-14T23:00:00.000Z',
      '2025-06-15T23:00:00.000Z',
    ]);
    expect(iso(localDayRange('2025-01-15', 'Europe/London'))).toEqual([
      '2025-01-15T00:00:00.000Z',
      '2025-01-16T00:00:00.000Z',
    ]);
    expect(iso(localDayRange('2025-06-15', 'America/New_York'))).toEqual([
      '2025-06-15T04:00:00.000Z',
      '2025-06-16T04:00:00.000Z',
    ]);
  });

  it('handles Europe/London spring forward (23 h) and fall back (25 h)', () => {
    const spring = localDayRange('2025-03-30', 'Europe/London');
    expect(iso(spring)).toEqual(['2025-03-30T00:00:00.000Z', '2025-03-30T23:00:00.000Z']);
    expect(hours(spring)).toBe(23);
    const autumn = localDayRange('2025-10-26', 'Europe/London');
    expect(iso(autumn)).toEqual(['2025-10-25T23:00:00.000Z', '2025-10-27T00:00:00.000Z']);
    expect(hours(autumn)).toBe(25);
  });

  it('handles America/New_York spring forward (23 h) and fall back (25 h)', () => {
    const spring = localDayRange('2025-03-09', 'America/New_York');
    expect(iso(spring)).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z']);
    expect(hours(spring)).toBe(23);
    const autumn = localDayRange('2025-11-02', 'America/New_York');
    expect(iso(autumn)).toEqual(['2025-11-02T04:00:00.000Z', '2025-11-03T05:00:00.000Z']);
    expect(hours(autumn)).toBe(25);
  });

  it('handles Asia/Kolkata, which has no DST and a half-hour offset', () => {
    expect(iso(localDayRange('2025-06-15', 'Asia/Kolkata'))).toEqual([
      '2025-06-14T18:30:00.000Z',
      '2025-06-15T18:30:00.000Z',
    ]);
    for (const d of ['2025-03-09', '2025-03-30', '2025-10-26', '2025-11-02'])
      expect(hours(localDayRange(d, 'Asia/Kolkata'))).toBe(24);
  });

  it('starts the day at the transition where midnight itself is skipped or repeated', () => {
    // Santiago springs forward at 00:00 → 01:00: the day starts at 01:00 −03.
    expect(iso(localDayRange('2024-09-08', 'America/Santiago'))).toEqual([
      '2024-09-08T04:00:00.000Z',
      '2024-09-09T03:00:00.000Z',
    ]);
    // São Paulo 2018 fell back at 00:00 → 23:00: the Saturday had 25 hours.
    expect(hours(localDayRange('2018-02-17', 'America/Sao_Paulo'))).toBe(25);
    expect(localDayRange('2018-11-04', 'America/Sao_Paulo').from.toISOString()).toBe(
      '2018-11-04T03:00:00.000Z',
    );
  });

  it('refuses malformed dates and unknown zones', () => {
    expect(() => localDayRange('2025-13-01', 'Europe/London')).toThrow(RangeError);
    expect(() => localDayRange('15/06/2025', 'Europe/London')).toThrow(RangeError);
    expect(() => localDayRange('2025-06-15', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(hours(localDayRange('2024-02-29', 'Europe/London'))).toBe(24);
  });

  it('always contains the instants whose local date it is (random instants, 3 zones)', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const from = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 600; i++) {
      const t = new Date(from + (next() % (730 * 24 * 60)) * 60_000 + (next() % 60_000));
      for (const zone of ['Europe/London', 'America/New_York', 'Asia/Kolkata']) {
        const date = localDateOf(t, zone);
        const range = localDayRange(date, zone);
        expect(range.from.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(range.to.getTime());
        expect(localDateOf(new Date(range.from.getTime() - 1), zone)).not.toBe(date);
        expect(localDateOf(new Date(range.to.getTime() - 1), zone)).toBe(date);
      }
    }
  });
});

describe('localDateOf and localTimeOf', () => {
  it('reads the local calendar date', () => {
    expect(localDateOf(at('2025-03-30T23:30:00Z'), 'Europe/London')).toBe('2025-03-31');
    expect(localDateOf(at('2025-03-30T23:30:00Z'), 'America/New_York')).toBe('2025-03-30');
    expect(localDateOf(at('2025-06-14T18:30:00Z'), 'Asia/Kolkata')).toBe('2025-06-15');
    expect(localDateOf(at('2025-06-14T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2025-06-14');
  });

  it('writes the local time as the locale does', () => {
    expect(localTimeOf(at('2025-06-15T18:30:00Z'), 'Europe/London', 'en-GB')).toBe('19:30');
    expect(localTimeOf(at('2025-01-15T18:30:00Z'), 'Europe/London', 'en-GB')).toBe('18:30');
    expect(localTimeOf(at('2025-06-15T23:30:00Z'), 'America/New_York', 'en-US')).toMatch(
      /^7:30\sPM$/u,
    );
    expect(localTimeOf(at('2025-06-15T13:30:00Z'), 'Asia/Kolkata', 'en-GB')).toBe('19:00');
  });
});

describe('zonedInstant', () => {
  it('turns a local date and time into an instant', () => {
    expect(zonedInstant('2025-06-15', '19:30', 'Europe/London').toISOString()).toBe(
      '2025-06-15T18:30:00.000Z',
    );
    expect(zonedInstant('2025-06-15', '19:30', 'Asia/Kolkata').toISOString()).toBe(
      '2025-06-15T14:00:00.000Z',
    );
  });

  it('takes the first of a repeated time and shifts a skipped one forward', () => {
    expect(zonedInstant('2025-10-26', '01:30', 'Europe/London').toISOString()).toBe(
      '2025-10-26T00:30:00.000Z',
    );
    expect(zonedInstant('2025-03-30', '01:30', 'Europe/London').toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(zonedInstant('2025-03-09', '02:30', 'America/New_York').toISOString()).toBe(
      '2025-03-09T07:30:00.000Z',
    );
    expect(() => zonedInstant('2025-03-09', '24:00', 'America/New_York')).toThrow(RangeError);
  });
});
