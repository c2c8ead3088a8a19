import { describe, expect, it } from 'vitest';
import {
  blockBox,
  filmHue,
  instantAt,
  minutesFrom,
  percentOfSeats,
  seatsForPercent,
  snapFraction,
  weekOf,
} from './planner-math.js';

const start = new Date('2030-03-04T06:00:00Z');

describe('planner math', () => {
  it('places times on the lane and back', () => {
    expect(minutesFrom(start, '2030-03-04T08:30:00Z')).toBe(150);
    expect(instantAt(start, 150).toISOString()).toBe('2030-03-04T08:30:00.000Z');
    expect(blockBox(start, '2030-03-04T06:00:00Z', '2030-03-04T12:00:00Z')).toEqual({
      left: 0,
      width: 25,
    });
    // A show running past the day's end is cut at the lane's edge.
    expect(blockBox(start, '2030-03-05T04:00:00Z', '2030-03-05T08:00:00Z').width).toBeCloseTo(
      (120 / 1440) * 100,
    );
  });

  it('snaps drops to five minutes inside the day', () => {
    expect(snapFraction(0.5)).toBe(720);
    expect(snapFraction(0.1001)).toBe(145);
    expect(snapFraction(-1)).toBe(0);
    expect(snapFraction(2)).toBe(1435);
  });

  it('keeps a film’s colour and turns quotas into seats', () => {
    expect(filmHue('abc')).toBe(filmHue('abc'));
    expect(filmHue('abc')).toBeGreaterThanOrEqual(0);
    expect(filmHue('abc')).toBeLessThan(360);
    expect(seatsForPercent(120, 80)).toBe(96);
    expect(seatsForPercent(121, 80)).toBe(96);
    expect(percentOfSeats(120, 96)).toBe(80);
    expect(percentOfSeats(0, 0)).toBe(0);
  });

  it('gives the Monday-first week of a date', () => {
    expect(weekOf('2030-03-06')).toEqual([
      '2030-03-04',
      '2030-03-05',
      '2030-03-06',
      '2030-03-07',
      '2030-03-08',
      '2030-03-09',
      '2030-03-10',
    ]);
    expect(weekOf('2030-03-10')[0]).toBe('2030-03-04');
  });
});
