import { describe, expect, it } from 'vitest';
import { localDateOf, localTimeOf } from '../common/schedule.js';
import { offsetTo } from './e2e-hours.js';

// Fixed instants, in and out of British Summer Time, so the answer never depends on today.
describe('offsetTo', () => {
  it.each([
    ['2026-12-04T11:30:00Z', '23:45'],
    ['2026-12-04T11:30:00Z', '00:30'],
    ['2026-12-04T11:30:00Z', '09:15'],
    ['2026-07-01T23:50:00Z', '00:30'],
    ['2026-07-01T23:50:00Z', '23:45'],
  ])('from %s moves the clock ahead until London reads %s', (iso, hhmm) => {
    const now = Date.parse(iso);
    const offset = offsetTo(hhmm, 'Europe/London', now);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(86_400);
    const fake = new Date(now + offset * 1000);
    expect(localTimeOf(fake, 'Europe/London', 'en-GB')).toBe(hhmm);
    expect(localDateOf(fake, 'Europe/London') >= localDateOf(new Date(now), 'Europe/London')).toBe(
      true,
    );
  });
});
