import { describe, expect, it } from 'vitest';
import { formatInstant, localizeInstants } from './instant-words.js';

const at = new Date('2026-11-04T09:26:07.535Z');
const kolkata = { timeZone: 'Asia/Kolkata', locale: 'en-IN' };

describe('instant words', () => {
  it('shows an instant in the cinema zone and locale, or as UTC saying so', () => {
    // ICU versions differ in small marks (04-Nov or 4 Nov), not in the zone's wall-clock time.
    expect(formatInstant(at, kolkata)).toMatch(/^0?4[ -]Nov[ -]2026, 2:56\spm$/i);
    expect(formatInstant(at, { timeZone: 'Europe/London', locale: 'en-GB' })).toBe(
      '4 Nov 2026, 09:26',
    );
    expect(formatInstant(at)).toBe('4 Nov 2026, 09:26 UTC');
  });

  it('rewrites the ISO instants of a message and leaves the rest alone', () => {
    expect(
      localizeInstants('Code X expired at 2026-11-04T09:26:07.535Z; seat A1.', kolkata),
    ).toMatch(/^Code X expired at 0?4[ -]Nov[ -]2026, 2:56\spm; seat A1\.$/i);
    expect(localizeInstants('Held until 2026-11-04T15:00:00+05:30.', kolkata)).toMatch(
      /^Held until 0?4[ -]Nov[ -]2026, 3:00\spm\.$/i,
    );
    expect(localizeInstants('Show on 2026-11-04, no time.', kolkata)).toBe(
      'Show on 2026-11-04, no time.',
    );
    expect(localizeInstants('at 2026-11-04T09:26:07Z', null)).toBe('at 2026-11-04T09:26:07Z');
  });
});
