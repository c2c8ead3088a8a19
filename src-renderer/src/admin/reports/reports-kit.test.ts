// Report periods and CSV: pure functions, so checked for any day, including month and year ends.
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { cinemaToday, presetRange } from './period.js';

describe('report periods', () => {
  it('puts the small hours on the cinema day before', () => {
    expect(cinemaToday(new Date('2026-03-10T05:59:00Z'), 'UTC', '06:00')).toBe('2026-03-09');
    expect(cinemaToday(new Date('2026-03-10T06:00:00Z'), 'UTC', '06:00')).toBe('2026-03-10');
    // Kolkata is 5:30 ahead: 00:40 UTC is 06:10 there.
    expect(cinemaToday(new Date('2026-03-10T00:40:00Z'), 'Asia/Kolkata', '06:00')).toBe(
      '2026-03-10',
    );
  });

  it('gives each preset its days, across month and year ends', () => {
    expect(presetRange('week', '2026-03-11')).toEqual({ from: '2026-03-09', to: '2026-03-11' });
    expect(presetRange('week', '2026-03-15')).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(presetRange('lastMonth', '2026-01-05')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(presetRange('lastMonth', '2024-03-31')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(presetRange('yesterday', '2026-01-01')).toEqual({
      from: '2025-12-31',
      to: '2025-12-31',
    });
    expect(presetRange('year', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('CSV', () => {
  it('quotes what needs it and never writes a formula', () => {
    expect(
      toCsv(
        ['Film', 'Net'],
        [
          ['Up, Up "and" Away', 1200],
          ['=HYPERLINK("x")', null],
        ],
      ),
    ).toBe('Film,Net\r\n"Up, Up ""and"" Away",1200\r\n"\'=HYPERLINK(""x"")",\r\n');
  });
});
